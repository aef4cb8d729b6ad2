package cn.shouwang.keyperson.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.identity.UserService;
import cn.shouwang.keyperson.CallOutcome;
import cn.shouwang.keyperson.KeyPersonCategory;
import cn.shouwang.keyperson.KeyPersonFilter;
import cn.shouwang.keyperson.KeyPersonRow;
import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.keyperson.KeyPersonSource;
import cn.shouwang.keyperson.KeyPersonStatus;
import cn.shouwang.keyperson.TransportMode;
import cn.shouwang.keyperson.VerificationCalls;
import cn.shouwang.registry.PersonFilter;
import cn.shouwang.registry.PersonService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.XlsxExport;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The key-person pages: the list, a person's page with the four clears, and the call work list. */
@Controller
class KeyPersonController {

	private final KeyPersonService keyPersons;

	private final VerificationCalls calls;

	private final PersonService people;

	private final UserService users;

	private final AuditTrail audit;

	private final Messages messages;

	KeyPersonController(KeyPersonService keyPersons, VerificationCalls calls, PersonService people, UserService users,
			AuditTrail audit, Messages messages) {
		this.keyPersons = keyPersons;
		this.calls = calls;
		this.people = people;
		this.users = users;
		this.audit = audit;
		this.messages = messages;
	}

	static KeyPersonFilter filter(Long nodeId, String category, KeyPersonStatus status, KeyPersonSource source,
			String q, Boolean overdue) {
		if (q != null && q.length() > 100) {
			throw InvalidInputException.of("q", "validation.tooLong", 100);
		}
		return new KeyPersonFilter(nodeId, category == null || category.isBlank() ? null : category, status, source, q,
				overdue);
	}

	@GetMapping("/keypersons")
	String list(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String category,
			@RequestParam(required = false) KeyPersonStatus status, @RequestParam(required = false) KeyPersonSource source,
			@RequestParam(required = false) String q, @RequestParam(required = false) Boolean overdue,
			@RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
		KeyPersonFilter filter = filter(nodeId, category, status, source, q, overdue);
		model.addAttribute("result", this.keyPersons.list(CurrentUser.get(), filter, PageQuery.of(page, 20)));
		model.addAttribute("filter", filter);
		addChoices(model);
		model.addAttribute("today", today());
		model.addAttribute("query", request.getQueryString() == null ? ""
				: request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		return Htmx.isHtmx(request) ? "keyperson/list :: results" : "keyperson/list";
	}

	@GetMapping("/keypersons/export.xlsx")
	void export(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String category,
			@RequestParam(required = false) KeyPersonStatus status, @RequestParam(required = false) KeyPersonSource source,
			@RequestParam(required = false) String q, @RequestParam(required = false) Boolean overdue,
			HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		KeyPersonFilter filter = filter(nodeId, category, status, source, q, overdue);
		Map<String, String> names = categoryNames();
		this.keyPersons.list(me, filter, PageQuery.of(0, 1));
		List<String> headers = List.of(m("person.name"), m("person.address"), m("keyPerson.category"),
				m("keyPerson.source"), m("keyPerson.status"), m("keyPerson.returnDate"), m("keyPerson.cameFrom"),
				m("keyPerson.transport"), m("keyPerson.fever"), m("keyPerson.temperature"), m("keyPerson.symptoms"),
				m("keyPerson.deadline"), m("keyPerson.calls"), m("keyPerson.lastCall"), m("keyPerson.createdAt"));
		XlsxExport.write(response, m("keyPerson.title"), "keypersons", headers, sink -> this.keyPersons.forEach(me,
				filter,
				k -> sink.row(k.name(), k.address(), names.getOrDefault(k.category(), k.category()),
						m(k.source().messageKey()), m(k.status().messageKey()), str(k.returnDate()), k.cameFrom(),
						k.transportMode() == null ? null
								: m(k.transportMode().messageKey()) + " " + (k.transportNo() == null ? "" : k.transportNo()),
						k.fever() == null ? null : m(k.fever() ? "yes" : "no"), str(k.temperature()),
						k.symptoms().stream().map(s -> m(s.messageKey())).collect(Collectors.joining("、")),
						str(k.deadline()), k.calls(),
						k.lastCallOutcome() == null ? null : m(k.lastCallOutcome().messageKey()),
						k.createdAt().atZone(zone()).toLocalDate().toString())));
	}

	@GetMapping("/keypersons/new")
	String newForm(@RequestParam(required = false) Long personId, Model model) {
		addChoices(model);
		if (personId != null) {
			model.addAttribute("person", this.people.get(CurrentUser.get(), personId).person());
		}
		return "keyperson/new";
	}

	/** Persons as choices for the new-key-person form (htmx): an exact ID number or phone, or part of a name. */
	@GetMapping("/keypersons/person-options")
	String personOptions(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("persons", q == null || q.isBlank() ? List.of()
				: this.people.list(CurrentUser.get(), new PersonFilter(null, q, null, null, null, null, null),
						PageQuery.of(0, 20)).items());
		return "keyperson/new :: personOptions";
	}

	/** Colleagues as choices for responsible people (htmx). */
	@GetMapping("/keypersons/colleague-options")
	String colleagueOptions(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("colleagues", this.users.colleagues(CurrentUser.get(), q, 30));
		return "keyperson/person :: colleagueOptions";
	}

	@PostMapping("/keypersons")
	String create(KeyPersonForm form, Model model, RedirectAttributes redirect) {
		try {
			KeyPersonRow row = this.keyPersons.create(CurrentUser.get(), form.toInput());
			redirect.addFlashAttribute("notice", this.messages.get("keyPerson.created", row.name()));
			return "redirect:/keypersons/" + row.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			model.addAttribute("form", form);
			return newForm(form.personId(), model);
		}
	}

	@GetMapping("/keypersons/{id}")
	String person(@PathVariable long id, Model model) {
		model.addAttribute("details", this.keyPersons.get(CurrentUser.get(), id));
		addChoices(model);
		return "keyperson/person";
	}

	@GetMapping("/keypersons/{id}/history")
	String history(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		this.keyPersons.get(me, id);
		model.addAttribute("entries", this.audit.history(me.scope(), "keyPerson", id));
		return "shared/history :: history";
	}

	@PostMapping("/keypersons/{id}/clears")
	String clears(@PathVariable long id, ClearsForm form, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.keyPersons.updateClears(CurrentUser.get(), id, form.toInput()));
	}

	@PostMapping("/keypersons/{id}/status")
	String status(@PathVariable long id, @RequestParam(required = false) KeyPersonStatus status,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.keyPersons.changeStatus(CurrentUser.get(), id, status, note));
	}

	@PostMapping("/keypersons/{id}/responsibles")
	String responsibles(@PathVariable long id, @RequestParam(required = false) List<Long> userIds,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> this.keyPersons.setResponsibles(CurrentUser.get(), id, userIds));
	}

	/** The full number as a link to dial (htmx); the view goes to the access log. */
	@GetMapping(value = "/keypersons/{id}/phone", produces = "text/html;charset=UTF-8")
	@ResponseBody
	String phone(@PathVariable long id) {
		String phone = this.calls.phone(CurrentUser.get(), id);
		if (phone == null) {
			return "<span>" + m("call.noPhone") + "</span>";
		}
		String digits = phone.replaceAll("[^0-9+]", "");
		return "<a class=\"button\" href=\"tel:" + digits + "\">📞 " + digits + "</a>";
	}

	@GetMapping("/keypersons/calls")
	String workList(@RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("result", this.calls.workList(me, PageQuery.of(page, 20)));
		model.addAttribute("perWorker", this.calls.perWorker(me, today()));
		model.addAttribute("categoryNames", categoryNames());
		model.addAttribute("outcomes", CallOutcome.values());
		return Htmx.isHtmx(request) ? "keyperson/calls :: worklist" : "keyperson/calls";
	}

	/**
	 * One tap logs a call. From the work list (htmx) the answer is the refreshed list, so the next
	 * person to call is at the top; from a key person's page, back to that page.
	 */
	@PostMapping("/keypersons/{id}/calls")
	String logCall(@PathVariable long id, @RequestParam(required = false) UUID callId,
			@RequestParam(required = false) CallOutcome outcome, @RequestParam(required = false) String result,
			@RequestParam(required = false) String nextCallAt, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		VerificationCalls.CallInput input = new VerificationCalls.CallInput(callId, outcome, result, nextCallAt);
		if (!Htmx.isHtmx(request)) {
			return FormErrors.run(redirect, this.messages, () -> this.calls.log(CurrentUser.get(), id, input),
					"call.logged", "/keypersons/" + id);
		}
		try {
			this.calls.log(CurrentUser.get(), id, input);
			model.addAttribute("notice", this.messages.get("call.logged"));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
		}
		return workList(null, request, model);
	}

	private String act(long id, RedirectAttributes redirect, Runnable action) {
		return FormErrors.run(redirect, this.messages, action, "saved", "/keypersons/" + id);
	}

	private void addChoices(Model model) {
		model.addAttribute("categories", this.keyPersons.categories(true));
		model.addAttribute("categoryNames", categoryNames());
		model.addAttribute("statuses", KeyPersonStatus.values());
		model.addAttribute("sources", KeyPersonSource.values());
		model.addAttribute("transportModes", TransportMode.values());
		model.addAttribute("outcomes", CallOutcome.values());
	}

	private Map<String, String> categoryNames() {
		Locale locale = LocaleContextHolder.getLocale();
		return this.keyPersons.categories(false)
			.stream()
			.collect(Collectors.toMap(KeyPersonCategory::code, c -> c.name(locale), (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	private LocalDate today() {
		return LocalDate.now(zone());
	}

	private static ZoneId zone() {
		return ZoneId.of("Asia/Shanghai");
	}

	private static String str(Object o) {
		return o == null ? null : o.toString();
	}

	private String m(String key) {
		return this.messages.get(key);
	}

	record KeyPersonForm(Long personId, String category, String returnDate, String cameFrom,
			TransportMode transportMode, String transportNo, Boolean fever, String deadline, String notes,
			List<Long> responsibleIds) {

		KeyPersonService.NewKeyPerson toInput() {
			return new KeyPersonService.NewKeyPerson(this.personId, this.category, this.returnDate, this.cameFrom,
					this.transportMode, this.transportNo, this.fever, this.deadline, this.notes, this.responsibleIds);
		}

	}

	record ClearsForm(String returnDate, String cameFrom, TransportMode transportMode, String transportNo,
			Boolean fever, String notes, Integer version) {

		KeyPersonService.Clears toInput() {
			return new KeyPersonService.Clears(this.returnDate, this.cameFrom, this.transportMode, this.transportNo,
					this.fever, this.notes, this.version);
		}

	}


}
