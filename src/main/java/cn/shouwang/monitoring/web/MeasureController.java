package cn.shouwang.monitoring.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.monitoring.MeasureFilter;
import cn.shouwang.monitoring.MeasureRow;
import cn.shouwang.monitoring.MeasureService;
import cn.shouwang.monitoring.MeasureStatus;
import cn.shouwang.monitoring.MeasureType;
import cn.shouwang.monitoring.MonitoringBoard;
import cn.shouwang.monitoring.Policy;
import cn.shouwang.monitoring.PolicyService;
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

/** The monitoring pages: the team dashboard with the measure list, the follow-up grid, a measure's page, policy versions. */
@Controller
class MeasureController {

	private final MeasureService measures;

	private final MonitoringBoard board;

	private final PolicyService policies;

	private final KeyPersonService keyPersons;

	private final AuditTrail audit;

	private final Messages messages;

	MeasureController(MeasureService measures, MonitoringBoard board, PolicyService policies,
			KeyPersonService keyPersons, AuditTrail audit, Messages messages) {
		this.measures = measures;
		this.board = board;
		this.policies = policies;
		this.keyPersons = keyPersons;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/monitoring")
	String list(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) MeasureStatus status,
			@RequestParam(required = false) MeasureType type, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean mine, @RequestParam(required = false) Integer page,
			HttpServletRequest request, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		MeasureFilter filter = MeasureApiController.filter(nodeId, status, type, q);
		model.addAttribute("result", this.measures.list(me, filter, PageQuery.of(page, 20)));
		model.addAttribute("filter", filter);
		model.addAttribute("today", LocalDate.now(ZoneId.of("Asia/Shanghai")));
		model.addAttribute("query", query(request));
		if (Htmx.isHtmx(request)) {
			return "monitoring/list :: results";
		}
		model.addAttribute("dashboard", this.board.dashboard(me, Boolean.TRUE.equals(mine)));
		model.addAttribute("mine", Boolean.TRUE.equals(mine));
		model.addAttribute("statuses", MeasureStatus.values());
		model.addAttribute("types", MeasureType.values());
		return "monitoring/list";
	}

	@GetMapping("/monitoring/grid")
	String grid(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) MeasureType type,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model) {
		MeasureFilter filter = MeasureApiController.filter(nodeId, null, type, q);
		model.addAttribute("result", this.board.grid(CurrentUser.get(), filter, PageQuery.of(page, 20)));
		model.addAttribute("today", LocalDate.now(ZoneId.of("Asia/Shanghai")));
		return "monitoring/grid";
	}

	@GetMapping("/monitoring/export.xlsx")
	void export(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) MeasureStatus status,
			@RequestParam(required = false) MeasureType type, @RequestParam(required = false) String q,
			HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		MeasureFilter filter = MeasureApiController.filter(nodeId, status, type, q);
		this.measures.list(me, filter, PageQuery.of(0, 1));
		XlsxExport.write(response, m("measure.title"), "measures",
				List.of(m("person.name"), m("person.address"), m("keyPerson.category"), m("measure.currentType"),
						m("measure.lastExposure"), m("measure.startsOn"), m("measure.endsOn"), m("measure.status")),
				sink -> this.measures.forEach(me, filter, r -> sink.row(r.name(), r.address(), r.category(),
						r.currentType() == null ? null : m(r.currentType().messageKey()), r.lastExposure().toString(),
						r.startsOn().toString(), r.endsOn().toString(), m(r.status().messageKey()))));
	}

	@GetMapping("/monitoring/measures/new")
	String newForm(@RequestParam(required = false) Long keyPersonId, Model model) {
		if (keyPersonId != null) {
			model.addAttribute("keyPerson", this.keyPersons.get(CurrentUser.get(), keyPersonId).row());
		}
		model.addAttribute("keyPersonId", keyPersonId);
		model.addAttribute("today", LocalDate.now(ZoneId.of("Asia/Shanghai")));
		model.addAttribute("policy", this.policies.current());
		return "monitoring/new";
	}

	@PostMapping("/monitoring/measures")
	String start(@RequestParam(required = false) Long keyPersonId, @RequestParam(required = false) String lastExposure,
			@RequestParam(required = false) String siteName, @RequestParam(required = false) String room,
			RedirectAttributes redirect) {
		try {
			MeasureRow m = this.measures.start(CurrentUser.get(),
					new MeasureService.StartMeasure(keyPersonId, lastExposure, null, siteName, room, List.of()));
			redirect.addFlashAttribute("notice", this.messages.get("measure.started", m.startsOn(), m.endsOn()));
			return "redirect:/monitoring/measures/" + m.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
			return "redirect:/monitoring/measures/new" + (keyPersonId == null ? "" : "?keyPersonId=" + keyPersonId);
		}
	}

	@GetMapping("/monitoring/measures/{id}")
	String measure(@PathVariable long id, Model model) {
		model.addAttribute("details", this.measures.get(CurrentUser.get(), id));
		model.addAttribute("today", LocalDate.now(ZoneId.of("Asia/Shanghai")));
		model.addAttribute("duties", List.of("STREET_CADRE", "COMMUNITY_CADRE", "MEDICAL", "POLICE", "OTHER"));
		return "monitoring/measure";
	}

	@GetMapping("/monitoring/measures/{id}/history")
	String history(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		this.measures.get(me, id);
		model.addAttribute("entries", this.audit.history(me.scope(), "controlMeasure", id));
		return "shared/history :: history";
	}

	@PostMapping("/monitoring/measures/{id}/reexposure")
	String reexpose(@PathVariable long id, @RequestParam(required = false) String lastExposure,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> this.measures.reexpose(CurrentUser.get(), id, lastExposure));
	}

	@PostMapping("/monitoring/measures/{id}/team")
	String team(@PathVariable long id, @RequestParam(required = false) List<String> duty,
			@RequestParam(required = false) List<String> name, @RequestParam(required = false) List<String> phone,
			RedirectAttributes redirect) {
		List<MeasureService.TeamMember> team = new ArrayList<>();
		for (int i = 0; duty != null && i < duty.size(); i++) {
			String n = name != null && i < name.size() ? name.get(i) : null;
			if (n != null && !n.isBlank()) {
				team.add(new MeasureService.TeamMember(duty.get(i), null, n,
						phone != null && i < phone.size() ? phone.get(i) : null));
			}
		}
		return act(id, redirect, () -> this.measures.setTeam(CurrentUser.get(), id, team));
	}

	@PostMapping("/monitoring/measures/{id}/end")
	String end(@PathVariable long id, @RequestParam(required = false) MeasureStatus status,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.measures.end(CurrentUser.get(), id, status, note));
	}

	@PostMapping("/monitoring/measures/{id}/release")
	String release(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.measures.release(CurrentUser.get(), id));
	}

	@GetMapping("/monitoring/policies")
	String policies(Model model) {
		List<Policy> all = this.policies.all();
		model.addAttribute("policies", all);
		model.addAttribute("current", this.policies.current());
		Map<String, String> categories = new LinkedHashMap<>();
		this.keyPersons.categories(false).forEach(c -> categories.put(c.code(), c.nameZh()));
		model.addAttribute("categories", categories);
		return "monitoring/policies";
	}

	/** A future version from the form: phases per category written as "CENTRALISED_QUARANTINE:5, HOME_HEALTH_MONITORING:3". */
	@PostMapping("/monitoring/policies")
	String addPolicy(@RequestParam(required = false) String name, @RequestParam(required = false) String effectiveFrom,
			@RequestParam(required = false) String feverThreshold, @RequestParam Map<String, String> all,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> {
			InvalidInputException.Collector errors = new InvalidInputException.Collector();
			LocalDate from = errors.date("effectiveFrom", effectiveFrom);
			java.math.BigDecimal threshold = null;
			if (feverThreshold != null && !feverThreshold.isBlank()) {
				try {
					threshold = new java.math.BigDecimal(feverThreshold.strip());
				}
				catch (NumberFormatException ex) {
					errors.add("feverThreshold", "health.temperature.notANumber");
				}
			}
			Map<String, List<Policy.PhaseRule>> phases = new LinkedHashMap<>();
			all.forEach((key, value) -> {
				if (key.startsWith("phases.") && value != null && !value.isBlank()) {
					phases.put(key.substring(7), phaseRules(errors, key, value));
				}
			});
			errors.throwIfAny();
			this.policies.add(CurrentUser.get(), new PolicyService.PolicyInput(name, from, threshold, null, null, null,
					null, null, null, null, null, null, phases));
		}, "saved", "/monitoring/policies");
	}

	private static List<Policy.PhaseRule> phaseRules(InvalidInputException.Collector errors, String field, String text) {
		List<Policy.PhaseRule> rules = new ArrayList<>();
		for (String part : text.split("[,，;；]")) {
			String[] kv = part.strip().split("[:：]");
			try {
				rules.add(new Policy.PhaseRule(MeasureType.valueOf(kv[0].strip()), Integer.parseInt(kv[1].strip())));
			}
			catch (RuntimeException ex) {
				errors.add(field, "policy.phaseSyntax", part.strip());
			}
		}
		return rules;
	}

	private String act(long id, RedirectAttributes redirect, Runnable action) {
		return FormErrors.run(redirect, this.messages, action, "saved", "/monitoring/measures/" + id);
	}

	private static String query(HttpServletRequest request) {
		return request.getQueryString() == null ? "" : request.getQueryString().replaceAll("(^|&)page=\\d*", "");
	}

	private String m(String key) {
		return this.messages.get(key);
	}

}
