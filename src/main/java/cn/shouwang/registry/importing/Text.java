package cn.shouwang.registry.importing;

/** Small text helpers for what spreadsheets contain: odd spaces, full-width digits, column letters. */
final class Text {

	private Text() {
	}

	/** White space as it appears in sheets: ASCII, ideographic (U+3000), no-break, zero-width, BOM. */
	static boolean isSpace(char c) {
		return c <= ' ' || c == '\u3000' || c == '\u00A0' || c == '\u200B' || c == '\uFEFF' || c == '\u2007'
				|| c == '\u202F' || (c >= '\u2000' && c <= '\u200A') || c == '\u0085' || c == '\u2028' || c == '\u2029';
	}

	static boolean isBlank(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (!isSpace(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Trimmed, with every run of white space or control characters inside turned into one space, and
	 * full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) turned into ASCII.
	 */
	static String clean(String s) {
		int n = s.length();
		int start = 0;
		while (start < n && isSpace(s.charAt(start))) {
			start++;
		}
		int end = n;
		while (end > start && isSpace(s.charAt(end - 1))) {
			end--;
		}
		boolean plain = true;
		for (int i = start; i < end; i++) {
			char c = s.charAt(i);
			if (isSpace(c) ? c != ' ' || isSpace(s.charAt(i + 1)) : c >= '\uFF10') {
				plain = false;
				break;
			}
		}
		if (plain) {
			return start == 0 && end == n ? s : s.substring(start, end);
		}
		StringBuilder b = new StringBuilder(end - start);
		boolean space = false;
		for (int i = start; i < end; i++) {
			char c = s.charAt(i);
			if (isSpace(c)) {
				space = true;
				continue;
			}
			if (space) {
				b.append(' ');
				space = false;
			}
			b.append(halfWidth(c));
		}
		return b.toString();
	}

	static char halfWidth(char c) {
		if ((c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
			return (char) (c - 0xFEE0);
		}
		return c;
	}

	/** Without any white space at all. */
	static String removeSpaces(String s) {
		StringBuilder b = null;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (isSpace(c)) {
				if (b == null) {
					b = new StringBuilder(s.length());
					b.append(s, 0, i);
				}
			}
			else if (b != null) {
				b.append(c);
			}
		}
		return b == null ? s : b.toString();
	}

	static boolean isCjk(char c) {
		return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF')
				|| Character.isSurrogate(c);
	}

	static boolean isDigits(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/** A, B, ..., Z, AA, ... for a 0-based column index. */
	static String columnLetter(int column) {
		StringBuilder b = new StringBuilder();
		int c = column + 1;
		while (c > 0) {
			int r = (c - 1) % 26;
			b.insert(0, (char) ('A' + r));
			c = (c - 1) / 26;
		}
		return b.toString();
	}

	/** The 0-based column of a reference such as "AB12", or -1. */
	static int columnOf(CharSequence ref) {
		int col = 0;
		int i = 0;
		for (; i < ref.length(); i++) {
			char c = ref.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				col = col * 26 + (c - 'A' + 1);
			}
			else if (c >= 'a' && c <= 'z') {
				col = col * 26 + (c - 'a' + 1);
			}
			else if (c != '$') {
				break;
			}
			if (col > 1_000_000) {
				return -1;
			}
		}
		return i == 0 ? -1 : col - 1;
	}

	/** The 1-based row of a reference such as "AB12", or -1. */
	static int rowOf(CharSequence ref) {
		int row = 0;
		boolean digits = false;
		for (int i = 0; i < ref.length(); i++) {
			char c = ref.charAt(i);
			if (c >= '0' && c <= '9') {
				row = row * 10 + (c - '0');
				digits = true;
				if (row > 100_000_000) {
					return -1;
				}
			}
			else if (digits) {
				return -1;
			}
		}
		return digits ? row : -1;
	}

}
