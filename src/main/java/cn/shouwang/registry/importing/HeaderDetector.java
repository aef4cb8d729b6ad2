package cn.shouwang.registry.importing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import cn.shouwang.shared.InvalidInputException;

/**
 * Finds the header row among the first {@value #SCAN_ROWS} rows, under any title rows: the row whose
 * cells name the most {@linkplain Field fields}, among rows naming at least 姓名 and one of 身份证号 or
 * 联系电话. Header cells are compared after {@link #normaliseHeader}. A second header line is taken
 * in when the row right below consists only of known header names (a two-level header such as 地址
 * over 楼栋 | 单元 | 房号); the header texts of its cells replace those above them.
 */
public final class HeaderDetector {

	/** How many rows from the top may hold the header. */
	public static final int SCAN_ROWS = 20;

	private static final Map<String, Field> NAMES = new HashMap<>();

	static {
		for (Field f : Field.values()) {
			for (String h : f.headerNames()) {
				NAMES.put(normaliseHeader(h), f);
			}
		}
	}

	private HeaderDetector() {
	}

	/**
	 * The header text reduced for comparison: no white space (also inside: 姓 名), no asterisks or
	 * colons marking required fields, nothing in brackets (（必填）, (18位), 【选填】), ASCII letters in
	 * upper case.
	 */
	public static String normaliseHeader(String header) {
		StringBuilder b = new StringBuilder(header.length());
		int depth = 0;
		for (int i = 0; i < header.length(); i++) {
			char c = Text.halfWidth(header.charAt(i));
			if (c == '(' || c == '（' || c == '[' || c == '【' || c == '〔') {
				depth++;
			}
			else if (c == ')' || c == '）' || c == ']' || c == '】' || c == '〕') {
				depth = Math.max(0, depth - 1);
			}
			else if (depth == 0 && !Text.isSpace(c) && c != '*' && c != '＊' && c != ':' && c != '：' && c != '※') {
				b.append(Character.toUpperCase(c));
			}
		}
		return b.toString();
	}

	/** The field a header text names, or null. */
	public static Field fieldOf(String header) {
		if (header == null || header.isEmpty()) {
			return null;
		}
		return NAMES.get(normaliseHeader(header));
	}

	/** What a register's header must name: 姓名, and 身份证号 or 联系电话. */
	public static final Predicate<Set<Field>> REGISTER = found -> found.contains(Field.NAME)
			&& (found.contains(Field.ID_NUMBER) || found.contains(Field.PHONE));

	/**
	 * The mapping from the header found in these rows (the first rows of the sheet, in order). Throws
	 * {@code import.noHeaderRow} {@value #SCAN_ROWS} when no row qualifies. Columns matching the same
	 * field are kept as conflicts of the mapping, for the user to settle.
	 */
	public static ColumnMapping detect(List<RawRow> rows) {
		return detect(rows, REGISTER, "import.noHeaderRow");
	}

	/**
	 * As {@link #detect(List)}, for sheets other than registers: a row is a header when the fields it
	 * names satisfy {@code qualifies} (an assistance list may have only names, or only ID numbers);
	 * {@code noHeaderKey} is the message when none does.
	 */
	public static ColumnMapping detect(List<RawRow> rows, Predicate<Set<Field>> qualifies, String noHeaderKey) {
		int best = -1;
		int bestScore = 0;
		for (int i = 0; i < rows.size() && i < SCAN_ROWS; i++) {
			Set<Field> found = fields(rows.get(i));
			if (qualifies.test(found) && found.size() > bestScore) {
				best = i;
				bestScore = found.size();
			}
		}
		if (best < 0) {
			throw InvalidInputException.of("file", noHeaderKey, SCAN_ROWS);
		}
		RawRow header = rows.get(best);
		List<String> texts = new ArrayList<>(header.cells());
		int last = header.rowNumber();
		if (best + 1 < rows.size()) {
			RawRow below = rows.get(best + 1);
			if (below.rowNumber() == header.rowNumber() + 1 && isSubHeader(below)) {
				for (int c = 0; c < below.cells().size(); c++) {
					String t = below.cell(c);
					if (!Text.isBlank(t)) {
						while (texts.size() <= c) {
							texts.add("");
						}
						texts.set(c, t);
					}
				}
				last = below.rowNumber();
			}
		}
		// trailing columns without a header carry nothing that could be mapped
		int width = texts.size();
		while (width > 0 && Text.isBlank(texts.get(width - 1))) {
			width--;
		}
		List<String> trimmed = new ArrayList<>(width);
		for (int c = 0; c < width; c++) {
			trimmed.add(texts.get(c).strip());
		}
		return ColumnMapping.of(header.rowNumber(), last, trimmed);
	}

	private static Set<Field> fields(RawRow row) {
		Set<Field> found = EnumSet.noneOf(Field.class);
		for (String cell : row.cells()) {
			Field f = fieldOf(cell);
			if (f != null) {
				found.add(f);
			}
		}
		return found;
	}

	private static boolean isSubHeader(RawRow row) {
		boolean any = false;
		for (String cell : row.cells()) {
			if (Text.isBlank(cell)) {
				continue;
			}
			if (fieldOf(cell) == null) {
				return false;
			}
			any = true;
		}
		return any;
	}

}
