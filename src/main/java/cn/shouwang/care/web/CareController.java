package cn.shouwang.care.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.care.CareFilter;
import cn.shouwang.care.CareService;
import cn.shouwang.care.RequestKind;
import cn.shouwang.care.RequestStatus;
import cn.shouwang.care.ServiceRequestRow;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
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
 * The care pages: the request list with counts and the overdue filter, a new request for a
 * household, a request with its timeline and actions, and a volunteer's own tasks on a phone.
 */
@Controller
class CareController {

	private final CareService care;

	private final AuditTrail audit;

	private final Messages messages;

	CareController(CareService care, AuditTrail audit, Messages messages) {
		this.care = care;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/care")
	String list(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) RequestStatus status,
			@RequestParam(required = false) RequestKind kind, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Boolean mine, @RequestParam(required = false) Long householdId,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			HttpServletRequest request, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		CareFilter filter = new CareFilter(nodeId, status, kind, overdue, mine, householdId, q);
		model.addAttribute("result", this.care.list(me, filter, PageQuery.of(page, 20)));
		model.addAttribute("filter", filter);
		model.addAttribute("query", request.getQueryString() == null ? ""
				: request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		if (Htmx.isHtmx(request)) {
			return "care/list :: results";
		}
		model.addAttribute("counts", this.care.counts(me, nodeId));
		model.addAttribute("statuses", RequestStatus.values());
		model.addAttribute("kinds", RequestKind.values());
		return "care/list";
	}

	@GetMapping("/care/export.xlsx")
	void export(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) RequestStatus status,
			@RequestParam(required = false) RequestKind kind, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Boolean mine, @RequestParam(required = false) Long householdId,
			@RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		CareFilter filter = new CareFilter(nodeId, status, kind, overdue, mine, householdId, q);
		// checks the role and the filter before the download starts, so a refusal is a page, not a broken file
		this.care.list(me, filter, PageQuery.of(0, 1));
		XlsxExport.write(response, m("care.title"), "care",
				List.of(m("care.id"), m("care.address"), m("care.kind"), m("care.description"), m("care.source"),
						m("care.status"), m("care.createdAt"), m("care.dueAt"), m("care.overdue"), m("care.assignee"),
						m("care.doneAt"), m("care.doneNote"), m("care.cancelReason"), m("care.satisfied"),
						m("care.feedback")),
				sink -> this.care.forEach(me, filter, r -> sink.row(r.id(), r.address(), m(r.kind().messageKey()),
						r.description(), m(r.source().messageKey()), m(r.status().messageKey()), r.createdAt(),
						r.dueAt(), m(r.overdue() ? "yes" : "no"), r.assignedName(), r.doneAt(), r.doneNote(),
						r.cancelReason(), r.satisfied() == null ? null : m(r.satisfied() ? "yes" : "no"),
						r.feedback())));
	}

	@GetMapping("/care/mine")
	String mine(@RequestParam(required = false) Boolean closed, @RequestParam(required = false) Integer page,
			Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		boolean showClosed = Boolean.TRUE.equals(closed);
		model.addAttribute("result", this.care.list(me,
				new CareFilter(null, showClosed ? RequestStatus.DONE : RequestStatus.ASSIGNED, null, null, true, null, null),
				PageQuery.of(page, 20)));
		model.addAttribute("closed", showClosed);
		return "care/mine";
	}

	@GetMapping("/care/new")
	String newForm(@RequestParam(required = false) Long householdId, Model model) {
		if (householdId != null) {
			model.addAttribute("household", this.care.household(CurrentUser.get(), householdId));
		}
		model.addAttribute("householdId", householdId);
		model.addAttribute("kinds", RequestKind.values());
		return "care/new";
	}

	@PostMapping("/care/requests")
	String create(@RequestParam(required = false) Long householdId, @RequestParam(required = false) RequestKind kind,
			@RequestParam(required = false) String description, @RequestParam(required = false) String dueAt,
			RedirectAttributes redirect) {
		try {
			ServiceRequestRow r = this.care.create(CurrentUser.get(),
					new CareService.NewRequest(householdId, kind, description, dueAt));
			redirect.addFlashAttribute("notice", this.messages.get("care.created"));
			return "redirect:/care/requests/" + r.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
			redirect.addFlashAttribute("description", description);
			return "redirect:/care/new" + (householdId == null ? "" : "?householdId=" + householdId);
		}
	}

	@GetMapping("/care/requests/{id}")
	String request(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		CareService.Details details = this.care.get(me, id);
		model.addAttribute("details", details);
		boolean staff = me.role() != cn.shouwang.shared.Role.VOLUNTEER;
		model.addAttribute("staff", staff);
		model.addAttribute("volunteers", staff && !details.request().status().closed() ? this.care.volunteersFor(me, id)
				: List.of());
		return "care/request";
	}

	@GetMapping("/care/requests/{id}/history")
	String history(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		this.care.get(me, id);
		model.addAttribute("entries", this.audit.history(me.scope(), "serviceRequest", id));
		return "shared/history :: history";
	}

	@PostMapping("/care/requests/{id}/assign")
	String assign(@PathVariable long id, @RequestParam(required = false) Long userId,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return act(id, null, redirect, "care.assigned", () -> this.care.assign(CurrentUser.get(), id, userId, version));
	}

	@PostMapping("/care/requests/{id}/done")
	String done(@PathVariable long id, @RequestParam(required = false) String note,
			@RequestParam(required = false) Integer version, @RequestParam(required = false) String back,
			RedirectAttributes redirect) {
		return act(id, back, redirect, "care.doneSaved", () -> this.care.done(CurrentUser.get(), id, note, version));
	}

	@PostMapping("/care/requests/{id}/cancel")
	String cancel(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return act(id, null, redirect, "care.cancelled", () -> this.care.cancel(CurrentUser.get(), id, reason, version));
	}

	@PostMapping("/care/requests/{id}/feedback")
	String feedback(@PathVariable long id, @RequestParam(required = false) Boolean satisfied,
			@RequestParam(required = false) String feedback, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return act(id, null, redirect, "care.feedbackSaved",
				() -> this.care.feedback(CurrentUser.get(), id, satisfied, feedback, version));
	}

	/** Back to the request, or to the volunteer's task list when the action was taken there. */
	private String act(long id, String back, RedirectAttributes redirect, String notice, Runnable action) {
		return FormErrors.run(redirect, this.messages, action, notice,
				"mine".equals(back) ? "/care/mine" : "/care/requests/" + id);
	}

	private String m(String key) {
		return this.messages.get(key);
	}

}
