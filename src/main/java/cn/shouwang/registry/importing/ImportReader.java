package cn.shouwang.registry.importing;

import java.io.Closeable;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a register: finds the header, then streams one {@link RowResult} per data row (blank rows
 * are skipped and counted). Merged cells are applied here, by this rule:
 * <ul>
 * <li>a region one column wide in a column holding 社区, 网格, 楼栋, 单元, 房号 or 住址 (the
 * {@linkplain Field#fillsDown() address parts}) gives its value to every row it spans: that is what
 * people mean when they merge a household's address over its members;</li>
 * <li>any other region that covers a mapped column (across 姓名 and 身份证号, over several rows of
 * 姓名, across 楼栋 and 单元...) rejects every row it spans with {@code import.row.merged} (column,
 * header, region such as B5:C5), since which value belongs to which row cannot be known;</li>
 * <li>regions in unmapped columns (序号, 户号...) and in the title and header rows are ignored.</li>
 * </ul>
 * Memory stays constant: one row at a time, plus the merged regions (four ints each).
 * <p>
 * If the file turns out to be damaged part-way (a truncated zip), {@link #hasNext()} throws an
 * {@code InvalidInputException} ({@code import.unreadableAt} with the row number) after the rows
 * before it were delivered whole; a caller that wants all or nothing keeps its transaction open
 * until the end.
 */
public final class ImportReader implements java.util.Iterator<RowResult>, Closeable {

	/** What the page shows before the import runs, so the user can check and correct the mapping. */
	public record Preview(ColumnMapping mapping, List<RowResult> sample, ImportFile.Format format, String sheetName,
			List<String> ignoredSheets, List<String> hiddenSheets, Charset charset) {
	}

	private final SheetSource source;

	private final Deque<RawRow> lookahead;

	private final ColumnMapping mapping;

	private final RowValidator validator;

	private final MergedRegions merges;

	private final boolean[] mapped;

	/** The field of each mapped column. */
	private final Field[] fields;

	private int nextRegion;

	private final List<Active> active = new ArrayList<>();

	private RowResult pending;

	private int rows;

	private int accepted;

	private int rejected;

	private int blank;

	/** A merged region spanning the current row, with the value of its top cell. */
	private static final class Active {

		final MergedRegions.Region region;

		String value = "";

		Active(MergedRegions.Region region) {
			this.region = region;
		}

	}

	private ImportReader(SheetSource source, Deque<RawRow> lookahead, ColumnMapping mapping) {
		this.source = source;
		this.lookahead = lookahead;
		this.mapping = mapping;
		this.validator = new RowValidator(mapping);
		this.merges = source.merges();
		this.mapped = new boolean[Math.max(mapping.width(), 1) + XlsxSheetSource.MAX_COLUMNS];
		this.fields = new Field[this.mapped.length];
		mapping.columns().forEach((f, c) -> {
			this.mapped[c] = true;
			this.fields[c] = f;
		});
	}

	/**
	 * Opens the rows for an import with the detected mapping corrected by {@code overrides} (may be
	 * empty). Throws {@code InvalidInputException} for a sheet without a header row
	 * ({@code import.noHeaderRow}) and for a mapping that cannot be used ({@code import.duplicateField},
	 * {@code import.missingColumn}, see {@link ColumnMapping#requireUsable()}).
	 */
	public static ImportReader open(ImportFile file, Map<Field, Integer> overrides) {
		ImportReader r = start(file, overrides);
		try {
			r.mapping.requireUsable();
			return r;
		}
		catch (RuntimeException ex) {
			r.close();
			throw ex;
		}
	}

	/**
	 * The detected mapping (with overrides applied, conflicts and missing columns left for the user to
	 * see) and the results of the first {@code sampleRows} data rows.
	 */
	public static Preview preview(ImportFile file, Map<Field, Integer> overrides, int sampleRows) {
		try (ImportReader r = start(file, overrides)) {
			List<RowResult> sample = new ArrayList<>();
			while (sample.size() < sampleRows && r.hasNext()) {
				sample.add(r.next());
			}
			return new Preview(r.mapping, List.copyOf(sample), file.format(), file.sheetName(), file.ignoredSheets(),
					file.hiddenSheets(), file.charset());
		}
	}

	private static ImportReader start(ImportFile file, Map<Field, Integer> overrides) {
		SheetSource source = file.openRows();
		try {
			Header header = header(source, HeaderDetector.REGISTER, "import.noHeaderRow");
			ColumnMapping mapping = header.detected().withOverrides(overrides == null ? Map.of() : overrides);
			return new ImportReader(source, header.dataRows(), mapping);
		}
		catch (RuntimeException ex) {
			source.close();
			throw ex;
		}
	}

	/** The header found in the first rows, and the data rows read past it (to be delivered first). */
	record Header(ColumnMapping detected, Deque<RawRow> dataRows) {
	}

	/** Reads up to {@value HeaderDetector#SCAN_ROWS} rows and finds the header among them. */
	static Header header(SheetSource source, java.util.function.Predicate<java.util.Set<Field>> qualifies,
			String noHeaderKey) {
		Deque<RawRow> first = new ArrayDeque<>();
		while (source.hasNext()) {
			first.add(source.next());
			if (first.size() >= HeaderDetector.SCAN_ROWS || first.peekLast().rowNumber() >= HeaderDetector.SCAN_ROWS) {
				break;
			}
		}
		if (first.isEmpty()) {
			throw cn.shouwang.shared.InvalidInputException.of("file", noHeaderKey, HeaderDetector.SCAN_ROWS);
		}
		ColumnMapping detected = HeaderDetector.detect(new ArrayList<>(first), qualifies, noHeaderKey);
		while (!first.isEmpty() && first.peekFirst().rowNumber() <= detected.lastHeaderRowNumber()) {
			first.removeFirst();
		}
		return new Header(detected, first);
	}

	public ColumnMapping mapping() {
		return this.mapping;
	}

	/** Data rows read so far, blank ones not counted. */
	public int rows() {
		return this.rows;
	}

	public int accepted() {
		return this.accepted;
	}

	public int rejected() {
		return this.rejected;
	}

	/** Rows below the header with nothing in any mapped column, skipped. */
	public int blankRows() {
		return this.blank;
	}

	@Override
	public boolean hasNext() {
		while (this.pending == null) {
			RawRow raw = nextRaw();
			if (raw == null) {
				return false;
			}
			this.pending = process(raw);
		}
		return true;
	}

	@Override
	public RowResult next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		RowResult r = this.pending;
		this.pending = null;
		return r;
	}

	private RawRow nextRaw() {
		if (!this.lookahead.isEmpty()) {
			return this.lookahead.removeFirst();
		}
		return this.source.hasNext() ? this.source.next() : null;
	}

	/** The result for a row, or null when it is blank. */
	private RowResult process(RawRow raw) {
		List<RowProblem> problems = List.of();
		RawRow row = raw;
		if (!this.merges.isEmpty()) {
			activate(raw.rowNumber());
			if (!this.active.isEmpty()) {
				String[] cells = null;
				for (Active a : this.active) {
					MergedRegions.Region g = a.region;
					int col = firstMapped(g);
					Field f = this.fields[col];
					boolean fill = g.vertical() && f.fillsDown() && g.firstRow() > this.mapping.lastHeaderRowNumber();
					if (fill && g.firstRow() == raw.rowNumber()) {
						a.value = raw.cell(col);
					}
					else if (fill) {
						if (Text.isBlank(raw.cell(col)) && !a.value.isEmpty()) {
							if (cells == null) {
								cells = raw.cells().toArray(new String[Math.max(raw.cells().size(), col + 1)]);
							}
							if (cells.length <= col) {
								cells = java.util.Arrays.copyOf(cells, col + 1);
							}
							cells[col] = a.value;
						}
					}
					else {
						if (problems.isEmpty()) {
							problems = new ArrayList<>();
						}
						problems.add(RowProblem.of(f, "import.row.merged", Text.columnLetter(col), this.mapping.header(col),
								g.ref()));
					}
				}
				if (isBlank(raw)) {
					this.blank++;
					return null;
				}
				if (cells != null) {
					for (int i = 0; i < cells.length; i++) {
						if (cells[i] == null) {
							cells[i] = "";
						}
					}
					row = new RawRow(raw.rowNumber(), List.of(cells), raw.notes());
				}
			}
		}
		if (row == raw && isBlank(raw)) {
			this.blank++;
			return null;
		}
		this.rows++;
		RowResult result = this.validator.validate(row, problems);
		if (result.valid()) {
			this.accepted++;
		}
		else {
			this.rejected++;
		}
		return result;
	}

	/** Brings the list of regions spanning this row up to date (rows come in increasing order). */
	private void activate(int rowNumber) {
		this.active.removeIf(a -> a.region.lastRow() < rowNumber);
		while (this.nextRegion < this.merges.size() && this.merges.firstRow(this.nextRegion) <= rowNumber) {
			MergedRegions.Region g = this.merges.get(this.nextRegion++);
			if (g.lastRow() >= rowNumber && g.lastRow() > this.mapping.lastHeaderRowNumber() && firstMapped(g) >= 0) {
				this.active.add(new Active(g));
			}
		}
	}

	private int firstMapped(MergedRegions.Region g) {
		for (int c = g.firstColumn(); c <= g.lastColumn() && c < this.mapped.length; c++) {
			if (this.mapped[c]) {
				return c;
			}
		}
		return -1;
	}

	/** Nothing in any mapped column, and no formula there either. */
	private boolean isBlank(RawRow raw) {
		for (int c = 0; c < raw.cells().size(); c++) {
			if (c < this.mapped.length && this.mapped[c] && !Text.isBlank(raw.cells().get(c))) {
				return false;
			}
		}
		for (RawRow.CellNote n : raw.notes()) {
			if (n.kind() == RawRow.Kind.UNTERMINATED
					|| (n.kind() != RawRow.Kind.NUMBER && n.column() < this.mapped.length && this.mapped[n.column()])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() {
		this.source.close();
	}

}
