package cn.shouwang.registry.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the records of CSV text (RFC 4180: fields in double quotes may hold separators, line breaks
 * and doubled quotes; lines end with CRLF, LF or CR). The row number of a record is its position, as
 * Excel shows it when it opens the file, also when a quoted field spans lines. A quoted field still
 * open at the end of the file ends the last record with an {@link RawRow.Kind#UNTERMINATED} note, so
 * that it is rejected rather than imported in part.
 */
final class CsvSheetSource implements SheetSource {

	private final Reader reader;

	private final char separator;

	private final char[] buf = new char[1 << 16];

	private int pos;

	private int len;

	private boolean eof;

	private int record;

	private RawRow pending;

	private final List<String> fields = new ArrayList<>();

	private final StringBuilder field = new StringBuilder();

	/** A field longer than this (Excel keeps 32,767 characters) means a quote that never closes. */
	static final int MAX_FIELD = 1 << 20;

	CsvSheetSource(InputStream in, Charset charset, char separator) {
		this.reader = new InputStreamReader(in, charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE));
		this.separator = separator;
	}

	/**
	 * The separator used most on a line among comma, tab and semicolon (counted outside quotes over
	 * the first lines; ties go in that order). A single-column file is read with commas.
	 */
	static char detectSeparator(String sample) {
		char[] candidates = { ',', '\t', ';' };
		int[] best = new int[candidates.length];
		int[] counts = new int[candidates.length];
		boolean quoted = false;
		int lines = 0;
		for (int i = 0; i < sample.length() && lines < 30; i++) {
			char c = sample.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && (c == '\n' || c == '\r')) {
				for (int k = 0; k < candidates.length; k++) {
					best[k] = Math.max(best[k], counts[k]);
					counts[k] = 0;
				}
				lines++;
			}
			else if (!quoted) {
				for (int k = 0; k < candidates.length; k++) {
					if (c == candidates[k]) {
						counts[k]++;
					}
				}
			}
		}
		int chosen = 0;
		for (int k = 0; k < candidates.length; k++) {
			best[k] = Math.max(best[k], counts[k]);
			if (best[k] > best[chosen]) {
				chosen = k;
			}
		}
		return candidates[chosen];
	}

	@Override
	public MergedRegions merges() {
		return MergedRegions.NONE;
	}

	@Override
	public boolean hasNext() {
		while (this.pending == null) {
			try {
				RawRow r = readRecord();
				if (r == null) {
					return false;
				}
				if (!r.isBlank() || !r.notes().isEmpty()) {
					this.pending = r;
				}
			}
			catch (IOException ex) {
				throw Xml.unreadable(ex, "import.unreadableAt", this.record);
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

	private int read() throws IOException {
		if (this.pos == this.len) {
			if (this.eof) {
				return -1;
			}
			this.len = this.reader.read(this.buf, 0, this.buf.length);
			this.pos = 0;
			if (this.len <= 0) {
				this.len = 0;
				this.eof = true;
				return -1;
			}
		}
		return this.buf[this.pos++];
	}

	private int peek() throws IOException {
		int c = read();
		if (c >= 0) {
			this.pos--;
		}
		return c;
	}

	/** The next record, or null at the end of the text. */
	private RawRow readRecord() throws IOException {
		int c = read();
		if (c < 0) {
			return null;
		}
		this.record++;
		this.fields.clear();
		List<RawRow.CellNote> notes = List.of();
		StringBuilder f = this.field;
		f.setLength(0);
		boolean quoted = false;
		boolean wasQuoted = false;
		while (true) {
			if (quoted) {
				if (c < 0) {
					notes = List.of(new RawRow.CellNote(this.fields.size(), RawRow.Kind.UNTERMINATED));
					this.fields.add(f.toString());
					break;
				}
				if (c == '"') {
					if (peek() == '"') {
						read();
						f.append('"');
					}
					else {
						quoted = false;
					}
				}
				else {
					f.append((char) c);
					if (f.length() > MAX_FIELD) {
						throw new IOException("field too long");
					}
				}
			}
			else if (c == this.separator) {
				this.fields.add(f.toString());
				f.setLength(0);
				wasQuoted = false;
			}
			else if (c == '\n' || c == '\r' || c < 0) {
				if (c == '\r' && peek() == '\n') {
					read();
				}
				this.fields.add(f.toString());
				break;
			}
			else if (c == '"' && f.length() == 0 && !wasQuoted) {
				quoted = true;
				wasQuoted = true;
			}
			else {
				f.append((char) c);
			}
			c = read();
		}
		if (this.record == 1 && !this.fields.isEmpty() && this.fields.get(0).startsWith("\uFEFF")) {
			this.fields.set(0, this.fields.get(0).substring(1));
		}
		return new RawRow(this.record, List.copyOf(this.fields), notes);
	}

	@Override
	public void close() {
		try {
			this.reader.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

}
