package cn.shouwang.registry.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import cn.shouwang.shared.InvalidInputException;

/** StAX without DTDs or external entities, and a guard against zip bombs. */
final class Xml {

	/** Parts of an .xlsx bigger than this when unpacked are refused (a real million-row sheet is ~0.6 GB). */
	static final long MAX_UNPACKED = 4L * 1024 * 1024 * 1024;

	private static final XMLInputFactory FACTORY = factory();

	private Xml() {
	}

	private static XMLInputFactory factory() {
		XMLInputFactory f = XMLInputFactory.newFactory();
		f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
		f.setProperty(XMLInputFactory.IS_COALESCING, false);
		return f;
	}

	static XMLStreamReader reader(InputStream in) throws XMLStreamException {
		return FACTORY.createXMLStreamReader(in);
	}

	/** The value of the attribute with this local name, in any namespace, or null. */
	static String attribute(XMLStreamReader r, String localName) {
		for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
			if (localName.equals(r.getAttributeLocalName(i))) {
				return r.getAttributeValue(i);
			}
		}
		return null;
	}

	/** Skips to the end of the current element. */
	static void skipElement(XMLStreamReader r) throws XMLStreamException {
		int depth = 1;
		while (depth > 0 && r.hasNext()) {
			int ev = r.next();
			if (ev == XMLStreamConstants.START_ELEMENT) {
				depth++;
			}
			else if (ev == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
	}

	/** Whether the exception (or one of its causes) is the unpacked-size guard. */
	static boolean isTooLarge(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof TooLargeException) {
				return true;
			}
		}
		return false;
	}

	static InvalidInputException tooLargeUnpacked() {
		return InvalidInputException.of("file", "import.tooLargeUnpacked", MAX_UNPACKED / (1024 * 1024 * 1024));
	}

	/** The whole-file error, with what went wrong underneath kept as its cause for the logs. */
	static InvalidInputException unreadable(Throwable cause, String key, Object... args) {
		InvalidInputException ex = InvalidInputException.of("file", key, args);
		ex.initCause(cause);
		return ex;
	}

	static final class TooLargeException extends IOException {

		TooLargeException() {
			super("unpacked part too large");
		}

	}

	/** Counts bytes read and fails beyond {@link #MAX_UNPACKED}. */
	static final class Capped extends FilterInputStream {

		private long count;

		Capped(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long s = super.skip(n);
			add(s);
			return s;
		}

		private void add(long n) throws TooLargeException {
			this.count += n;
			if (this.count > MAX_UNPACKED) {
				throw new TooLargeException();
			}
		}

	}

}
