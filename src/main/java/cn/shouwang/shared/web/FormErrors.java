package cn.shouwang.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.shouwang.shared.InvalidInputException;

/** Field errors for a re-shown form, already in the user's language: field name to message. */
public final class FormErrors {

	private FormErrors() {
	}

	/**
	 * Runs a form's action: on success the page shows {@code notice}, on bad input the errors,
	 * after the redirect to {@code target} either way.
	 */
	public static String run(org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, Messages messages,
			Runnable action, String notice, String target) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", messages.get(notice));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", of(ex, messages));
		}
		return "redirect:" + target;
	}

	public static Map<String, String> of(InvalidInputException ex, Messages messages) {
		Map<String, String> map = new LinkedHashMap<>();
		ex.errors().forEach(e -> map.merge(e.field(), messages.get(e.code(), e.args()), (a, b) -> a + "；" + b));
		return map;
	}

}
