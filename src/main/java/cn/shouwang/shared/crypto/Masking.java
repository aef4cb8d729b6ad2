package cn.shouwang.shared.crypto;

/** How personal values are shown to people who do not need the full value. */
public final class Masking {

	private Masking() {
	}

	/** 110101199003071234 becomes 110***********1234. */
	public static String idNumber(String value) {
		return keepEnds(value, 3, 4);
	}

	/** 13812345678 becomes 138****5678. */
	public static String phone(String value) {
		return keepEnds(value, 3, 4);
	}

	/** 张三 becomes 张*; 欧阳明月 becomes 欧**月. */
	public static String name(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		int[] cps = value.codePoints().toArray();
		if (cps.length == 1) {
			return value;
		}
		StringBuilder sb = new StringBuilder().appendCodePoint(cps[0]);
		if (cps.length == 2) {
			return sb.append('*').toString();
		}
		sb.append("*".repeat(cps.length - 2));
		return sb.appendCodePoint(cps[cps.length - 1]).toString();
	}

	private static String keepEnds(String value, int head, int tail) {
		if (value == null) {
			return null;
		}
		if (value.length() <= head + tail) {
			return "*".repeat(value.length());
		}
		return value.substring(0, head) + "*".repeat(value.length() - head - tail)
				+ value.substring(value.length() - tail);
	}

}
