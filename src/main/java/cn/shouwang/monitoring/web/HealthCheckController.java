package cn.shouwang.monitoring.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import cn.shouwang.monitoring.CheckOutcome;
import cn.shouwang.monitoring.HealthCheckInput;
import cn.shouwang.monitoring.HealthChecks;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The checks panel of a measure's page, for the worker at the door: one tap for a normal
 * reading, big buttons, the symptom checklist of the measure's policy, and the history. The form
 * carries an id made when it was shown, so a double tap or a resent form stores the check once.
 */
@Controller
class HealthCheckController {

	/** The one-tap normal reading. */
	static final String NORMAL = "36.5";

	private final HealthChecks checks;

	private final Messages messages;

	HealthCheckController(HealthChecks checks, Messages messages) {
		this.checks = checks;
		this.messages = messages;
	}

	@GetMapping("/monitoring/measures/{measure}/checks")
	String panel(@PathVariable long measure, Model model) {
		model.addAttribute("sheet", this.checks.sheet(CurrentUser.get(), measure));
		model.addAttribute("formId", UUID.randomUUID());
		return "monitoring/checks :: checks";
	}

	@PostMapping("/monitoring/measures/{measure}/checks")
	String record(@PathVariable long measure, @RequestParam(required = false) UUID id,
			@RequestParam(required = false) String temperature, @RequestParam(required = false) List<String> symptoms,
			@RequestParam(required = false) String takenAt, @RequestParam(required = false) Boolean normal,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		boolean oneTap = Boolean.TRUE.equals(normal);
		HealthCheckInput in = new HealthCheckInput(id, oneTap ? NORMAL : temperature, oneTap ? List.of() : symptoms,
				takenAt);
		if (!Htmx.isHtmx(request)) {
			try {
				CheckOutcome outcome = this.checks.record(CurrentUser.get(), measure, in);
				redirect.addFlashAttribute("notice", this.messages.get(outcome.result().messageKey()));
			}
			catch (InvalidInputException ex) {
				redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
			}
			return "redirect:/monitoring/measures/" + measure;
		}
		try {
			CheckOutcome outcome = this.checks.record(CurrentUser.get(), measure, in);
			model.addAttribute("checkNotice", this.messages.get(outcome.result().messageKey()));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("checkErrors", FormErrors.of(ex, this.messages));
			model.addAttribute("entered", in);
		}
		return panel(measure, model);
	}

}
