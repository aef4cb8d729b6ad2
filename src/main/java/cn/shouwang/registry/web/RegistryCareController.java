package cn.shouwang.registry.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;

import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.RegistryCare;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Duplicates and retention: the pages, and the same under /api/v1. */
@Controller
class RegistryCareController {

	private final RegistryCare care;

	private final Messages messages;

	RegistryCareController(RegistryCare care, Messages messages) {
		this.care = care;
		this.messages = messages;
	}

	@GetMapping("/registry/duplicates")
	String duplicates(Model model) {
		model.addAttribute("groups", this.care.duplicates(CurrentUser.get(), 100));
		return "registry/duplicates";
	}

	@PostMapping("/registry/persons/{id}/merge")
	String merge(@PathVariable long id, @RequestParam(required = false) Long mergedId, RedirectAttributes redirect) {
		try {
			if (mergedId == null) {
				throw InvalidInputException.of("mergedId", "validation.required");
			}
			this.care.merge(CurrentUser.get(), id, mergedId);
			redirect.addFlashAttribute("notice", this.messages.get("duplicate.merged"));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
		}
		return "redirect:/registry/duplicates";
	}

	@GetMapping("/registry/retention")
	String retention(@RequestParam(required = false) Integer days, Model model) {
		if (days != null) {
			try {
				model.addAttribute("preview", this.care.anonymisationPreview(CurrentUser.get(), days));
			}
			catch (InvalidInputException ex) {
				model.addAttribute("errors", FormErrors.of(ex, this.messages));
			}
		}
		model.addAttribute("days", days == null ? 365 : days);
		return "registry/retention";
	}

	@PostMapping("/registry/retention")
	String anonymise(@RequestParam(required = false) Integer days, @RequestParam(required = false) Long expected,
			@RequestParam(defaultValue = "false") boolean confirm, Model model, RedirectAttributes redirect) {
		try {
			if (days == null || expected == null || !confirm) {
				throw InvalidInputException.of("confirm", "retention.confirmRequired");
			}
			long done = this.care.anonymise(CurrentUser.get(), days, expected);
			redirect.addFlashAttribute("notice", this.messages.get("retention.done", done));
			return "redirect:/registry/retention";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return retention(days, model);
		}
	}

	@RestController
	static class RegistryCareApiController {

		record Merge(Long mergedId) {
		}

		record Anonymise(Integer days, Long expected) {
		}

		private final RegistryCare care;

		RegistryCareApiController(RegistryCare care) {
			this.care = care;
		}

		@GetMapping("/api/v1/persons/duplicates")
		@Operation(summary = "Likely duplicate persons: same ID number, or same name, birth date and phone")
		List<RegistryCare.DuplicateGroup> duplicates() {
			return this.care.duplicates(CurrentUser.get(), 100);
		}

		@PostMapping("/api/v1/persons/{id}/merge")
		@Operation(summary = "Merge another record into this one, keeping its history and links")
		PersonRow merge(@PathVariable long id, @RequestBody Merge body) {
			if (body.mergedId() == null) {
				throw InvalidInputException.of("mergedId", "validation.required");
			}
			return this.care.merge(CurrentUser.get(), id, body.mergedId());
		}

		@GetMapping("/api/v1/retention/preview")
		@ResponseBody
		Map<String, Long> preview(@RequestParam int days) {
			return Map.of("persons", this.care.anonymisationPreview(CurrentUser.get(), days));
		}

		@PostMapping("/api/v1/retention/anonymise")
		@Operation(summary = "Anonymise persons moved out more than N days ago; send the count the preview gave")
		Map<String, Long> anonymise(@RequestBody Anonymise body) {
			if (body.days() == null || body.expected() == null) {
				throw InvalidInputException.of(body.days() == null ? "days" : "expected", "validation.required");
			}
			return Map.of("anonymised", this.care.anonymise(CurrentUser.get(), body.days(), body.expected()));
		}

	}

}
