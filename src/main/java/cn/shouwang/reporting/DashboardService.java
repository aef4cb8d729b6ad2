package cn.shouwang.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.report.FigureDef;

import org.springframework.stereotype.Service;

/**
 * The command dashboard (指挥调度): key persons, measures, alerts, survey coverage and checkpoint
 * passages over time under a node, and today's figures of its children to drill down district →
 * street → community → grid. Past days come from the stored daily figures (one range read for all
 * of them), so a district's month is a read of some ten thousand rows; today is computed from the
 * records. A grid has no report of its own: its days are all computed.
 */
@Service
public class DashboardService {

	/** The figures charted. */
	public static final List<String> CODES = List.of("keyperson.open", "keyperson.new", "monitoring.running",
			"monitoring.started", "monitoring.released", "monitoring.alertsOpened", "monitoring.alertsHandled",
			"monitoring.alertsOpen", "monitoring.checksRate", "survey.coverage", "checkpoint.passages",
			"checkpoint.turnedBack", "checkpoint.fevers");

	private final DailyReports reports;

	private final FigureCatalogue figures;

	private final RollupService rollups;

	private final JurisdictionService jurisdictions;

	private final ReportingClock clock;

	DashboardService(DailyReports reports, FigureCatalogue figures, RollupService rollups,
			JurisdictionService jurisdictions, ReportingClock clock) {
		this.reports = reports;
		this.figures = figures;
		this.rollups = rollups;
		this.jurisdictions = jurisdictions;
		this.clock = clock;
	}

	/** The dashboard over {@code days} days up to today (null: 30, or 14 for a grid). */
	public Dashboard dashboard(ShouwangPrincipal caller, Long nodeId, Integer period) {
		Node node = this.jurisdictions.get(caller, nodeId == null ? caller.nodeId() : nodeId);
		ReportPermissions.require(ReportPermissions.SEE, caller);
		boolean grid = node.level() == Level.GRID || node.level() == Level.BUILDING;
		int max = grid ? 14 : 90;
		int days = period == null ? Math.min(30, max) : period;
		if (days < 1 || days > max) {
			throw InvalidInputException.of("days", "report.badDays", max);
		}
		LocalDate today = this.clock.today();
		LocalDate first = today.minusDays(days - 1L);
		List<LocalDate> range = new ArrayList<>();
		for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
			range.add(d);
		}
		Map<LocalDate, Map<String, Long>> byDay = new LinkedHashMap<>();
		range.forEach(d -> byDay.put(d, new HashMap<>()));
		if (grid) {
			for (LocalDate d : range) {
				byDay.put(d, this.figures.compute(List.of(node.path()), d).get(node.path()));
			}
		}
		else {
			for (StoredReport r : this.reports.submittedBetween(JurisdictionScope.of(node.path()), first,
					today.minusDays(1))) {
				FigureCatalogue.addInto(byDay.get(r.day()), r.figures());
			}
		}
		Rollup live = this.rollups.rollup(caller, node.id(), today, true);
		byDay.put(today, new HashMap<>(live.total().figures()));
		Map<String, FigureDef> defs = new HashMap<>();
		this.figures.definitions().forEach(d -> defs.put(d.code(), d));
		Map<String, List<Long>> series = new LinkedHashMap<>();
		for (String code : CODES) {
			FigureDef def = defs.get(code);
			if (def == null) {
				continue;
			}
			List<Long> values = new ArrayList<>();
			for (LocalDate d : range) {
				values.add(FigureCatalogue.value(def, byDay.get(d)));
			}
			series.put(code, values);
		}
		List<Dashboard.Crumb> crumbs = this.jurisdictions.breadcrumb(caller, node)
			.stream()
			.map(n -> new Dashboard.Crumb(n.id(), n.name()))
			.toList();
		List<Rollup.Line> children = live.lines().size() == 1 && live.lines().get(0).nodeId() == node.id() ? List.of()
				: live.lines();
		return new Dashboard(node.id(), node.name(), node.level(), crumbs, range, series, children, live.total());
	}

}
