package cn.shouwang.care.web;

import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.care.CareService;
import cn.shouwang.care.RequestKind;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The household's own page behind its personal link (no account): its requests, a form to ask
 * for help, and feedback on what was done. A malformed, altered, expired or revoked link gets a
 * page that says which (403 for altered, 410 for expired or revoked, 400 for malformed).
 */
@Controller
class CareLinkController {

	private final CareService care;

	private final Messages messages;

	CareLinkController(CareService care, Messages messages) {
		this.care = care;
		this.messages = messages;
	}

	@GetMapping("/r/{token}/requests")
	String page(@PathVariable String token, Model model, HttpServletResponse response) {
		try {
			model.addAttribute("view", this.care.linkView(token));
		}
		catch (InvalidInputException ex) {
			return refused(ex, model, response);
		}
		model.addAttribute("token", token);
		model.addAttribute("kinds", RequestKind.values());
		return "care/link";
	}

	@PostMapping("/r/{token}/requests")
	String ask(@PathVariable String token, @RequestParam(required = false) RequestKind kind,
			@RequestParam(required = false) String description, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		return act(token, model, response, redirect, "care.linkAsked",
				() -> this.care.createFromLink(token, kind, description));
	}

	@PostMapping("/r/{token}/requests/{id}/feedback")
	String feedback(@PathVariable String token, @PathVariable long id, @RequestParam(required = false) Boolean satisfied,
			@RequestParam(required = false) String feedback, @RequestParam(required = false) Integer version,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		return act(token, model, response, redirect, "care.linkThanks",
				() -> this.care.feedbackFromLink(token, id, satisfied, feedback, version));
	}

	private String act(String token, Model model, HttpServletResponse response, RedirectAttributes redirect,
			String notice, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", this.messages.get(notice));
		}
		catch (InvalidInputException ex) {
			if (ex.errors().stream().anyMatch(e -> e.field().equals("token"))) {
				return refused(ex, model, response);
			}
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
		}
		return "redirect:/r/" + token + "/requests";
	}

	private String refused(InvalidInputException ex, Model model, HttpServletResponse response) {
		String code = ex.errors().get(0).code();
		HttpStatus status = switch (code) {
			case "link.expired", "link.revoked" -> HttpStatus.GONE;
			case "link.tampered" -> HttpStatus.FORBIDDEN;
			default -> HttpStatus.BAD_REQUEST;
		};
		response.setStatus(status.value());
		model.addAttribute("refusal", this.messages.get(code));
		return "care/link-refused";
	}

}
