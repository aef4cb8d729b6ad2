package cn.shouwang.registry.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The rejected rows as an .xlsx the user can correct and import again: the header row with the
 * texts of the original file, then each rejected row with its cells as they were read (merged
 * address cells filled in), and a last column {@value #REASON_HEADER} with every problem of the row
 * in the user's language. All cells are written as text in text-formatted cells, so an ID number is
 * not turned into 1.10101E+17 again, neither now nor when the user types a new one. A reason column
 * from an earlier round is dropped, not repeated. Streamed: rows are flushed as they come.
 * <p>
 * {@link #close()} finishes the workbook but leaves the output stream open.
 */
public final class ErrorWorkbook implements Closeable {

	public static final String REASON_HEADER = "错误原因";

	/** Reason headers this class may have written before, in any language. */
	private static final Set<String> REASON_HEADERS = Set.of(REASON_HEADER, "ERRORREASON", "REASON", "错误", "原因");

	private final Workbook workbook;

	private final Worksheet sheet;

	private final Function<RowProblem, String> messages;

	/** Source columns written, in order. */
	private final int[] columns;

	private int row = 1;

	private boolean closed;

	/**
	 * Starts the workbook. {@code messages} resolves a problem to its text, for example
	 * {@code p -> messageSource.getMessage(p.messageKey(), p.args(), locale)}.
	 */
	public ErrorWorkbook(OutputStream out, ColumnMapping mapping, Function<RowProblem, String> messages) {
		this(out, mapping.headers(), messages, REASON_HEADER);
	}

	/** Starts the workbook with the given header texts and the title of the reason column. */
	public ErrorWorkbook(OutputStream out, List<String> headers, Function<RowProblem, String> messages,
			String reasonHeader) {
		this.messages = messages;
		List<Integer> kept = new ArrayList<>();
		for (int c = 0; c < headers.size(); c++) {
			if (!REASON_HEADERS.contains(HeaderDetector.normaliseHeader(headers.get(c)))
					&& !HeaderDetector.normaliseHeader(headers.get(c)).equals(HeaderDetector.normaliseHeader(reasonHeader))) {
				kept.add(c);
			}
		}
		this.columns = kept.stream().mapToInt(Integer::intValue).toArray();
		this.workbook = new Workbook(out, "Shouwang", "1.0");
		this.sheet = this.workbook.newWorksheet("Sheet1");
		for (int i = 0; i < this.columns.length; i++) {
			String h = headers.get(this.columns[i]);
			this.sheet.inlineString(0, i, h);
			this.sheet.style(0, i).bold().fillColor("EEEEEE").format("@").set();
			this.sheet.width(i, Math.max(10, Math.min(40, width(h) + 4)));
			this.sheet.style(i).format("@").set();
		}
		int reason = this.columns.length;
		this.sheet.inlineString(0, reason, reasonHeader);
		this.sheet.style(0, reason).bold().fillColor("FFE0E0").set();
		this.sheet.width(reason, 60);
		this.sheet.freezePane(0, 1);
	}

	private static int width(String s) {
		int w = 0;
		for (int i = 0; i < s.length(); i++) {
			w += s.charAt(i) > 0xFF ? 2 : 1;
		}
		return w;
	}

	/** Adds a rejected row (or one the caller rejects later, with its own problems). */
	public void add(RowResult result) {
		add(result.row(), result.problems());
	}

	public void add(RawRow raw, List<RowProblem> problems) {
		int r = this.row++;
		for (int i = 0; i < this.columns.length; i++) {
			String v = raw.cell(this.columns[i]);
			if (!v.isEmpty()) {
				this.sheet.inlineString(r, i, v);
				this.sheet.style(r, i).format("@").set();
			}
		}
		StringBuilder reason = new StringBuilder();
		for (RowProblem p : problems) {
			if (reason.length() > 0) {
				reason.append("；");
			}
			reason.append(this.messages.apply(p));
		}
		this.sheet.inlineString(r, this.columns.length, reason.toString());
		if (r % 5_000 == 0) {
			try {
				this.sheet.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Rows added so far. */
	public int rows() {
		return this.row - 1;
	}

	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.workbook.finish();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
