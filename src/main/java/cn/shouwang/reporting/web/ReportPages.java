package cn.shouwang.reporting.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.shouwang.jurisdiction.Level;
import cn.shouwang.reporting.DailyReport;
import cn.shouwang.reporting.NodeReport;
import cn.shouwang.reporting.ReportService;
import cn.shouwang.reporting.Rollup;
import cn.shouwang.reporting.RollupService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Component;

/** What the report page and the API share: a node's report of a day, and its export. */
@Component
class ReportPages {

	private final ReportService reports;

	private final RollupService rollups;

	private final ReportColumns columns;

	private final Messages messages;

	private final cn.shouwang.reporting.DashboardService dashboards;

	ReportPages(ReportService reports, RollupService rollups, ReportColumns columns, Messages messages,
			cn.shouwang.reporting.DashboardService dashboards) {
		this.dashboards = dashboards;
		this.reports = reports;
		this.rollups = rollups;
		this.columns = columns;
		this.messages = messages;
	}

	LocalDate day(String day) {
		return ReportApiController.parse(day, this.reports.today());
	}

	NodeReport nodeReport(Long nodeId, LocalDate day, boolean live) {
		ShouwangPrincipal me = CurrentUser.get();
		Rollup rollup = this.rollups.rollup(me, nodeId, day, live);
		DailyReport daily = rollup.level() == Level.COMMUNITY || rollup.level() == Level.STREET
				? this.reports.get(me, rollup.nodeId(), day) : null;
		return new NodeReport(rollup, daily, this.columns.columns(this.reports.definitions()));
	}

	/** The dashboard's data and the labels of its figures in the reader's language. */
	record DashboardView(cn.shouwang.reporting.Dashboard dashboard, Map<String, String> labels) {
	}

	DashboardView dashboard(Long nodeId, String days) {
		Integer n = null;
		if (days != null && !days.isBlank()) {
			try {
				n = Integer.parseInt(days.strip());
			}
			catch (NumberFormatException ex) {
				throw cn.shouwang.shared.InvalidInputException.of("days", "report.badDays", 90);
			}
		}
		cn.shouwang.reporting.Dashboard d = this.dashboards.dashboard(CurrentUser.get(), nodeId, n);
		Map<String, String> labels = new java.util.LinkedHashMap<>();
		for (FigureDef def : this.reports.definitions()) {
			if (d.series().containsKey(def.code())) {
				labels.put(def.code(), this.columns.label(def));
			}
		}
		return new DashboardView(d, labels);
	}

	/**
	 * The offices' layout: a title row across the sheet, a header row, one row per unit with its
	 * reporting figures and then every figure as a column, and a totals row.
	 */
	void export(long nodeId, LocalDate day, boolean live, HttpServletResponse response) throws IOException {
		NodeReport report = nodeReport(nodeId, day, live);
		Rollup r = report.rollup();
		List<FigureDef> defs = this.reports.definitions();
		List<String> headers = new ArrayList<>(List.of(m("report.unit"), m("report.expected"), m("report.submitted"),
				m("report.onTime"), m("report.reportingRate"), m("report.onTimeRate")));
		defs.forEach(d -> headers.add(this.columns.label(d)));
		String title = m(live ? "report.export.titleLive" : "report.export.title", r.nodeName(), day.toString());
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		String encoded = URLEncoder.encode(r.nodeName() + "-" + m("report.export.file") + "-" + day + ".xlsx",
				StandardCharsets.UTF_8).replace("+", "%20");
		response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
		try (OutputStream out = response.getOutputStream()) {
			Workbook wb = new Workbook(out, "Shouwang", "1.0");
			Worksheet ws = wb.newWorksheet(m("report.export.sheet"));
			ws.value(0, 0, title);
			ws.range(0, 0, 0, headers.size() - 1).merge();
			ws.style(0, 0).bold().fontSize(14).horizontalAlignment("center").set();
			for (int c = 0; c < headers.size(); c++) {
				ws.value(1, c, headers.get(c));
				ws.style(1, c).bold().fillColor("EEEEEE").wrapText(true).borderStyle("thin").set();
			}
			ws.width(0, 18);
			ws.freezePane(1, 2);
			int row = 2;
			for (Rollup.Line l : r.lines()) {
				line(ws, row++, l.name(), l, defs);
			}
			line(ws, row, m("report.total"), r.total(), defs);
			for (int c = 0; c < headers.size(); c++) {
				ws.style(row, c).bold().borderStyle("thin").set();
			}
			wb.finish();
		}
	}

	private static void line(Worksheet ws, int row, String name, Rollup.Line l, List<FigureDef> defs) {
		ws.value(row, 0, name);
		ws.value(row, 1, l.expected());
		ws.value(row, 2, l.submitted());
		ws.value(row, 3, l.onTime());
		cell(ws, row, 4, l.reportingRate() == null ? "—" : l.reportingRate() + "%");
		cell(ws, row, 5, l.onTimeRate() == null ? "—" : l.onTimeRate() + "%");
		Map<String, Long> values = l.figures();
		int c = 6;
		for (FigureDef d : defs) {
			cell(ws, row, c++, ReportColumns.value(d, values));
		}
	}

	private static void cell(Worksheet ws, int row, int col, Object v) {
		if (v instanceof Number n) {
			ws.value(row, col, n);
		}
		else if (v != null) {
			ws.value(row, col, v.toString());
		}
	}

	private String m(String key, Object... args) {
		return this.messages.get(key, args);
	}

}
