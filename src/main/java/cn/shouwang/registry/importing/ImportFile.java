package cn.shouwang.registry.importing;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamException;

import cn.shouwang.shared.InvalidInputException;

/**
 * An uploaded register file, recognised by its content (never by its name): an .xlsx workbook, or CSV
 * text in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or GB18030/GBK (what Chinese
 * Excel saves as CSV). Everything wrong with the file as a whole is an {@link InvalidInputException}
 * on field {@code file}:
 * <ul>
 * <li>{@code import.tooLarge} {50}: over {@link #MAX_BYTES}, refused before reading;</li>
 * <li>{@code import.empty}: no bytes, or only white space;</li>
 * <li>{@code import.legacyXls}: an Excel 97-2003 .xls (OLE2 container);</li>
 * <li>{@code import.encrypted}: a password-protected workbook (also an OLE2 container);</li>
 * <li>{@code import.unsupportedType}: anything else that is not text (a .docx, a PDF, an image...), or
 * HTML/XML text saved under an Excel name;</li>
 * <li>{@code import.unreadable}: a zip that is damaged;</li>
 * <li>{@code import.noVisibleSheet}: a workbook whose sheets are all hidden.</li>
 * </ul>
 * For an .xlsx the first visible worksheet is read; hidden and very hidden sheets are skipped, and the
 * names of the other visible sheets, which are ignored, are given by {@link #ignoredSheets()} so the
 * page can say so. Open the rows with {@link #openRows()} (as often as needed: once for the preview,
 * once for the import). Close the file to delete the temporary copy made by
 * {@link #open(InputStream, String, long)}.
 */
public final class ImportFile implements Closeable {

	/** 50 MB: bigger files are refused before anything is read. */
	public static final long MAX_BYTES = 50L * 1024 * 1024;

	static final int SNIFF = 64 * 1024;

	public enum Format {

		XLSX, CSV

	}

	private final Path path;

	private final boolean temporary;

	private final String fileName;

	private final long size;

	private final Format format;

	private final XlsxWorkbook workbook;

	private final XlsxWorkbook.SheetInfo sheet;

	private final List<String> ignoredSheets;

	private final List<String> hiddenSheets;

	private final Charset charset;

	private final int bomLength;

	private final char separator;

	/** What every row source of the workbook shares, read by the first {@link #openRows()}. */
	private SheetParts parts;

	private record SheetParts(MergedRegions merges, SharedStrings strings, boolean[] dateStyles) {
	}

	private ImportFile(Path path, boolean temporary, String fileName, long size, Format format, XlsxWorkbook workbook,
			XlsxWorkbook.SheetInfo sheet, List<String> ignoredSheets, List<String> hiddenSheets, Charset charset,
			int bomLength, char separator) {
		this.path = path;
		this.temporary = temporary;
		this.fileName = fileName;
		this.size = size;
		this.format = format;
		this.workbook = workbook;
		this.sheet = sheet;
		this.ignoredSheets = ignoredSheets;
		this.hiddenSheets = hiddenSheets;
		this.charset = charset;
		this.bomLength = bomLength;
		this.separator = separator;
	}

	/**
	 * Copies an upload to a temporary file (deleted on {@link #close()}) and opens it. A
	 * {@code declaredSize} over the limit is refused without reading; pass -1 if unknown, and the copy
	 * stops as soon as the limit is passed. The stream is not closed.
	 */
	public static ImportFile open(InputStream in, String fileName, long declaredSize) {
		if (declaredSize > MAX_BYTES) {
			throw tooLarge();
		}
		Path tmp;
		try {
			tmp = Files.createTempFile("shouwang-import", ".upload");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		boolean ok = false;
		try {
			try (OutputStream out = Files.newOutputStream(tmp)) {
				byte[] buf = new byte[1 << 16];
				long total = 0;
				int n;
				while ((n = in.read(buf)) > 0) {
					total += n;
					if (total > MAX_BYTES) {
						throw tooLarge();
					}
					out.write(buf, 0, n);
				}
			}
			ImportFile f = open(tmp, fileName, true);
			ok = true;
			return f;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			if (!ok) {
				delete(tmp);
			}
		}
	}

	/** Opens a file already on disk (the caller keeps and deletes it). */
	public static ImportFile open(Path file, String fileName) {
		return open(file, fileName, false);
	}

	private static ImportFile open(Path file, String fileName, boolean temporary) {
		try {
			long size = Files.size(file);
			if (size > MAX_BYTES) {
				throw tooLarge();
			}
			if (size == 0) {
				throw InvalidInputException.of("file", "import.empty");
			}
			byte[] head = new byte[(int) Math.min(size, SNIFF)];
			try (InputStream in = Files.newInputStream(file)) {
				int off = 0;
				while (off < head.length) {
					int n = in.read(head, off, head.length - off);
					if (n < 0) {
						break;
					}
					off += n;
				}
			}
			if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
				return openZip(file, temporary, fileName, size);
			}
			if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
				// Excel 97-2003, or an encrypted .xlsx, which is stored in the same container
				throw InvalidInputException.of("file", containsUtf16(file, "EncryptedPackage") ? "import.encrypted"
						: "import.legacyXls");
			}
			return openText(file, temporary, fileName, size, head);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ImportFile openZip(Path file, boolean temporary, String fileName, long size) throws IOException {
		ZipFile zip;
		try {
			zip = XlsxWorkbook.zip(file);
		}
		catch (ZipException ex) {
			throw Xml.unreadable(ex, "import.unreadable");
		}
		if (!XlsxWorkbook.isXlsx(zip)) {
			zip.close();
			throw InvalidInputException.of("file", "import.unsupportedType");
		}
		XlsxWorkbook wb;
		try {
			wb = XlsxWorkbook.open(zip);
		}
		catch (XMLStreamException | IOException | RuntimeException ex) {
			zip.close();
			if (Xml.isTooLarge(ex)) {
				throw Xml.tooLargeUnpacked();
			}
			throw Xml.unreadable(ex, "import.unreadable");
		}
		XlsxWorkbook.SheetInfo first = null;
		List<String> ignored = new ArrayList<>();
		List<String> hidden = new ArrayList<>();
		for (XlsxWorkbook.SheetInfo s : wb.sheets()) {
			if (!s.visible()) {
				hidden.add(s.name());
			}
			else if (first == null) {
				first = s;
			}
			else {
				ignored.add(s.name());
			}
		}
		if (first == null) {
			wb.close();
			throw InvalidInputException.of("file", "import.noVisibleSheet");
		}
		return new ImportFile(file, temporary, fileName, size, Format.XLSX, wb, first, List.copyOf(ignored),
				List.copyOf(hidden), null, 0, ',');
	}

	private static ImportFile openText(Path file, boolean temporary, String fileName, long size, byte[] head) {
		Charset cs;
		int bom = 0;
		if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
			cs = StandardCharsets.UTF_8;
			bom = 3;
		}
		else if (startsWith(head, 0xFF, 0xFE)) {
			cs = StandardCharsets.UTF_16LE;
			bom = 2;
		}
		else if (startsWith(head, 0xFE, 0xFF)) {
			cs = StandardCharsets.UTF_16BE;
			bom = 2;
		}
		else {
			if (looksBinary(head)) {
				throw InvalidInputException.of("file", "import.unsupportedType");
			}
			cs = isUtf8(head, head.length == size) ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
		}
		String sample = decode(head, bom, cs);
		String trimmed = sample.strip();
		if (trimmed.isEmpty() && size <= SNIFF) {
			throw InvalidInputException.of("file", "import.empty");
		}
		if (trimmed.startsWith("<") || trimmed.startsWith("%PDF") || trimmed.startsWith("{\\rtf")
				|| trimmed.regionMatches(true, 0, "MIME-Version", 0, 12)) {
			// HTML or XML "Excel" exports, SpreadsheetML 2003, PDF, RTF, .mht: not a table we can read
			throw InvalidInputException.of("file", "import.unsupportedType");
		}
		char sep = CsvSheetSource.detectSeparator(sample);
		return new ImportFile(file, temporary, fileName, size, Format.CSV, null, null, List.of(), List.of(), cs, bom,
				sep);
	}

	/** Control characters other than tab, line breaks and form feed: not text. */
	private static boolean looksBinary(byte[] head) {
		if (startsWith(head, '%', 'P', 'D', 'F')) {
			return true;
		}
		int control = 0;
		for (byte b : head) {
			int c = b & 0xFF;
			if (c == 0) {
				return true;
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) {
				control++;
			}
		}
		return control > head.length / 100;
	}

	/** Whether the sample is valid UTF-8 (a sequence cut at the end of a partial sample is fine). */
	static boolean isUtf8(byte[] head, boolean whole) {
		CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(head);
		CharBuffer out = CharBuffer.allocate(head.length + 1);
		CoderResult r = d.decode(in, out, whole);
		if (r.isError()) {
			return false;
		}
		if (whole) {
			return !d.flush(out).isError();
		}
		return head.length - in.position() < 4;
	}

	private static String decode(byte[] head, int bom, Charset cs) {
		CharsetDecoder d = cs.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		CharBuffer out = CharBuffer.allocate(head.length + 1);
		d.decode(ByteBuffer.wrap(head, bom, head.length - bom), out, false);
		out.flip();
		return out.toString();
	}

	private static boolean containsUtf16(Path file, String text) throws IOException {
		byte[] pattern = text.getBytes(StandardCharsets.UTF_16LE);
		byte[] buf = new byte[1 << 16];
		int keep = pattern.length - 1;
		try (InputStream in = Files.newInputStream(file)) {
			int filled = 0;
			int n;
			while ((n = in.read(buf, filled, buf.length - filled)) > 0) {
				int end = filled + n;
				outer: for (int i = 0; i + pattern.length <= end; i++) {
					for (int j = 0; j < pattern.length; j++) {
						if (buf[i + j] != pattern[j]) {
							continue outer;
						}
					}
					return true;
				}
				int tail = Math.min(keep, end);
				System.arraycopy(buf, end - tail, buf, 0, tail);
				filled = tail;
			}
		}
		return false;
	}

	private static boolean startsWith(byte[] head, int... magic) {
		if (head.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	static InvalidInputException tooLarge() {
		return InvalidInputException.of("file", "import.tooLarge", MAX_BYTES / (1024 * 1024));
	}

	/**
	 * Streams the rows of the sheet: for an .xlsx the shared strings and styles are read first (big
	 * string tables go to a temporary file, not the heap) and the merged regions are found with a quick
	 * pass over the sheet; for CSV the rows are parsed as they are decoded.
	 */
	public SheetSource openRows() {
		try {
			if (this.format == Format.CSV) {
				InputStream in = new BufferedInputStream(Files.newInputStream(this.path), 1 << 16);
				in.skipNBytes(this.bomLength);
				return new CsvSheetSource(in, this.charset, this.separator);
			}
			SheetParts p = parts();
			return new XlsxSheetSource(this.workbook.rawPart(this.sheet.part()), p.strings().view(), p.dateStyles(),
					this.workbook.date1904(), p.merges());
		}
		catch (XMLStreamException | IOException | RuntimeException ex) {
			if (ex instanceof InvalidInputException iie) {
				throw iie;
			}
			if (Xml.isTooLarge(ex)) {
				throw Xml.tooLargeUnpacked();
			}
			throw Xml.unreadable(ex, "import.unreadable");
		}
	}

	/**
	 * The merged regions, shared strings and date styles, read once: an import opens the rows twice
	 * (the count for the progress bar and the rows themselves), and a million-row sheet has millions
	 * of shared strings.
	 */
	private synchronized SheetParts parts() throws IOException, XMLStreamException {
		if (this.parts == null) {
			MergedRegions merges;
			try (InputStream in = this.workbook.rawPart(this.sheet.part())) {
				merges = MergeScanner.scan(in);
			}
			this.parts = new SheetParts(merges, this.workbook.sharedStrings(), this.workbook.dateStyles());
		}
		return this.parts;
	}

	public Format format() {
		return this.format;
	}

	/** The name the file was uploaded with (shown to the user; never used to tell the format). */
	public String fileName() {
		return this.fileName;
	}

	public long size() {
		return this.size;
	}

	/** The worksheet that is read (xlsx), or null for CSV. */
	public String sheetName() {
		return this.sheet == null ? null : this.sheet.name();
	}

	/** Other visible worksheets, not read. */
	public List<String> ignoredSheets() {
		return this.ignoredSheets;
	}

	/** Hidden and very hidden worksheets, skipped. */
	public List<String> hiddenSheets() {
		return this.hiddenSheets;
	}

	/** The character set of a CSV file, or null for xlsx. */
	public Charset charset() {
		return this.charset;
	}

	/** The field separator of a CSV file: ',', '\t' or ';'. */
	public char separator() {
		return this.separator;
	}

	@Override
	public void close() {
		if (this.workbook != null) {
			try {
				this.workbook.close();
			}
			catch (IOException ex) {
				// nothing to do
			}
		}
		if (this.temporary) {
			delete(this.path);
		}
	}

	private static void delete(Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException ex) {
			// left to the temp directory's clean-up
		}
	}

}
