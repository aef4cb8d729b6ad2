package cn.shouwang.monitoring.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.monitoring.CheckOutcome;
import cn.shouwang.monitoring.HealthCheckInput;
import cn.shouwang.monitoring.HealthChecks;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.Messages;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page a personal link opens (no account): the household's persons under a running measure,
 * each with temperature and symptoms, phone first. Each person's part has its own submit button
 * (SELF); the household head can submit everyone at once (HOUSEHOLD_HEAD). A link that is
 * malformed, altered, expired or revoked shows why and nothing else, with a 4xx status. The
 * token is in the address, so the page is never cached and never sent on as a referrer.
 */
@Controller
class SelfReportController {

	private static final Pattern REPORT_FIELD = Pattern.compile("^reports\\[(\\d+)\\]\\.");

	private final HealthChecks checks;

	private final Messages messages;

	SelfReportController(HealthChecks checks, Messages messages) {
		this.checks = checks;
		this.messages = messages;
	}

	@GetMapping("/r/{token}")
	String page(@PathVariable String token, Model model, HttpServletResponse response) {
		privateHeaders(response);
		HealthChecks.LinkHousehold household;
		try {
			household = this.checks.household(token);
		}
		catch (InvalidInputException ex) {
			return refused(ex, model, response);
		}
		Map<Long, UUID> ids = new LinkedHashMap<>();
		household.members().forEach(m -> ids.put(m.measureId(), UUID.randomUUID()));
		model.addAttribute("household", household);
		model.addAttribute("token", token);
		model.addAttribute("ids", ids);
		return "monitoring/self-report";
	}

	/**
	 * Fields per person: t{measure} temperature, s{measure} symptoms, id{measure} the id made when
	 * the page was shown (a resent form stores nothing twice). {@code only} names the person whose
	 * button was pressed; without it every person with a temperature is reported.
	 */
	@PostMapping("/r/{token}")
	String report(@PathVariable String token, @RequestParam(required = false) Long only,
			@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		privateHeaders(response);
		HealthChecks.LinkHousehold household;
		try {
			household = this.checks.household(token);
		}
		catch (InvalidInputException ex) {
			return refused(ex, model, response);
		}
		List<HealthChecks.LinkReport> reports = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (HealthChecks.LinkMember m : household.members()) {
			String t = form.getFirst("t" + m.measureId());
			if (only != null ? only == m.measureId() : t != null && !t.isBlank()) {
				reports.add(new HealthChecks.LinkReport(m.measureId(), new HealthCheckInput(uuid(form.getFirst("id" + m.measureId())),
						t, form.get("s" + m.measureId()), null)));
				names.add(m.maskedName());
			}
		}
		try {
			List<CheckOutcome> outcomes = this.checks.reportByLink(token, reports);
			List<String> done = new ArrayList<>();
			for (int i = 0; i < outcomes.size(); i++) {
				done.add(names.get(i) + "：" + this.messages.get(outcomes.get(i).result().messageKey()));
			}
			redirect.addFlashAttribute("notice", this.messages.get("selfReport.done"));
			redirect.addFlashAttribute("outcomes", done);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("reportErrors", errors(ex, names));
		}
		return "redirect:/r/" + token;
	}

	/** Each error with the person it is about, so the household head sees whose reading to correct. */
	private List<String> errors(InvalidInputException ex, List<String> names) {
		List<String> out = new ArrayList<>();
		for (InvalidInputException.FieldError e : ex.errors()) {
			Matcher m = REPORT_FIELD.matcher(e.field());
			String who = m.find() ? names.get(Integer.parseInt(m.group(1))) : names.size() == 1 ? names.get(0) : null;
			out.add((who == null ? "" : who + "：") + this.messages.get(e.code(), e.args()));
		}
		return out;
	}

	private String refused(InvalidInputException ex, Model model, HttpServletResponse response) {
		String code = ex.errors().get(0).code();
		response.setStatus(code.equals("link.expired") || code.equals("link.revoked") ? HttpStatus.GONE.value()
				: HttpStatus.NOT_FOUND.value());
		model.addAttribute("refusal", this.messages.get(code));
		return "monitoring/self-report";
	}

	private static void privateHeaders(HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
	}

	private static UUID uuid(String value) {
		try {
			return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			// a mangled hidden field: the check is still taken, with a server-made id
			return null;
		}
	}

}
