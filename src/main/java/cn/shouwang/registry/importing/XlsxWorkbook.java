package cn.shouwang.registry.importing;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The parts of an .xlsx package this library needs: the sheets with their visibility
 * (xl/workbook.xml and its relationships), the date system, which cell styles are dates
 * (xl/styles.xml), the shared strings, and each worksheet's XML. Read with StAX straight from the
 * zip file, one part at a time.
 */
final class XlsxWorkbook implements Closeable {

	/** A worksheet: its name, "visible", "hidden" or "veryHidden", and its part in the package. */
	record SheetInfo(String name, String state, String part) {

		boolean visible() {
			return this.state == null || this.state.isEmpty() || "visible".equals(this.state);
		}

	}

	static final String WORKBOOK = "xl/workbook.xml";

	private final ZipFile zip;

	private final List<SheetInfo> sheets = new ArrayList<>();

	private boolean date1904;

	private String sharedStringsPart = "xl/sharedStrings.xml";

	private String stylesPart = "xl/styles.xml";

	private XlsxWorkbook(ZipFile zip) {
		this.zip = zip;
	}

	/** Opens the package; the caller has checked that it holds xl/workbook.xml. */
	static XlsxWorkbook open(ZipFile zip) throws IOException, XMLStreamException {
		XlsxWorkbook wb = new XlsxWorkbook(zip);
		try {
			wb.readStructure();
			return wb;
		}
		catch (IOException | XMLStreamException | RuntimeException ex) {
			wb.close();
			throw ex;
		}
	}

	List<SheetInfo> sheets() {
		return this.sheets;
	}

	boolean date1904() {
		return this.date1904;
	}

	private void readStructure() throws IOException, XMLStreamException {
		Map<String, String> targets = new HashMap<>();
		ZipEntry rels = this.zip.getEntry("xl/_rels/workbook.xml.rels");
		if (rels != null) {
			try (InputStream in = part(rels)) {
				XMLStreamReader r = Xml.reader(in);
				while (r.hasNext()) {
					if (r.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(r.getLocalName())) {
						String id = Xml.attribute(r, "Id");
						String type = String.valueOf(Xml.attribute(r, "Type"));
						String target = resolve("xl/", String.valueOf(Xml.attribute(r, "Target")));
						if (type.endsWith("/sharedStrings")) {
							this.sharedStringsPart = target;
						}
						else if (type.endsWith("/styles")) {
							this.stylesPart = target;
						}
						else if (type.endsWith("/worksheet") && id != null) {
							targets.put(id, target);
						}
					}
				}
				r.close();
			}
		}
		try (InputStream in = part(this.zip.getEntry(WORKBOOK))) {
			XMLStreamReader r = Xml.reader(in);
			int position = 0;
			while (r.hasNext()) {
				if (r.next() != XMLStreamConstants.START_ELEMENT) {
					continue;
				}
				String name = r.getLocalName();
				if ("workbookPr".equals(name)) {
					String v = Xml.attribute(r, "date1904");
					this.date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
				}
				else if ("sheet".equals(name)) {
					position++;
					String rid = null;
					for (int i = 0; i < r.getAttributeCount(); i++) {
						String ns = r.getAttributeNamespace(i);
						if ("id".equals(r.getAttributeLocalName(i)) && ns != null && !ns.isEmpty()) {
							rid = r.getAttributeValue(i);
						}
					}
					String target = rid == null ? null : targets.get(rid);
					if (target == null && rels == null) {
						target = "xl/worksheets/sheet" + position + ".xml";
					}
					if (target != null && this.zip.getEntry(target) != null) {
						// chart sheets and dialog sheets have other relationship types and are left out
						this.sheets.add(new SheetInfo(String.valueOf(Xml.attribute(r, "name")), Xml.attribute(r, "state"),
								target));
					}
				}
			}
			r.close();
		}
	}

	/** A part name relative to a base folder, as relationship targets are written. */
	static String resolve(String base, String target) {
		String path = target.startsWith("/") ? target.substring(1) : base + target;
		Deque<String> parts = new ArrayDeque<>();
		for (String p : path.split("/")) {
			if (p.isEmpty() || ".".equals(p)) {
				continue;
			}
			if ("..".equals(p)) {
				parts.pollLast();
			}
			else {
				parts.addLast(p);
			}
		}
		return String.join("/", parts);
	}

	InputStream part(ZipEntry entry) throws IOException {
		return new BufferedInputStream(new Xml.Capped(this.zip.getInputStream(entry)), 1 << 16);
	}

	/** A part without buffering, for readers that buffer themselves. */
	InputStream rawPart(String name) throws IOException {
		ZipEntry e = this.zip.getEntry(name);
		return e == null ? null : new Xml.Capped(this.zip.getInputStream(e));
	}

	InputStream part(String name) throws IOException {
		ZipEntry e = this.zip.getEntry(name);
		return e == null ? null : part(e);
	}

	long partSize(String name) {
		ZipEntry e = this.zip.getEntry(name);
		return e == null ? -1 : e.getSize();
	}

	SharedStrings sharedStrings() throws IOException {
		InputStream in = rawPart(this.sharedStringsPart);
		if (in == null) {
			return SharedStrings.EMPTY;
		}
		try (in) {
			return SharedStrings.read(in, partSize(this.sharedStringsPart));
		}
	}

	/** For each cell style (the {@code s} attribute of a cell), whether its number format is a date. */
	boolean[] dateStyles() throws IOException, XMLStreamException {
		InputStream in = part(this.stylesPart);
		if (in == null) {
			return new boolean[0];
		}
		Map<Integer, String> formats = new HashMap<>();
		List<Boolean> styles = new ArrayList<>();
		try (in) {
			XMLStreamReader r = Xml.reader(in);
			boolean inCellXfs = false;
			while (r.hasNext()) {
				int ev = r.next();
				if (ev == XMLStreamConstants.START_ELEMENT) {
					String name = r.getLocalName();
					if ("numFmt".equals(name)) {
						Integer id = parseInt(Xml.attribute(r, "numFmtId"));
						if (id != null) {
							formats.put(id, String.valueOf(Xml.attribute(r, "formatCode")));
						}
					}
					else if ("cellXfs".equals(name)) {
						inCellXfs = true;
					}
					else if ("xf".equals(name) && inCellXfs) {
						Integer id = parseInt(Xml.attribute(r, "numFmtId"));
						int fmt = id == null ? 0 : id;
						styles.add(isDateFormat(fmt, formats.get(fmt)));
						Xml.skipElement(r);
					}
				}
				else if (ev == XMLStreamConstants.END_ELEMENT && "cellXfs".equals(r.getLocalName())) {
					inCellXfs = false;
				}
			}
			r.close();
		}
		boolean[] result = new boolean[styles.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = styles.get(i);
		}
		return result;
	}

	private static Integer parseInt(String s) {
		try {
			return s == null ? null : Integer.valueOf(s.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Whether a number format shows a date (not a time only): the built-in date formats, including the
	 * Chinese ones (yyyy"年"m"月"d"日" and so on), and custom formats with a year or day part.
	 */
	static boolean isDateFormat(int id, String code) {
		if (code == null || code.isEmpty()) {
			return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54)
					|| id == 57 || id == 58;
		}
		boolean quoted = false;
		int bracket = 0;
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (quoted) {
				quoted = c != '"';
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == '\\' || c == '_' || c == '*') {
				i++;
			}
			else if (c == '[') {
				bracket++;
			}
			else if (c == ']') {
				bracket = Math.max(0, bracket - 1);
			}
			else if (bracket == 0 && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.zip.close();
	}

	static boolean isXlsx(ZipFile zip) {
		return zip.getEntry(WORKBOOK) != null;
	}

	static ZipFile zip(Path file) throws IOException {
		return new ZipFile(file.toFile());
	}

}
