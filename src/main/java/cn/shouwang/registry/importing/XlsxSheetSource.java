package cn.shouwang.registry.importing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

import cn.shouwang.shared.InvalidInputException;

/**
 * Streams the rows of one worksheet's XML with {@link SheetXmlReader}: one row in memory at a time. Cells become text
 * as Excel shows them: shared and inline strings as they are, numbers with all their digits
 * (13812345678, 110105194912310000), numbers in date-formatted cells as yyyy-MM-dd, booleans as
 * TRUE/FALSE, error values as written (#N/A). Formula cells give the value Excel saved for them and a
 * {@link RawRow.Kind#FORMULA} note; number cells a {@link RawRow.Kind#NUMBER} note.
 */
final class XlsxSheetSource implements SheetSource {

	/** Cells right of this column are not read (stray formatting out at XFD is common). */
	static final int MAX_COLUMNS = 1024;

	private static final MathContext EXCEL_PRECISION = new MathContext(15);

	private final SheetXmlReader xml;

	private final SharedStrings strings;

	private final boolean[] dateStyles;

	private final boolean date1904;

	private final MergedRegions merges;

	private String[] cells = new String[32];

	private final List<RawRow.CellNote> notes = new ArrayList<>();

	private final StringBuilder text = new StringBuilder();

	private RawRow pending;

	private boolean done;

	private int lastRow;

	/** Whether the reader is inside the row {@link #lastRow}. */
	private boolean inRow;

	XlsxSheetSource(InputStream in, SharedStrings strings, boolean[] dateStyles, boolean date1904,
			MergedRegions merges) throws IOException {
		this.strings = strings;
		this.dateStyles = dateStyles;
		this.date1904 = date1904;
		this.merges = merges;
		this.xml = new SheetXmlReader(in);
		try {
			int ev;
			while ((ev = this.xml.nextTag()) != SheetXmlReader.EOF) {
				if (ev == SheetXmlReader.START && this.xml.is(SheetXmlReader.SHEET_DATA)) {
					this.done = this.xml.selfClosing();
					return;
				}
			}
			this.done = true;
		}
		catch (IOException | RuntimeException ex) {
			close();
			throw ex;
		}
	}

	@Override
	public MergedRegions merges() {
		return this.merges;
	}

	@Override
	public boolean hasNext() {
		if (this.pending == null && !this.done) {
			try {
				this.pending = readRow();
			}
			catch (IOException | RuntimeException ex) {
				this.done = true;
				if (Xml.isTooLarge(ex)) {
					throw Xml.tooLargeUnpacked();
				}
				if (ex instanceof InvalidInputException iie) {
					throw iie;
				}
				throw Xml.unreadable(ex, "import.unreadableAt", this.inRow ? this.lastRow : this.lastRow + 1);
			}
		}
		return this.pending != null;
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

	/** The next row with at least one value or note, or null at the end of the sheet data. */
	private RawRow readRow() throws IOException {
		SheetXmlReader r = this.xml;
		int ev;
		while ((ev = r.nextTag()) != SheetXmlReader.EOF) {
			if (ev == SheetXmlReader.START) {
				if (r.is(SheetXmlReader.ROW)) {
					this.inRow = true;
					RawRow row = parseRow();
					this.inRow = false;
					if (row != null) {
						return row;
					}
				}
				else {
					r.skipElement();
				}
			}
			else if (r.is(SheetXmlReader.SHEET_DATA)) {
				break;
			}
		}
		this.done = true;
		return null;
	}

	private RawRow parseRow() throws IOException {
		SheetXmlReader r = this.xml;
		int rowNumber = r.refRow > 0 ? r.refRow : this.lastRow + 1;
		this.lastRow = rowNumber;
		this.notes.clear();
		if (r.selfClosing()) {
			return null;
		}
		int width = 0;
		int nextColumn = 0;
		int ev;
		while ((ev = r.nextTag()) != SheetXmlReader.EOF) {
			if (ev == SheetXmlReader.START) {
				if (r.is(SheetXmlReader.C)) {
					int col = parseCell(nextColumn);
					nextColumn = col + 1;
					if (col < MAX_COLUMNS && this.cells[col] != null) {
						width = Math.max(width, col + 1);
					}
				}
				else {
					r.skipElement();
				}
			}
			else if (r.is(SheetXmlReader.ROW)) {
				break;
			}
		}
		if (width == 0) {
			return null;
		}
		String[] values = new String[width];
		for (int i = 0; i < width; i++) {
			String v = this.cells[i];
			values[i] = v == null ? "" : v;
			this.cells[i] = null;
		}
		return new RawRow(rowNumber, List.of(values), this.notes.isEmpty() ? List.of() : List.copyOf(this.notes));
	}

	/** Reads one {@code <c>} element into {@link #cells}; returns its column. */
	private int parseCell(int nextColumn) throws IOException {
		SheetXmlReader r = this.xml;
		int col = r.refColumn >= 0 ? r.refColumn : nextColumn;
		String type = r.type;
		int style = r.style;
		String value = null;
		int sharedIndex = -1;
		boolean formula = false;
		if (!r.selfClosing()) {
			int ev;
			while ((ev = r.nextTag()) != SheetXmlReader.EOF) {
				if (ev == SheetXmlReader.START) {
					if (r.is(SheetXmlReader.V)) {
						r.readText();
						if ("s".equals(type)) {
							sharedIndex = r.textAsInt();
							value = sharedIndex >= 0 ? "" : r.text();
						}
						else {
							value = r.text();
						}
					}
					else if (r.is(SheetXmlReader.F)) {
						formula = true;
						r.skipElement();
					}
					else if (r.is(SheetXmlReader.IS)) {
						value = inlineString();
					}
					else {
						r.skipElement();
					}
				}
				else if (r.is(SheetXmlReader.C)) {
					break;
				}
			}
		}
		if (col >= MAX_COLUMNS) {
			return col;
		}
		String text = null;
		RawRow.Kind note = formula ? RawRow.Kind.FORMULA : null;
		if (sharedIndex >= 0) {
			text = this.strings.get(sharedIndex);
			if (text == null) {
				throw new IOException("no shared string " + sharedIndex);
			}
		}
		else if (value != null && !value.isEmpty()) {
			if (type == null || "n".equals(type)) {
				if (style >= 0 && style < this.dateStyles.length && this.dateStyles[style]) {
					text = date(value);
				}
				else {
					text = number(value);
					if (note == null) {
						note = RawRow.Kind.NUMBER;
					}
				}
			}
			else if ("inlineStr".equals(type) || "str".equals(type) || "s".equals(type)) {
				text = SharedStrings.unescape(value);
			}
			else if ("b".equals(type)) {
				text = "1".equals(value) || "true".equalsIgnoreCase(value) ? "TRUE" : "FALSE";
			}
			else if ("e".equals(type)) {
				text = value;
				note = RawRow.Kind.ERROR;
			}
			else if ("d".equals(type)) {
				text = value.length() >= 10 ? value.substring(0, 10) : value;
			}
			else {
				text = value;
			}
		}
		if (text != null && !text.isEmpty() || note == RawRow.Kind.FORMULA || note == RawRow.Kind.ERROR) {
			if (col >= this.cells.length) {
				this.cells = Arrays.copyOf(this.cells, Math.min(MAX_COLUMNS, Math.max(col + 1, this.cells.length * 2)));
			}
			this.cells[col] = text == null ? "" : text;
			if (note != null) {
				this.notes.add(new RawRow.CellNote(col, note));
			}
		}
		return col;
	}

	/** The text of an inline string: its {@code <t>} elements, without phonetic guides. */
	private String inlineString() throws IOException {
		SheetXmlReader r = this.xml;
		this.text.setLength(0);
		if (r.selfClosing()) {
			return "";
		}
		int ev;
		while ((ev = r.nextTag()) != SheetXmlReader.EOF) {
			if (ev == SheetXmlReader.START) {
				if (r.is(SheetXmlReader.T)) {
					r.readText();
					this.text.append(r.text());
				}
				else if (r.is(SheetXmlReader.RPH)) {
					r.skipElement();
				}
			}
			else if (r.is(SheetXmlReader.IS)) {
				break;
			}
		}
		return this.text.toString();
	}

	/**
	 * A number as Excel shows it in a General cell, but with every digit: integers in full (an ID
	 * number stored as 1.10105194912310E+17 becomes 110105194912310000, showing the zeros Excel put
	 * in), fractions to Excel's 15 significant digits (0.30000000000000004 becomes 0.3).
	 */
	static String number(String raw) {
		if (Text.isDigits(raw) && (raw.length() == 1 || raw.charAt(0) != '0')) {
			return raw;
		}
		BigDecimal d;
		try {
			d = new BigDecimal(raw.trim());
		}
		catch (NumberFormatException ex) {
			return raw;
		}
		if (d.signum() == 0) {
			return "0";
		}
		BigDecimal stripped = d.stripTrailingZeros();
		if (stripped.scale() <= 0) {
			return stripped.toPlainString();
		}
		return d.round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
	}

	/** A serial day number in a date-formatted cell as yyyy-MM-dd (time of day dropped). */
	String date(String raw) {
		double v;
		try {
			v = Double.parseDouble(raw);
		}
		catch (NumberFormatException ex) {
			return raw;
		}
		if (!(v >= 1 && v < 2_958_466)) {
			return number(raw);
		}
		long days = (long) Math.floor(v + 1e-9);
		LocalDate d;
		if (this.date1904) {
			d = LocalDate.of(1904, 1, 1).plusDays(days);
		}
		else if (days < 60) {
			d = LocalDate.of(1899, 12, 31).plusDays(days);
		}
		else if (days == 60) {
			// Excel's 29 February 1900, a day that never was
			return "1900-02-29";
		}
		else {
			d = LocalDate.of(1899, 12, 30).plusDays(days);
		}
		return d.toString();
	}

	@Override
	public void close() {
		try {
			this.xml.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
