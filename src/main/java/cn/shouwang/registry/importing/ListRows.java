package cn.shouwang.registry.importing;

import java.io.Closeable;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads a list of people to look up in the registry (an assistance list, 协查名单) rather than to
 * register: the header is found under title rows as for a register, but a row naming any one of
 * 姓名, 身份证号 or 联系电话 qualifies, since lists sent down from above often carry only some of
 * them. Rows are delivered as read, blank ones skipped, nothing validated: the caller keeps every
 * cell to give the list back in its own layout. Merged cells are not filled in (a list is one person
 * a row; what a merge would mean is for the caller's report to show as it was).
 * <p>
 * Only {@link #FIELDS} are mapped: other columns are carried along untouched.
 */
public final class ListRows implements java.util.Iterator<RawRow>, Closeable {

	/** What a list's columns are looked at for; every other column is kept as it is. */
	public static final Set<Field> FIELDS = Collections
		.unmodifiableSet(EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.PHONE, Field.ADDRESS));

	/** The fields of which a list needs at least one to be matched at all. */
	public static final Set<Field> KEYS = Collections
		.unmodifiableSet(EnumSet.of(Field.NAME, Field.ID_NUMBER, Field.PHONE));

	private final SheetSource source;

	private final Deque<RawRow> lookahead;

	private final ColumnMapping mapping;

	private RawRow pending;

	private ListRows(SheetSource source, Deque<RawRow> lookahead, ColumnMapping mapping) {
		this.source = source;
		this.lookahead = lookahead;
		this.mapping = mapping;
	}

	/**
	 * Opens the rows of a list. Throws {@code InvalidInputException} {@code import.noListHeader} when
	 * none of the first {@value HeaderDetector#SCAN_ROWS} rows names 姓名, 身份证号 or 联系电话.
	 */
	public static ListRows open(ImportFile file) {
		SheetSource source = file.openRows();
		try {
			ImportReader.Header header = ImportReader.header(source,
					found -> found.stream().anyMatch(KEYS::contains), "import.noListHeader");
			return new ListRows(source, header.dataRows(), restrict(header.detected(), Map.of()));
		}
		catch (RuntimeException ex) {
			source.close();
			throw ex;
		}
	}

	/**
	 * The mapping with only {@link #FIELDS} kept, corrected by {@code overrides} (field to 0-based
	 * column, negative for none). Same exceptions as {@link ColumnMapping#withOverrides}.
	 */
	public static ColumnMapping restrict(ColumnMapping detected, Map<Field, Integer> overrides) {
		Map<Field, Integer> all = new EnumMap<>(Field.class);
		for (Field f : Field.values()) {
			if (!FIELDS.contains(f)) {
				all.put(f, -1);
			}
		}
		overrides.forEach((f, c) -> {
			if (FIELDS.contains(f)) {
				all.put(f, c);
			}
		});
		return detected.withOverrides(all);
	}

	/** The detected mapping, restricted to {@link #FIELDS}. */
	public ColumnMapping mapping() {
		return this.mapping;
	}

	@Override
	public boolean hasNext() {
		while (this.pending == null) {
			RawRow raw = !this.lookahead.isEmpty() ? this.lookahead.removeFirst()
					: this.source.hasNext() ? this.source.next() : null;
			if (raw == null) {
				return false;
			}
			if (!raw.isBlank()) {
				this.pending = raw;
			}
		}
		return true;
	}

	@Override
	public RawRow next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		RawRow r = this.pending;
		this.pending = null;
		return r;
	}

	@Override
	public void close() {
		this.source.close();
	}

}
