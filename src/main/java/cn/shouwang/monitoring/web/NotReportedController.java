package cn.shouwang.monitoring.web;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.monitoring.NotReported;
import cn.shouwang.monitoring.NotReportedFilter;
import cn.shouwang.monitoring.OverdueSlot;
import cn.shouwang.monitoring.Slot;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.XlsxExport;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The not-reported list (未报告): page with filters and pages, Excel export, and the API. */
@Controller
@Tag(name = "health checks")
class NotReportedController {

	private final NotReported notReported;

	private final Messages messages;

	NotReportedController(NotReported notReported, Messages messages) {
		this.notReported = notReported;
		this.messages = messages;
	}

	@GetMapping("/monitoring/not-reported")
	String page(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) Boolean mine,
			@RequestParam(required = false) Slot slot, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
		NotReportedFilter filter = filter(nodeId, mine, slot, q);
		model.addAttribute("result", this.notReported.list(CurrentUser.get(), filter, PageQuery.of(page, 20)));
		model.addAttribute("filter", filter);
		model.addAttribute("slots", Slot.values());
		model.addAttribute("query", request.getQueryString() == null ? ""
				: request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		return Htmx.isHtmx(request) ? "monitoring/not-reported :: results" : "monitoring/not-reported";
	}

	@GetMapping("/monitoring/not-reported/export.xlsx")
	void export(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) Boolean mine,
			@RequestParam(required = false) Slot slot, @RequestParam(required = false) String q,
			HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		NotReportedFilter filter = filter(nodeId, mine, slot, q);
		// checks the role and the filter before the download starts, so a refusal is a page, not a broken file
		this.notReported.list(me, filter, PageQuery.of(0, 1));
		XlsxExport.write(response, m("notReported.title"), "not-reported",
				List.of(m("person.name"), m("person.address"), m("notReported.day"), m("notReported.slot"),
						m("notReported.dueAt"), m("notReported.remindedAt")),
				sink -> this.notReported.forEach(me, filter, r -> sink.row(r.name(), r.address(), r.day().toString(),
						m(r.slot().messageKey()), r.dueAt(), r.remindedAt())));
	}

	@GetMapping("/api/v1/monitoring/not-reported")
	@ResponseBody
	@Operation(summary = "Checks past their deadline without a report, most recent deadline first; mine=true for the "
			+ "caller's 4+N measures; slot MORNING/EVENING; q a name or address")
	PageResult<OverdueSlot> api(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) Boolean mine,
			@RequestParam(required = false) Slot slot, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.notReported.list(CurrentUser.get(), filter(nodeId, mine, slot, q), PageQuery.of(page, size));
	}

	static NotReportedFilter filter(Long nodeId, Boolean mine, Slot slot, String q) {
		if (q != null && q.length() > 100) {
			throw InvalidInputException.of("q", "validation.tooLong", 100);
		}
		return new NotReportedFilter(nodeId, Boolean.TRUE.equals(mine), slot, q);
	}

	private String m(String key) {
		return this.messages.get(key);
	}

}
