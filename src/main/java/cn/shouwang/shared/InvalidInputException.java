package cn.shouwang.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * Input that breaks a rule. Each error names the field and a message key (with arguments) so the
 * UI can show it beside the field in the user's language and the API can list it in a problem
 * detail. Thrown before anything is written.
 */
public class InvalidInputException extends RuntimeException {

	public record FieldError(String field, String code, Object... args) {
	}

	private final List<FieldError> errors;

	public InvalidInputException(List<FieldError> errors) {
		super("Invalid input: " + errors.stream().map(e -> e.field() + "=" + e.code()).toList());
		this.errors = List.copyOf(errors);
	}

	public static InvalidInputException of(String field, String code, Object... args) {
		return new InvalidInputException(List.of(new FieldError(field, code, args)));
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	/** Collects errors and throws them together, so a form shows every problem at once. */
	public static final class Collector {

		private final List<FieldError> errors = new ArrayList<>();

		public Collector add(String field, String code, Object... args) {
			this.errors.add(new FieldError(field, code, args));
			return this;
		}

		public boolean has(String field) {
			return this.errors.stream().anyMatch(e -> e.field().equals(field));
		}

		public void throwIfAny() {
			if (!this.errors.isEmpty()) {
				throw new InvalidInputException(this.errors);
			}
		}

	}

}
