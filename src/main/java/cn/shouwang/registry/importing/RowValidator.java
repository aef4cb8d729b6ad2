package cn.shouwang.registry.importing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.shouwang.registry.IdType;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.registry.VulnerableTag;
import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.PhoneNumbers;

/**
 * Turns a {@link RawRow} into a {@link PersonDraft}, or lists every problem of the row (not only the
 * first), each naming the field and the rule. The rules:
 * <ul>
 * <li>every value is trimmed, runs of white space become one space, full-width digits and letters
 * become ASCII, an Excel text wrapper {@code ="..."} is removed; longer than {@link Field#maxLength()}
 * is {@code import.row.tooLong};</li>
 * <li>姓名 is required ({@code import.row.required}) and must contain a letter or character
 * ({@code import.row.nameInvalid}); spaces that align Chinese names are removed;</li>
 * <li>证件类型 defaults to 居民身份证; the usual names of the five types are understood, anything else
 * is {@code import.row.idType};</li>
 * <li>the ID number is required and checked by {@link IdType#problem} ({@code idnumber.*}); a number
 * cell of 16 or more digits whose last digits are zeros is {@code idnumber.PRECISION_LOST} even when
 * the zeros happen to pass the check digit: Excel keeps 15 digits;</li>
 * <li>sex and birth date come from the ID number when it carries them; 性别 and 出生日期 columns
 * must then agree ({@code import.row.sexConflict}, {@code import.row.birthConflict}); otherwise they
 * are read from the columns ({@code import.row.sex}, {@code import.row.date},
 * {@code import.row.dateRange});</li>
 * <li>a phone is optional, but must be a mainland mobile or a landline ({@code import.row.phone}),
 * one per cell ({@code import.row.phoneMultiple}); a trailing ".0" of a number exported by a script is
 * dropped;</li>
 * <li>人员类别: 常住/户籍/本地 → PERMANENT, 流动/外来/暂住 → MIGRANT, 租户/租住/出租 → TENANT, blank →
 * PERMANENT, else {@code import.row.residenceType};</li>
 * <li>标签: any of 独居老人/独居, 残疾/残疾人, 慢性病/慢病, 孕妇/孕产妇, 婴幼儿/婴儿 separated by 、,，;；/ or
 * spaces; 无 or 否 for none; unknown words are {@code import.row.tag};</li>
 * <li>社区, 网格, 楼栋 become places in the jurisdiction tree, so they may not contain "/"
 * ({@code import.row.slash});</li>
 * <li>text with characters that could not be decoded (U+FFFD) is {@code import.row.garbled};</li>
 * <li>a formula in a mapped column is {@code import.row.formula}, an error value
 * {@code import.row.cellError}, a CSV field never closed {@code import.row.unterminated}.</li>
 * </ul>
 * Thread-safe; one instance per mapping.
 */
public final class RowValidator {

	private static final Map<String, IdType> ID_TYPES = new HashMap<>();

	private static final Map<String, ResidenceType> RESIDENCE_TYPES = new HashMap<>();

	private static final Map<String, VulnerableTag> TAGS = new HashMap<>();

	private static final Set<String> NO_TAG = Set.of("无", "否", "没有", "-", "--", "—", "——", "NONE", "NO", "N/A");

	static {
		put(ID_TYPES, IdType.RESIDENT_ID, "居民身份证", "身份证", "二代身份证", "第二代居民身份证", "中华人民共和国居民身份证", "大陆居民身份证",
				"内地居民身份证", "身份证号", "身份证号码", "RESIDENT_ID");
		put(ID_TYPES, IdType.PASSPORT, "护照", "中国护照", "外国护照", "普通护照", "因私护照", "外国人护照", "PASSPORT");
		put(ID_TYPES, IdType.HK_MACAO_PERMIT, "港澳通行证", "港澳居民来往内地通行证", "港澳居民往来内地通行证", "回乡证", "港澳回乡证",
				"HK_MACAO_PERMIT");
		put(ID_TYPES, IdType.TAIWAN_PERMIT, "台湾通行证", "台胞证", "台湾居民来往大陆通行证", "台湾居民往来大陆通行证", "TAIWAN_PERMIT");
		put(ID_TYPES, IdType.HMT_RESIDENCE_PERMIT, "港澳台居民居住证", "港澳居民居住证", "台湾居民居住证", "HMT_RESIDENCE_PERMIT");
		put(RESIDENCE_TYPES, ResidenceType.PERMANENT, "常住", "常住人口", "常住人员", "户籍", "户籍人口", "户籍人员", "本地", "本地人口",
				"本地人员", "本地户籍", "常住户籍", "户籍常住", "PERMANENT");
		put(RESIDENCE_TYPES, ResidenceType.MIGRANT, "流动", "流动人口", "流动人员", "外来", "外来人口", "外来人员", "暂住", "暂住人口",
				"暂住人员", "非户籍", "非户籍人口", "MIGRANT");
		put(RESIDENCE_TYPES, ResidenceType.TENANT, "租户", "租住", "出租", "租房", "租住人员", "租赁", "承租", "承租人", "租客", "TENANT");
		put(TAGS, VulnerableTag.ELDERLY_ALONE, "独居老人", "独居", "独居老年人", "ELDERLY_ALONE");
		put(TAGS, VulnerableTag.DISABLED, "残疾", "残疾人", "残障", "残障人士", "DISABLED");
		put(TAGS, VulnerableTag.CHRONIC_ILLNESS, "慢性病", "慢病", "慢性病患者", "慢病患者", "CHRONIC_ILLNESS");
		put(TAGS, VulnerableTag.PREGNANT, "孕妇", "孕产妇", "PREGNANT");
		put(TAGS, VulnerableTag.INFANT, "婴幼儿", "婴儿", "幼儿", "INFANT");
	}

	private final ColumnMapping mapping;

	private final int[] columns = new int[Field.values().length];

	public RowValidator(ColumnMapping mapping) {
		this.mapping = mapping;
		for (Field f : Field.values()) {
			this.columns[f.ordinal()] = mapping.column(f);
		}
	}

	public ColumnMapping mapping() {
		return this.mapping;
	}

	public RowResult validate(RawRow row) {
		return validate(row, List.of());
	}

	/** Validates a row; {@code earlier} are problems already known (merged cells) and come first. */
	public RowResult validate(RawRow row, List<RowProblem> earlier) {
		Check c = new Check(row, earlier);
		c.notes();
		String name = c.name();
		IdType idType = c.idType();
		String idNumber = c.idNumber(idType);
		String sexText = c.text(Field.SEX);
		Character sexColumn = c.sex(sexText);
		String birthText = c.text(Field.BIRTH_DATE);
		LocalDate birthColumn = c.date(Field.BIRTH_DATE, birthText);
		Character sex = sexColumn;
		LocalDate birth = birthColumn;
		if (idNumber != null && idType != null && idType.carriesBirthAndSex()) {
			sex = ChineseIdNumber.sexOf(idNumber);
			birth = ChineseIdNumber.birthDateOf(idNumber).orElse(null);
			if (sexColumn != null && !sexColumn.equals(sex)) {
				c.problem(Field.SEX, "import.row.sexConflict", sexText);
			}
			if (birthColumn != null && !birthColumn.equals(birth)) {
				c.problem(Field.BIRTH_DATE, "import.row.birthConflict", birthColumn.toString(), String.valueOf(birth));
			}
		}
		else if (birthColumn != null && (birthColumn.getYear() < 1900 || birthColumn.isAfter(LocalDate.now()))) {
			c.problem(Field.BIRTH_DATE, "import.row.dateRange", c.header(Field.BIRTH_DATE), birthText);
		}
		String phone = c.phone();
		ResidenceType residence = c.residenceType();
		Set<VulnerableTag> tags = c.tags();
		String relation = c.text(Field.RELATION);
		String workPlace = c.text(Field.WORK_PLACE);
		String notes = c.text(Field.NOTES);
		Location location = new Location(c.place(Field.COMMUNITY), c.place(Field.GRID), c.place(Field.BUILDING),
				c.text(Field.UNIT), c.text(Field.ROOM), c.text(Field.ADDRESS));
		if (!c.problems.isEmpty()) {
			return new RowResult(row, null, c.problems);
		}
		return new RowResult(row, new PersonDraft(row.rowNumber(), name, idType, idNumber, phone, sex, birth, relation,
				residence, tags, workPlace, notes, location), List.of());
	}

	/** The checks of one row, collecting problems. */
	private final class Check {

		private final RawRow row;

		private final List<RowProblem> problems;

		/** Fields already reported (too long, formula...), not checked further. */
		private final EnumSet<Field> reported = EnumSet.noneOf(Field.class);

		Check(RawRow row, List<RowProblem> earlier) {
			this.row = row;
			this.problems = new ArrayList<>(earlier);
			for (RowProblem p : earlier) {
				if (p.field() != null) {
					this.reported.add(p.field());
				}
			}
		}

		void problem(Field field, String key, Object... args) {
			this.problems.add(RowProblem.of(field, key, args));
			if (field != null) {
				this.reported.add(field);
			}
		}

		int column(Field f) {
			return RowValidator.this.columns[f.ordinal()];
		}

		String header(Field f) {
			String h = RowValidator.this.mapping.header(column(f));
			return h.isEmpty() ? f.label() : h;
		}

		void notes() {
			for (RawRow.CellNote n : this.row.notes()) {
				if (n.kind() == RawRow.Kind.UNTERMINATED) {
					problem(null, "import.row.unterminated", Text.columnLetter(n.column()));
					continue;
				}
				Optional<Field> field = fieldAt(n.column());
				if (field.isEmpty()) {
					continue;
				}
				Field f = field.get();
				if (n.kind() == RawRow.Kind.FORMULA) {
					problem(f, "import.row.formula", Text.columnLetter(n.column()), header(f));
				}
				else if (n.kind() == RawRow.Kind.ERROR) {
					problem(f, "import.row.cellError", Text.columnLetter(n.column()), header(f),
							this.row.cell(n.column()));
				}
			}
		}

		private Optional<Field> fieldAt(int column) {
			for (Field f : Field.values()) {
				if (RowValidator.this.columns[f.ordinal()] == column) {
					return Optional.of(f);
				}
			}
			return Optional.empty();
		}

		/** The cleaned value of a field, or null when blank, not mapped, too long or already reported. */
		String text(Field f) {
			int col = column(f);
			if (col < 0 || this.reported.contains(f)) {
				return null;
			}
			String v = Text.clean(this.row.cell(col));
			if (v.length() > 2 && v.startsWith("=\"") && v.endsWith("\"")) {
				v = Text.clean(v.substring(2, v.length() - 1));
			}
			if (v.isEmpty()) {
				return null;
			}
			if (v.length() > f.maxLength()) {
				problem(f, "import.row.tooLong", header(f), f.maxLength());
				return null;
			}
			if (v.indexOf('\uFFFD') >= 0) {
				// bytes that were not text in the file's encoding: never stored as garbage
				problem(f, "import.row.garbled", header(f), v);
				return null;
			}
			return v;
		}

		String name() {
			String v = text(Field.NAME);
			if (v == null) {
				if (!this.reported.contains(Field.NAME)) {
					problem(Field.NAME, "import.row.required", header(Field.NAME));
				}
				return null;
			}
			boolean letter = false;
			boolean onlyCjk = true;
			for (int i = 0; i < v.length(); i++) {
				char ch = v.charAt(i);
				letter |= Character.isLetter(ch);
				onlyCjk &= ch == ' ' || ch == '·' || ch == '•' || Text.isCjk(ch);
			}
			if (!letter) {
				problem(Field.NAME, "import.row.nameInvalid", v);
				return null;
			}
			return onlyCjk && v.indexOf(' ') >= 0 ? v.replace(" ", "") : v;
		}

		IdType idType() {
			String v = text(Field.ID_TYPE);
			if (v == null) {
				return this.reported.contains(Field.ID_TYPE) ? null : IdType.RESIDENT_ID;
			}
			IdType t = ID_TYPES.get(HeaderDetector.normaliseHeader(v));
			if (t == null) {
				problem(Field.ID_TYPE, "import.row.idType", v);
			}
			return t;
		}

		String idNumber(IdType type) {
			String v = text(Field.ID_NUMBER);
			if (v == null) {
				if (!this.reported.contains(Field.ID_NUMBER)) {
					problem(Field.ID_NUMBER, "import.row.required", header(Field.ID_NUMBER));
				}
				return null;
			}
			if (v.startsWith("'") || v.startsWith("‘") || v.startsWith("`")) {
				v = v.substring(1);
			}
			v = IdType.normalise(Text.removeSpaces(v));
			if (this.row.has(column(Field.ID_NUMBER), RawRow.Kind.NUMBER) && lostDigits(v)) {
				problem(Field.ID_NUMBER, "idnumber.PRECISION_LOST");
				return null;
			}
			if (type == null) {
				return null;
			}
			String key = type == IdType.RESIDENT_ID && quickValid(v) ? null : type.problem(v).orElse(null);
			if (key != null) {
				problem(Field.ID_NUMBER, key);
				return null;
			}
			return v;
		}

		Character sex(String v) {
			if (v == null) {
				return null;
			}
			switch (v.toUpperCase(java.util.Locale.ROOT)) {
				case "男", "男性", "M", "MALE":
					return 'M';
				case "女", "女性", "F", "FEMALE":
					return 'F';
				default:
					problem(Field.SEX, "import.row.sex", v);
					return null;
			}
		}

		LocalDate date(Field f, String v) {
			if (v == null) {
				return null;
			}
			LocalDate d = parseDate(v);
			if (d == null) {
				problem(f, "import.row.date", header(f), v);
			}
			return d;
		}

		String phone() {
			String v = text(Field.PHONE);
			if (v == null) {
				return null;
			}
			String p = v.replace('－', '-').replace('＋', '+').replace('—', '-');
			if (p.startsWith("'")) {
				p = p.substring(1);
			}
			if (p.endsWith(".0") && Text.isDigits(p.substring(0, p.length() - 2))) {
				p = p.substring(0, p.length() - 2);
			}
			if (p.length() == 11 && p.charAt(0) == '1' && p.charAt(1) >= '3' && Text.isDigits(p)) {
				return p;
			}
			int phones = 0;
			for (String part : p.split("[,，;；、/|\\s]+")) {
				if (digits(part) >= 7) {
					phones++;
				}
			}
			if (phones > 1) {
				problem(Field.PHONE, "import.row.phoneMultiple", v);
				return null;
			}
			String compact = Text.removeSpaces(p);
			if (compact.startsWith("86") && compact.length() == 13 && compact.charAt(2) == '1') {
				compact = compact.substring(2);
			}
			String noDash = compact.replace("-", "");
			if (noDash.length() == 11 && noDash.charAt(0) == '1') {
				compact = noDash;
			}
			String n = PhoneNumbers.normalise(compact);
			if (n == null) {
				problem(Field.PHONE, "import.row.phone", v);
			}
			return n;
		}

		ResidenceType residenceType() {
			String v = text(Field.RESIDENCE_TYPE);
			if (v == null) {
				return ResidenceType.PERMANENT;
			}
			ResidenceType t = RESIDENCE_TYPES.get(HeaderDetector.normaliseHeader(v));
			if (t == null) {
				problem(Field.RESIDENCE_TYPE, "import.row.residenceType", v);
			}
			return t;
		}

		Set<VulnerableTag> tags() {
			String v = text(Field.TAGS);
			if (v == null || NO_TAG.contains(v.toUpperCase(java.util.Locale.ROOT))) {
				return Set.of();
			}
			EnumSet<VulnerableTag> tags = EnumSet.noneOf(VulnerableTag.class);
			Set<String> unknown = new LinkedHashSet<>();
			for (String word : v.split("[、,，;；/|\\s]+")) {
				if (word.isEmpty()) {
					continue;
				}
				VulnerableTag t = TAGS.get(HeaderDetector.normaliseHeader(word));
				if (t != null) {
					tags.add(t);
				}
				else if (!NO_TAG.contains(word.toUpperCase(java.util.Locale.ROOT))) {
					unknown.add(word);
				}
			}
			if (!unknown.isEmpty()) {
				problem(Field.TAGS, "import.row.tag", String.join("、", unknown));
			}
			return tags;
		}

		/** A community, grid or building: a node of the jurisdiction tree, whose names have no "/". */
		String place(Field f) {
			String v = text(f);
			if (v != null && v.indexOf('/') >= 0) {
				problem(f, "import.row.slash", header(f), v);
				return null;
			}
			return v;
		}

	}

	/** Excel keeps 15 significant digits: a longer number ending in zeros lost the digits it had there. */
	static boolean lostDigits(String v) {
		if (!Text.isDigits(v) || v.length() < 16) {
			return false;
		}
		int end = v.length();
		while (end > 0 && v.charAt(end - 1) == '0') {
			end--;
		}
		return end <= 15;
	}

	/** The common case without regular expressions; anything else goes to {@link IdType#problem}. */
	private static boolean quickValid(String v) {
		if (v.length() != 18) {
			return false;
		}
		for (int i = 0; i < 17; i++) {
			char ch = v.charAt(i);
			if (ch < '0' || ch > '9') {
				return false;
			}
		}
		char last = v.charAt(17);
		if ((last < '0' || last > '9') && last != 'X') {
			return false;
		}
		return ChineseIdNumber.checkCharacter(v) == last && ChineseIdNumber.birthDateOf(v).isPresent();
	}

	private static int digits(String s) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) {
			char ch = s.charAt(i);
			if (ch >= '0' && ch <= '9') {
				n++;
			}
		}
		return n;
	}

	/**
	 * 2020-01-02, 2020/1/2, 2020.1.2, 20200102, 2020年1月2日 (also with a time after it, as exported
	 * date-times are); null if not a real date in one of these forms.
	 */
	static LocalDate parseDate(String v) {
		String s = v.strip();
		int cut = s.indexOf(' ');
		if (cut < 0) {
			cut = s.indexOf('T');
		}
		if (cut >= 8) {
			s = s.substring(0, cut);
		}
		try {
			if (s.length() == 8 && Text.isDigits(s)) {
				return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
						Integer.parseInt(s.substring(6, 8)));
			}
			int[] parts = new int[3];
			int[] lengths = new int[3];
			int n = 0;
			char separator = 0;
			for (int i = 0; i < s.length(); i++) {
				char ch = s.charAt(i);
				if (ch >= '0' && ch <= '9') {
					if (n == 3 || lengths[n] == 4) {
						return null;
					}
					parts[n] = parts[n] * 10 + (ch - '0');
					lengths[n]++;
					continue;
				}
				if (n < 3 && lengths[n] == 0) {
					return null;
				}
				boolean chinese = ch == '年' || ch == '月' || ch == '日' || ch == '号';
				if (chinese) {
					if ((ch == '年' && n != 0) || (ch == '月' && n != 1) || ((ch == '日' || ch == '号') && n != 2)
							|| i == s.length() - 1 && ch != '日' && ch != '号') {
						return null;
					}
				}
				else if (ch == '-' || ch == '/' || ch == '.') {
					if (n >= 2 || (separator != 0 && ch != separator)) {
						return null;
					}
					separator = ch;
				}
				else {
					return null;
				}
				n++;
			}
			if (n < 3 && lengths[n] > 0) {
				n++;
			}
			if (n != 3 || lengths[0] != 4 || lengths[1] > 2 || lengths[2] > 2 || lengths[1] == 0 || lengths[2] == 0) {
				return null;
			}
			return LocalDate.of(parts[0], parts[1], parts[2]);
		}
		catch (DateTimeException | NumberFormatException ex) {
			return null;
		}
	}

	private static <T> void put(Map<String, T> map, T value, String... names) {
		for (String n : names) {
			map.put(HeaderDetector.normaliseHeader(n), value);
		}
	}

}
