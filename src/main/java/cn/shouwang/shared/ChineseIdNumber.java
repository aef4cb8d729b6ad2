package cn.shouwang.shared;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-digit resident identity number of GB 11643: 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
 */
public final class ChineseIdNumber {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final char[] CHECK = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };

	/** Why a value is not a valid ID number; each maps to a message key {@code idnumber.<name>}. */
	public enum Problem {

		EMPTY, SCIENTIFIC_NOTATION, PRECISION_LOST, LENGTH, CHARACTERS, BIRTH_DATE, CHECK_DIGIT

	}

	private ChineseIdNumber() {
	}

	public static char checkCharacter(CharSequence first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK[sum % 11];
	}

	/** The problem with a value, or empty when it is a valid ID number. */
	public static Optional<Problem> problem(String raw) {
		if (raw == null || raw.isBlank()) {
			return Optional.of(Problem.EMPTY);
		}
		String v = raw.trim().toUpperCase(java.util.Locale.ROOT);
		if (v.matches("\\d(\\.\\d+)?E\\+?\\d+")) {
			return Optional.of(Problem.SCIENTIFIC_NOTATION);
		}
		if (v.length() != 18) {
			return Optional.of(Problem.LENGTH);
		}
		if (!v.matches("\\d{17}[\\dX]")) {
			return Optional.of(Problem.CHARACTERS);
		}
		if (birthDateOf(v).isEmpty()) {
			return Optional.of(Problem.BIRTH_DATE);
		}
		if (checkCharacter(v) != v.charAt(17)) {
			// Excel keeps 15 significant digits and fills the rest with zeros
			return Optional.of(v.endsWith("000") ? Problem.PRECISION_LOST : Problem.CHECK_DIGIT);
		}
		return Optional.empty();
	}

	public static boolean isValid(String raw) {
		return problem(raw).isEmpty();
	}

	public static Optional<LocalDate> birthDateOf(String v) {
		try {
			LocalDate d = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
					Integer.parseInt(v.substring(12, 14)));
			return d.getYear() < 1900 || d.isAfter(LocalDate.now()) ? Optional.empty() : Optional.of(d);
		}
		catch (DateTimeException | NumberFormatException | StringIndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	/** 'M' or 'F' from the parity of the sequence digit. */
	public static char sexOf(String v) {
		return (v.charAt(16) - '0') % 2 == 1 ? 'M' : 'F';
	}

}
