package cn.shouwang.shared;

import java.util.regex.Pattern;

/** Mainland mobile numbers and landlines as people write them. */
public final class PhoneNumbers {

	private static final Pattern MOBILE = Pattern.compile("^1[3-9]\\d{9}$");

	private static final Pattern LANDLINE = Pattern.compile("^0\\d{2,3}-?\\d{7,8}$");

	private PhoneNumbers() {
	}

	/** Digits (and a landline's dash) without spaces or a +86 prefix, or null if not a phone number. */
	public static String normalise(String raw) {
		if (raw == null) {
			return null;
		}
		String v = raw.replaceAll("[\\s()]", "");
		if (v.startsWith("+86")) {
			v = v.substring(3);
		}
		return MOBILE.matcher(v).matches() || LANDLINE.matcher(v).matches() ? v : null;
	}

}
