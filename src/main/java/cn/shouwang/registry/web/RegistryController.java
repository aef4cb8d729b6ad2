package cn.shouwang.registry.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.registry.HouseholdView;
import cn.shouwang.registry.IdType;
import cn.shouwang.registry.PersonFilter;
import cn.shouwang.registry.PersonInput;
import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.PersonService;
import cn.shouwang.registry.PersonStatus;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.registry.VulnerableTag;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The registry pages: the person list, person and household pages, their forms. */
@Controller
class RegistryController {

	private final PersonService people;

	private final AuditTrail audit;

	private final Messages messages;

	RegistryController(PersonService people, AuditTrail audit, Messages messages) {
		this.people = people;
		this.audit = audit;
		this.messages = messages;
	}

	static PersonFilter filter(Long nodeId, String q, VulnerableTag tag, ResidenceType residenceType, Integer ageFrom,
			Integer ageTo, PersonStatus status) {
		if ((ageFrom != null && (ageFrom < 0 || ageFrom > 150)) || (ageTo != null && (ageTo < 0 || ageTo > 150))) {
			throw InvalidInputException.of(ageFrom != null && (ageFrom < 0 || ageFrom > 150) ? "ageFrom" : "ageTo",
					"validation.range", 0, 150);
		}
		if (q != null && q.length() > 100) {
			throw InvalidInputException.of("q", "validation.tooLong", 100);
		}
		return new PersonFilter(nodeId, q, tag, residenceType, ageFrom, ageTo, status);
	}

	@GetMapping("/registry/persons")
	String list(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String q,
			@RequestParam(required = false) VulnerableTag tag, @RequestParam(required = false) ResidenceType residenceType,
			@RequestParam(required = false) Integer ageFrom, @RequestParam(required = false) Integer ageTo,
			@RequestParam(required = false) PersonStatus status, @RequestParam(required = false) Integer page,
			HttpServletRequest request, Model model) {
		PersonFilter filter = filter(nodeId, q, tag, residenceType, ageFrom, ageTo, status);
		model.addAttribute("result", this.people.list(CurrentUser.get(), filter, PageQuery.of(page, 20)));
		model.addAttribute("filter", filter);
		model.addAttribute("tags", VulnerableTag.values());
		model.addAttribute("residenceTypes", ResidenceType.values());
		model.addAttribute("statuses", PersonStatus.values());
		// the export takes the list's filters
		model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		return Htmx.isHtmx(request) ? "registry/persons :: results" : "registry/persons";
	}

	@GetMapping("/registry/persons/export.xlsx")
	void export(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String q,
			@RequestParam(required = false) VulnerableTag tag, @RequestParam(required = false) ResidenceType residenceType,
			@RequestParam(required = false) Integer ageFrom, @RequestParam(required = false) Integer ageTo,
			@RequestParam(required = false) PersonStatus status, HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		PersonFilter filter = filter(nodeId, q, tag, residenceType, ageFrom, ageTo, status);
		List<String> headers = List.of(m("person.name"), m("person.idType"), m("person.idNumber"), m("person.phone"),
				m("person.sex"), m("person.birthDate"), m("person.relation"), m("person.residenceType"),
				m("person.tags"), m("person.address"), m("person.workPlace"), m("person.status"));
		// checked before the download starts, so a refused export is an error page, not a broken file
		this.people.checkExport(me, filter);
		XlsxExport.write(response, m("registry.title"), "persons", headers, sink -> this.people.forEach(me, filter,
				p -> sink.row(p.name(), m(p.idType().messageKey()), p.maskedIdNumber(), p.maskedPhone(),
						m("sex." + p.sex()), p.birthDate() == null ? null : p.birthDate().toString(), p.relation(),
						p.residenceType() == null ? null : m(p.residenceType().messageKey()),
						String.join("、", p.tags().stream().map(t -> m(t.messageKey())).toList()), p.address(),
						p.workPlace(), m(p.status().messageKey()))));
	}

	@GetMapping("/registry/persons/{id}")
	String person(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("details", this.people.get(me, id));
		addChoices(model);
		return "registry/person";
	}

	@GetMapping("/registry/persons/{id}/history")
	String personHistory(@PathVariable long id, Model model) {
		model.addAttribute("entries", this.people.history(CurrentUser.get(), id));
		return "shared/history :: history";
	}

	@GetMapping(value = "/registry/persons/{id}/reveal", produces = "text/plain;charset=UTF-8")
	@ResponseBody
	String reveal(@PathVariable long id, @RequestParam PersonService.Field field) {
		String value = this.people.reveal(CurrentUser.get(), id, field);
		return value == null ? "" : value;
	}

	@PostMapping("/registry/persons/{id}")
	String update(@PathVariable long id, PersonForm form, Model model, RedirectAttributes redirect) {
		try {
			this.people.update(CurrentUser.get(), id, form.toInput());
			redirect.addFlashAttribute("notice", this.messages.get("saved"));
			return "redirect:/registry/persons/" + id;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			model.addAttribute("form", form);
			return person(id, model);
		}
	}

	@PostMapping("/registry/persons/{id}/move-out")
	String moveOut(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.people.moveOut(CurrentUser.get(), id, note), "person.movedOut");
	}

	@PostMapping("/registry/persons/{id}/return")
	String returnHome(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.people.returnHome(CurrentUser.get(), id), "person.returned");
	}

	@PostMapping("/registry/persons/{id}/transfer")
	String transfer(@PathVariable long id, @RequestParam(required = false) Long householdId,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		if (householdId == null) {
			redirect.addFlashAttribute("errors",
					FormErrors.of(InvalidInputException.of("householdId", "validation.required"), this.messages));
			return "redirect:/registry/persons/" + id;
		}
		return act(id, redirect, () -> this.people.transfer(CurrentUser.get(), id, householdId, note),
				"person.transferred");
	}

	/** Households as options for the transfer picker (htmx). */
	@GetMapping("/registry/households/options")
	String householdOptions(@RequestParam(required = false) String q, Model model) {
		model.addAttribute("households", this.people.findHouseholds(CurrentUser.get(), q));
		return "registry/household :: options";
	}

	@GetMapping("/registry/households/{id}")
	String household(@PathVariable long id, Model model) {
		model.addAttribute("details", this.people.household(CurrentUser.get(), id));
		addChoices(model);
		return "registry/household";
	}

	@GetMapping("/registry/households/{id}/history")
	String householdHistory(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		this.people.household(me, id);
		model.addAttribute("entries", this.audit.history(me.scope(), "household", id));
		return "shared/history :: history";
	}

	@PostMapping("/registry/households/{id}/persons")
	String addPerson(@PathVariable long id, PersonForm form, Model model, RedirectAttributes redirect) {
		try {
			PersonRow created = this.people.create(CurrentUser.get(), id, form.toInput());
			redirect.addFlashAttribute("notice", this.messages.get("person.created", created.name()));
			return "redirect:/registry/households/" + id;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			model.addAttribute("form", form);
			return household(id, model);
		}
	}

	@GetMapping("/registry/households/new")
	String newHousehold(@RequestParam(required = false) Long nodeId, Model model) {
		model.addAttribute("nodeId", nodeId);
		return "registry/household-new";
	}

	@PostMapping("/registry/households")
	String createHousehold(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String unitNo,
			@RequestParam(required = false) String roomNo, @RequestParam(required = false) String address, Model model) {
		try {
			HouseholdView h = this.people.createHousehold(CurrentUser.get(),
					new PersonService.NewHousehold(nodeId, unitNo, roomNo, address));
			return "redirect:/registry/households/" + h.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			model.addAttribute("nodeId", nodeId);
			return "registry/household-new";
		}
	}

	private void addChoices(Model model) {
		model.addAttribute("idTypes", IdType.values());
		model.addAttribute("tags", VulnerableTag.values());
		model.addAttribute("residenceTypes", ResidenceType.values());
	}

	private String act(long id, RedirectAttributes redirect, java.util.function.Supplier<?> action, String notice) {
		return FormErrors.run(redirect, this.messages, action::get, notice, "/registry/persons/" + id);
	}

	private String m(String key) {
		return this.messages.get(key);
	}

	/** The person form's fields as posted. */
	record PersonForm(String name, IdType idType, String idNumber, String phone, String sex, String birthDate,
			String relation, ResidenceType residenceType, String workPlace, List<VulnerableTag> tags, String notes,
			Integer version) {

		PersonInput toInput() {
			return new PersonInput(this.name, this.idType, this.idNumber, this.phone, this.sex, this.birthDate,
					this.relation, this.residenceType, this.workPlace, this.tags, this.notes, this.version);
		}

	}

}
