package cn.shouwang.shared.web;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.shouwang.shared.InvalidInputException;

/** Field errors for a re-shown form, already in the user's language: field name to message. */
public final class FormErrors {

	private FormErrors() {
	}

	public static Map<String, String> of(InvalidInputException ex, Messages messages) {
		Map<String, String> map = new LinkedHashMap<>();
		ex.errors().forEach(e -> map.merge(e.field(), messages.get(e.code(), e.args()), (a, b) -> a + "；" + b));
		return map;
	}

}
