package cn.shouwang.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import cn.shouwang.shared.ChineseIdNumber;

/**
 * The identity documents people are registered with, each with its own format check. The
 * resident identity card is checked fully (GB 11643 check digit, birth date); the others by form.
 */
public enum IdType {

	/** 居民身份证: 18 characters, GB 11643. */
	RESIDENT_ID(null),
	/** 护照: a letter or two and 7 to 8 digits (Chinese E/G series), or 5 to 17 letters and digits. */
	PASSPORT(Pattern.compile("^[A-Z0-9]{5,17}$")),
	/** 港澳居民来往内地通行证: H or M and 8 or 10 digits. */
	HK_MACAO_PERMIT(Pattern.compile("^[HM]\\d{8}(\\d{2})?$")),
	/** 台湾居民来往大陆通行证: 8 or 10 digits. */
	TAIWAN_PERMIT(Pattern.compile("^\\d{8}(\\d{2})?$")),
	/** 港澳台居民居住证: 18 characters like the resident ID, region 810000/820000/830000. */
	HMT_RESIDENCE_PERMIT(null);

	private final Pattern format;

	IdType(Pattern format) {
		this.format = format;
	}

	/** Upper case without spaces, as stored and indexed. */
	public static String normalise(String raw) {
		return raw == null ? null : raw.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
	}

	/** The message key of what is wrong with the value for this document type, if anything. */
	public Optional<String> problem(String raw) {
		String v = normalise(raw);
		if (v == null || v.isEmpty()) {
			return Optional.of("idnumber.EMPTY");
		}
		return switch (this) {
			case RESIDENT_ID -> ChineseIdNumber.problem(v).map(p -> "idnumber." + p.name());
			case HMT_RESIDENCE_PERMIT -> ChineseIdNumber.problem(v)
				.map(p -> "idnumber." + p.name())
				.or(() -> v.startsWith("810000") || v.startsWith("820000") || v.startsWith("830000") ? Optional.empty()
						: Optional.of("idnumber.HMT_REGION"));
			default -> this.format.matcher(v).matches() ? Optional.empty() : Optional.of("idnumber.FORMAT_" + name());
		};
	}

	/** Whether birth date and sex can be read from the number itself. */
	public boolean carriesBirthAndSex() {
		return this == RESIDENT_ID || this == HMT_RESIDENCE_PERMIT;
	}

	public String messageKey() {
		return "idType." + name();
	}

}
