package cn.shouwang.registry.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal pull parser for the XML of a worksheet (and of the shared strings), working on UTF-8 bytes: about three times as fast
 * as StAX for the millions of small elements of a big sheet. It knows what worksheet XML contains:
 * start and end tags with or without a namespace prefix, attributes in single or double quotes, text
 * with the five predefined entities and character references, CDATA sections, comments and processing
 * instructions (skipped). A DOCTYPE is refused, so there are no other entities. Of the attributes only
 * {@code r}, {@code t} and {@code s} are kept, already parsed (cell and row references as numbers).
 */
final class SheetXmlReader implements Closeable {

	static final int EOF = -1;

	static final int START = 1;

	static final int END = 2;

	static final byte[] SHEET_DATA = ascii("sheetData");

	static final byte[] ROW = ascii("row");

	static final byte[] C = ascii("c");

	static final byte[] V = ascii("v");

	static final byte[] F = ascii("f");

	static final byte[] IS = ascii("is");

	static final byte[] T = ascii("t");

	static final byte[] RPH = ascii("rPh");

	static final byte[] SI = ascii("si");

	/** Excel holds at most 32,767 characters in a cell; longer text means a broken or hostile file. */
	static final int MAX_TEXT_BYTES = 1 << 20;

	private final InputStream in;

	private final byte[] buf = new byte[1 << 16];

	private int pos;

	private int lim;

	/** The local name of the current tag. */
	private byte[] name = new byte[32];

	private int nameLength;

	private boolean selfClosing;

	/** Attribute r: column (0-based) and row (1-based) of a reference, -1 when absent or unreadable. */
	int refColumn;

	int refRow;

	/** Attribute t, or null. */
	String type;

	/** Attribute s as a number, or -1. */
	int style;

	private byte[] text = new byte[256];

	private int textLength;

	private boolean textHasEntity;

	SheetXmlReader(InputStream in) {
		this.in = in;
	}

	private static byte[] ascii(String s) {
		return s.getBytes(StandardCharsets.US_ASCII);
	}

	private int read() throws IOException {
		if (this.pos == this.lim) {
			this.lim = this.in.read(this.buf, 0, this.buf.length);
			this.pos = 0;
			if (this.lim <= 0) {
				this.lim = 0;
				return -1;
			}
		}
		return this.buf[this.pos++] & 0xFF;
	}

	private int require() throws IOException {
		int b = read();
		if (b < 0) {
			throw new IOException("unexpected end of the sheet XML");
		}
		return b;
	}

	/** Skips to the next '<' (text is not kept); false at the end of input. */
	private boolean skipToTag() throws IOException {
		while (true) {
			byte[] b = this.buf;
			int p = this.pos;
			int l = this.lim;
			while (p < l) {
				if (b[p++] == '<') {
					this.pos = p;
					return true;
				}
			}
			this.pos = p;
			if (read() < 0) {
				return false;
			}
			if (this.buf[this.pos - 1] == '<') {
				return true;
			}
		}
	}

	/**
	 * Moves to the next start or end tag, skipping text, comments and processing instructions.
	 * Returns {@link #START}, {@link #END} or {@link #EOF}.
	 */
	int nextTag() throws IOException {
		while (true) {
			if (!skipToTag()) {
				return EOF;
			}
			int b = require();
			if (b == '/') {
				b = readName(require());
				while (b != '>') {
					b = require();
				}
				return END;
			}
			if (b == '?') {
				skipUntil("?>");
				continue;
			}
			if (b == '!') {
				int c = require();
				if (c == '-') {
					skipUntil("-->");
					continue;
				}
				if (c == '[') {
					// CDATA outside text: skip it
					skipUntil("]]>");
					continue;
				}
				throw new IOException("DOCTYPE not allowed in a worksheet");
			}
			int after = readName(b);
			readAttributes(after);
			return START;
		}
	}

	/** Reads a tag name starting with byte b; returns the byte after it. Keeps the local part. */
	private int readName(int b) throws IOException {
		this.nameLength = 0;
		while (b != ' ' && b != '>' && b != '/' && b != '\t' && b != '\r' && b != '\n') {
			if (b == ':') {
				this.nameLength = 0;
			}
			else {
				if (this.nameLength == this.name.length) {
					if (this.nameLength >= 1024) {
						throw new IOException("tag name too long");
					}
					this.name = Arrays.copyOf(this.name, this.name.length * 2);
				}
				this.name[this.nameLength++] = (byte) b;
			}
			b = require();
		}
		return b;
	}

	private void readAttributes(int b) throws IOException {
		this.refColumn = -1;
		this.refRow = -1;
		this.type = null;
		this.style = -1;
		this.selfClosing = false;
		while (true) {
			while (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
				b = require();
			}
			if (b == '>') {
				return;
			}
			if (b == '/') {
				require();
				this.selfClosing = true;
				return;
			}
			// attribute name: keep the local part's first letter and whether it is a single letter
			int first = b;
			int length = 0;
			while (b != '=' && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				if (b == ':') {
					length = 0;
				}
				else {
					if (length == 0) {
						first = b;
					}
					length++;
				}
				b = require();
			}
			while (b != '=') {
				b = require();
			}
			int quote = require();
			while (quote != '"' && quote != '\'') {
				quote = require();
			}
			int which = length == 1 ? first : 0;
			if (which == 'r') {
				int col = 0;
				int row = 0;
				boolean letters = false;
				b = require();
				while (b != quote) {
					if (b >= 'A' && b <= 'Z') {
						col = col * 26 + (b - 'A' + 1);
						letters = true;
					}
					else if (b >= '0' && b <= '9') {
						row = row * 10 + (b - '0');
					}
					if (col > 100_000_000 || row > 100_000_000) {
						col = Math.min(col, 100_000_000);
						row = Math.min(row, 100_000_000);
					}
					b = require();
				}
				this.refColumn = letters ? col - 1 : -1;
				this.refRow = row > 0 ? row : -1;
			}
			else if (which == 's') {
				int v = 0;
				b = require();
				while (b != quote) {
					v = b >= '0' && b <= '9' && v < 100_000_000 ? v * 10 + (b - '0') : v;
					b = require();
				}
				this.style = v;
			}
			else if (which == 't') {
				StringBuilder t = new StringBuilder(9);
				b = require();
				while (b != quote) {
					t.append((char) b);
					b = require();
				}
				this.type = type(t);
			}
			else {
				b = require();
				while (b != quote) {
					b = require();
				}
			}
			b = require();
		}
	}

	private static String type(StringBuilder t) {
		return switch (t.toString()) {
			case "s" -> "s";
			case "n" -> "n";
			case "str" -> "str";
			case "inlineStr" -> "inlineStr";
			case "b" -> "b";
			case "e" -> "e";
			case "d" -> "d";
			default -> t.toString();
		};
	}

	private void skipUntil(String end) throws IOException {
		int matched = 0;
		while (matched < end.length()) {
			int b = require();
			if (b == end.charAt(matched)) {
				matched++;
			}
			else {
				matched = b == end.charAt(0) ? 1 : 0;
			}
		}
	}

	boolean is(byte[] localName) {
		if (this.nameLength != localName.length) {
			return false;
		}
		for (int i = 0; i < localName.length; i++) {
			if (this.name[i] != localName[i]) {
				return false;
			}
		}
		return true;
	}

	boolean selfClosing() {
		return this.selfClosing;
	}

	/**
	 * Reads the text content of the current element (whose start tag was just read) up to its end tag,
	 * which is consumed. Child elements are not expected; their text would be included.
	 */
	void readText() throws IOException {
		this.textLength = 0;
		this.textHasEntity = false;
		if (this.selfClosing) {
			return;
		}
		int depth = 1;
		while (true) {
			int b = require();
			if (b == '<') {
				int c = require();
				if (c == '/') {
					c = readName(require());
					while (c != '>') {
						c = require();
					}
					if (--depth == 0) {
						return;
					}
					continue;
				}
				if (c == '!') {
					// <![CDATA[...]]>: raw text, or a comment
					int d = require();
					if (d == '[') {
						skipUntil("CDATA[");
						int matched = 0;
						while (matched < 3) {
							int x = require();
							if (x == "]]>".charAt(matched)) {
								matched++;
								continue;
							}
							for (int i = 0; i < matched; i++) {
								appendText("]]>".charAt(i));
							}
							matched = x == ']' ? 1 : 0;
							if (matched == 0) {
								appendText(x);
							}
						}
						continue;
					}
					skipUntil("-->");
					continue;
				}
				if (c == '?') {
					skipUntil("?>");
					continue;
				}
				// a child element: keep its text, drop its tags
				int after = readName(c);
				readAttributes(after);
				if (!this.selfClosing) {
					depth++;
				}
				continue;
			}
			if (b == '&') {
				this.textHasEntity = true;
			}
			appendText(b);
		}
	}

	private void appendText(int b) throws IOException {
		if (this.textLength == this.text.length) {
			if (this.textLength >= MAX_TEXT_BYTES) {
				throw new IOException("text too long");
			}
			this.text = Arrays.copyOf(this.text, this.text.length * 2);
		}
		this.text[this.textLength++] = (byte) b;
	}

	/** The text read last, decoded. */
	String text() {
		String s = new String(this.text, 0, this.textLength, StandardCharsets.UTF_8);
		return this.textHasEntity ? unescape(s) : s;
	}

	boolean textIsEmpty() {
		return this.textLength == 0;
	}

	/** The text read last as a non-negative int, or -1 if it is not one. */
	int textAsInt() {
		if (this.textLength == 0 || this.textLength > 9) {
			return -1;
		}
		int v = 0;
		for (int i = 0; i < this.textLength; i++) {
			int b = this.text[i];
			if (b < '0' || b > '9') {
				return -1;
			}
			v = v * 10 + (b - '0');
		}
		return v;
	}

	/** Skips the rest of the current element (whose start tag was just read), nested ones included. */
	void skipElement() throws IOException {
		if (this.selfClosing) {
			return;
		}
		int depth = 1;
		while (depth > 0) {
			int ev = nextTag();
			if (ev == EOF) {
				throw new IOException("unexpected end of the sheet XML");
			}
			if (ev == START && !this.selfClosing) {
				depth++;
			}
			else if (ev == END) {
				depth--;
			}
		}
	}

	static String unescape(String s) {
		StringBuilder b = new StringBuilder(s.length());
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			int semi;
			if (c == '&' && (semi = s.indexOf(';', i)) > i && semi - i <= 10) {
				String e = s.substring(i + 1, semi);
				String r = switch (e) {
					case "lt" -> "<";
					case "gt" -> ">";
					case "amp" -> "&";
					case "quot" -> "\"";
					case "apos" -> "'";
					default -> characterReference(e);
				};
				if (r != null) {
					b.append(r);
					i = semi + 1;
					continue;
				}
			}
			b.append(c);
			i++;
		}
		return b.toString();
	}

	private static String characterReference(String e) {
		try {
			if (e.startsWith("#x") || e.startsWith("#X")) {
				return new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
			}
			if (e.startsWith("#")) {
				return new String(Character.toChars(Integer.parseInt(e.substring(1))));
			}
		}
		catch (IllegalArgumentException ex) {
			// not a reference: kept as written
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
