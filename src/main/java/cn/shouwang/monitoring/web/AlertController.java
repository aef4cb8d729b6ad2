package cn.shouwang.monitoring.web;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.monitoring.AlertFilter;
import cn.shouwang.monitoring.AlertRow;
import cn.shouwang.monitoring.AlertService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.XlsxExport;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The alert pages: the list of open alerts, and an alert with its timeline and the two actions,
 * each one tap on a phone (htmx swaps in the new state; without htmx the form posts and redirects).
 */
@Controller
class AlertController {

	private final AlertService alerts;

	private final Messages messages;

	AlertController(AlertService alerts, Messages messages) {
		this.alerts = alerts;
		this.messages = messages;
	}

	@GetMapping("/alerts")
	String list(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) AlertRow.Status status,
			@RequestParam(required = false) AlertRow.Level level, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			HttpServletRequest request, Model model) {
		AlertFilter filter = AlertApiController.filter(nodeId, status, level, overdue, q);
		model.addAttribute("result", this.alerts.list(CurrentUser.get(), filter, PageQuery.of(page, 20)));
		model.addAttribute("filter", filter);
		model.addAttribute("statuses", AlertRow.Status.values());
		model.addAttribute("levels", AlertRow.Level.values());
		model.addAttribute("query", request.getQueryString() == null ? ""
				: request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		return Htmx.isHtmx(request) ? "monitoring/alerts :: results" : "monitoring/alerts";
	}

	@GetMapping("/alerts/export.xlsx")
	void export(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) AlertRow.Status status,
			@RequestParam(required = false) AlertRow.Level level, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		AlertFilter filter = AlertApiController.filter(nodeId, status, level, overdue, q);
		// checks the role and the filter before the download starts, so a refusal is a page, not a broken file
		this.alerts.list(me, filter, PageQuery.of(0, 1));
		List<String> headers = List.of(m("alert.name"), m("alert.reason"), m("alert.temperature"), m("alert.symptoms"),
				m("alert.level"), m("alert.status"), m("alert.openedAt"), m("alert.handleBy"), m("alert.overdue"),
				m("alert.acknowledgedBy"), m("alert.handledAt"), m("alert.handling"), m("alert.note"));
		XlsxExport.write(response, m("alert.title"), "alerts", headers, sink -> this.alerts.forEach(me, filter,
				a -> sink.row(a.name(), m("alert.reason." + a.reason()), a.temperature(),
						a.symptoms().stream().map(s -> m(s.messageKey())).collect(Collectors.joining("、")),
						m("alert.level." + a.level()), m("alert.status." + a.status()), a.openedAt(), a.handleBy(),
						m(a.overdue() ? "yes" : "no"), a.acknowledgedBy(), a.handledAt(),
						a.handling() == null ? null : m("alert.handling." + a.handling()), a.note())));
	}

	@GetMapping("/alerts/{id}")
	String alert(@PathVariable long id, Model model) {
		model.addAttribute("details", this.alerts.get(CurrentUser.get(), id));
		model.addAttribute("handlings", AlertRow.Handling.values());
		return "monitoring/alert";
	}

	@PostMapping("/alerts/{id}/acknowledge")
	String acknowledge(@PathVariable long id, @RequestParam(required = false) String note, HttpServletRequest request,
			Model model, RedirectAttributes redirect) {
		return act(id, request, model, redirect, "alert.acknowledged",
				() -> this.alerts.acknowledge(CurrentUser.get(), id, note));
	}

	@PostMapping("/alerts/{id}/handle")
	String handle(@PathVariable long id, @RequestParam(required = false) AlertRow.Handling handling,
			@RequestParam(required = false) String note, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		return act(id, request, model, redirect, "alert.handled",
				() -> this.alerts.handle(CurrentUser.get(), id, handling, note));
	}

	/** From htmx, the refreshed actions and timeline with the outcome; otherwise back to the page. */
	private String act(long id, HttpServletRequest request, Model model, RedirectAttributes redirect, String done,
			Runnable action) {
		if (!Htmx.isHtmx(request)) {
			return FormErrors.run(redirect, this.messages, action, done, "/alerts/" + id);
		}
		try {
			action.run();
			model.addAttribute("notice", m(done));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
		}
		alert(id, model);
		return "monitoring/alert :: panel";
	}

	private String m(String key) {
		return this.messages.get(key);
	}

}
