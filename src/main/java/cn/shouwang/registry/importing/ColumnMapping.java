package cn.shouwang.registry.importing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.shouwang.shared.InvalidInputException;

import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Which column holds which {@link Field}, as found by {@link HeaderDetector} and corrected by the
 * user. Keeps the header texts as the file has them (for the page and for the error workbook).
 * Immutable; {@link #withOverrides} gives a corrected copy.
 * <p>
 * When two columns match the same field (联系电话 and 手机号码), the first is used and the pair is a
 * {@linkplain #conflicts() conflict} that {@link #requireUsable()} refuses until the user picks one
 * with an override.
 */
public final class ColumnMapping {

	/** Fields without which no row can be imported. */
	public static final Set<Field> REQUIRED = Collections.unmodifiableSet(java.util.EnumSet.of(Field.NAME,
			Field.ID_NUMBER));

	/** One column of the sheet as the page shows it. */
	public record Column(int index, String letter, String header, Field field) {
	}

	private final int headerRowNumber;

	private final int lastHeaderRowNumber;

	private final List<String> headers;

	/** Every column whose header matches each field, in column order. */
	private final Map<Field, List<Integer>> candidates;

	private ColumnMapping(int headerRowNumber, int lastHeaderRowNumber, List<String> headers,
			Map<Field, List<Integer>> candidates) {
		this.headerRowNumber = headerRowNumber;
		this.lastHeaderRowNumber = lastHeaderRowNumber;
		this.headers = List.copyOf(headers);
		EnumMap<Field, List<Integer>> copy = new EnumMap<>(Field.class);
		candidates.forEach((f, cols) -> {
			if (!cols.isEmpty()) {
				copy.put(f, List.copyOf(cols));
			}
		});
		this.candidates = Collections.unmodifiableMap(copy);
	}

	/** A mapping from the header texts alone (each matched as {@link HeaderDetector} does). */
	public static ColumnMapping of(int headerRowNumber, int lastHeaderRowNumber, List<String> headers) {
		EnumMap<Field, List<Integer>> candidates = new EnumMap<>(Field.class);
		for (int c = 0; c < headers.size(); c++) {
			Field f = HeaderDetector.fieldOf(headers.get(c));
			if (f != null) {
				candidates.computeIfAbsent(f, k -> new ArrayList<>()).add(c);
			}
		}
		return new ColumnMapping(headerRowNumber, lastHeaderRowNumber, headers, candidates);
	}

	/** The row (1-based) of the header, or of its first line when it has two. */
	public int headerRowNumber() {
		return this.headerRowNumber;
	}

	/** The last header row: data starts below it. */
	public int lastHeaderRowNumber() {
		return this.lastHeaderRowNumber;
	}

	/** Header texts by column, as in the file ("" for a column without one). */
	public List<String> headers() {
		return this.headers;
	}

	public int width() {
		return this.headers.size();
	}

	/** The column of a field (0-based), or -1 if no column holds it. */
	public int column(Field field) {
		List<Integer> cols = this.candidates.get(field);
		return cols == null ? -1 : cols.get(0);
	}

	public boolean has(Field field) {
		return this.candidates.containsKey(field);
	}

	/** The field a column holds, if any. */
	public Optional<Field> fieldAt(int column) {
		for (Map.Entry<Field, List<Integer>> e : this.candidates.entrySet()) {
			if (e.getValue().get(0) == column) {
				return Optional.of(e.getKey());
			}
		}
		return Optional.empty();
	}

	/** The header text of a column, "" beyond the header. */
	public String header(int column) {
		return column >= 0 && column < this.headers.size() ? this.headers.get(column) : "";
	}

	/** Field to column (0-based) for every mapped field. */
	public Map<Field, Integer> columns() {
		EnumMap<Field, Integer> m = new EnumMap<>(Field.class);
		this.candidates.forEach((f, cols) -> m.put(f, cols.get(0)));
		return Collections.unmodifiableMap(m);
	}

	/** Every column with its header and field, for the page where the user checks the mapping. */
	public List<Column> describe() {
		List<Column> list = new ArrayList<>();
		for (int c = 0; c < this.headers.size(); c++) {
			list.add(new Column(c, Text.columnLetter(c), this.headers.get(c), fieldAt(c).orElse(null)));
		}
		return list;
	}

	/** Fields matched by more than one column, with all those columns. */
	public Map<Field, List<Integer>> conflicts() {
		EnumMap<Field, List<Integer>> m = new EnumMap<>(Field.class);
		this.candidates.forEach((f, cols) -> {
			if (cols.size() > 1) {
				m.put(f, cols);
			}
		});
		return Collections.unmodifiableMap(m);
	}

	/** Required fields that no column holds. */
	public Set<Field> missing() {
		java.util.EnumSet<Field> m = java.util.EnumSet.noneOf(Field.class);
		for (Field f : REQUIRED) {
			if (!has(f)) {
				m.add(f);
			}
		}
		return m;
	}

	/**
	 * A copy where each given field is held by the given column (0-based), or by none when the value is
	 * null or negative. A column given to a field is taken from any other field; a field given a column
	 * no longer conflicts. Throws {@code import.badMapping} for a column outside the sheet and
	 * {@code import.columnTwice} when two fields are given the same column.
	 */
	public ColumnMapping withOverrides(Map<Field, Integer> overrides) {
		if (overrides == null || overrides.isEmpty()) {
			return this;
		}
		Map<Integer, Field> taken = new HashMap<>();
		for (Map.Entry<Field, Integer> e : overrides.entrySet()) {
			Integer col = e.getValue();
			if (col == null || col < 0) {
				continue;
			}
			if (col >= this.headers.size()) {
				throw InvalidInputException.of("mapping", "import.badMapping", col + 1);
			}
			Field before = taken.put(col, e.getKey());
			if (before != null) {
				throw InvalidInputException.of("mapping", "import.columnTwice", Text.columnLetter(col), header(col));
			}
		}
		EnumMap<Field, List<Integer>> next = new EnumMap<>(Field.class);
		for (Field f : Field.values()) {
			List<Integer> cols;
			if (overrides.containsKey(f)) {
				Integer col = overrides.get(f);
				cols = col == null || col < 0 ? List.of() : List.of(col);
			}
			else {
				cols = new ArrayList<>(this.candidates.getOrDefault(f, List.of()));
				cols.removeIf(taken::containsKey);
			}
			next.put(f, cols);
		}
		return new ColumnMapping(this.headerRowNumber, this.lastHeaderRowNumber, this.headers, next);
	}

	/**
	 * Throws every reason this mapping cannot be used for an import: {@code import.duplicateField}
	 * (header and column letter of the first two columns matching the same field) and
	 * {@code import.missingColumn} (the field's name, resolvable through the message bundles).
	 */
	public void requireUsable() {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		conflicts().forEach((f, cols) -> errors.add("file", "import.duplicateField", header(cols.get(0)),
				Text.columnLetter(cols.get(0)), header(cols.get(1)), Text.columnLetter(cols.get(1))));
		for (Field f : missing()) {
			errors.add("file", "import.missingColumn", fieldName(f));
		}
		errors.throwIfAny();
	}

	/**
	 * Throws every reason this mapping cannot be used for a list that needs at least one of
	 * {@code fields} (and only those): {@code import.duplicateField} for two columns matching one of
	 * them, {@code import.missingAnyColumn} (their names, joined) when no column holds any.
	 */
	public void requireAnyOf(Set<Field> fields) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		conflicts().forEach((f, cols) -> {
			if (fields.contains(f)) {
				errors.add("file", "import.duplicateField", header(cols.get(0)), Text.columnLetter(cols.get(0)),
						header(cols.get(1)), Text.columnLetter(cols.get(1)));
			}
		});
		if (fields.stream().noneMatch(this::has)) {
			errors.add("file", "import.missingAnyColumn",
					String.join("、", fields.stream().sorted().map(Field::label).toList()));
		}
		errors.throwIfAny();
	}

	/** A message argument that resolves to the field's name in the user's language. */
	public static DefaultMessageSourceResolvable fieldName(Field f) {
		return new DefaultMessageSourceResolvable(new String[] { f.messageKey() }, f.label());
	}

	@Override
	public String toString() {
		return "ColumnMapping[header row " + this.headerRowNumber + ", " + columns() + ", conflicts " + conflicts()
				+ "]";
	}

}
