package cn.shouwang.identity;

import java.util.Locale;
import java.util.Set;

import cn.shouwang.shared.InvalidInputException;

/**
 * The minimum a password must meet: 10 to 128 characters, three of the four kinds (upper case,
 * lower case, digit, symbol), not containing the username, and not a well-known weak password.
 */
final class PasswordPolicy {

	static final int MIN_LENGTH = 10;

	private static final Set<String> WEAK = Set.of("password123", "p@ssw0rd123", "qwerty12345", "1234567890",
			"admin@12345", "abc@123456");

	private PasswordPolicy() {
	}

	static void check(String field, String password, String username) {
		if (password == null || password.length() < MIN_LENGTH) {
			throw InvalidInputException.of(field, "password.tooShort", MIN_LENGTH);
		}
		if (password.length() > 128) {
			throw InvalidInputException.of(field, "validation.tooLong", 128);
		}
		int kinds = 0;
		kinds += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
		kinds += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
		kinds += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
		kinds += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
		if (kinds < 3) {
			throw InvalidInputException.of(field, "password.tooSimple");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
			throw InvalidInputException.of(field, "password.containsUsername");
		}
		if (WEAK.contains(lower)) {
			throw InvalidInputException.of(field, "password.tooCommon");
		}
	}

}
