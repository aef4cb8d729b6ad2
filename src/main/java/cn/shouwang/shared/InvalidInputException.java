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

		/** A calendar day as ISO yyyy-MM-dd; blank is null; anything else is an error on the field. */
		public java.time.LocalDate date(String field, String value) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				return java.time.LocalDate.parse(value.strip());
			}
			catch (java.time.format.DateTimeParseException ex) {
				add(field, "validation.date");
				return null;
			}
		}

		/** Free text, stripped; blank is null; longer than {@code max} is an error on the field. */
		public String text(String field, String value, int max) {
			if (value == null || value.isBlank()) {
				return null;
			}
			String s = value.strip();
			if (s.length() > max) {
				add(field, "validation.tooLong", max);
			}
			return s;
		}

		/** Like {@link #text}, and blank is the error {@code missingCode} on the field. */
		public String requiredText(String field, String value, int max, String missingCode) {
			String s = text(field, value, max);
			if (s == null) {
				add(field, missingCode);
			}
			return s;
		}

		public boolean isEmpty() {
			return this.errors.isEmpty();
		}

		/** The errors collected, as the exception that names them all (null when there are none). */
		public InvalidInputException toException() {
			return this.errors.isEmpty() ? null : new InvalidInputException(List.copyOf(this.errors));
		}

		public void throwIfAny() {
			if (!this.errors.isEmpty()) {
				throw new InvalidInputException(this.errors);
			}
		}

	}

}
