package cn.shouwang.registry.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared-strings table of an .xlsx (every text cell refers to it by index). A small table is
 * kept in memory; a big one (a million-row register has millions of distinct names, ID numbers and
 * addresses) is written once to a temporary file as UTF-8 with an offset index and read back through
 * memory mapping, so the heap stays small whatever the size of the sheet.
 */
abstract class SharedStrings {

	/** Tables whose XML is at most this big stay on the heap. */
	static final long IN_MEMORY_LIMIT = 8L * 1024 * 1024;

	static final SharedStrings EMPTY = new InMemory(List.of());

	abstract String get(int index);

	abstract int size();

	/** A view for one thread: the table is read once per file, and each row source reads it through its own view. */
	abstract SharedStrings view();

	/** Reads the table; {@code xmlSize} is the unpacked size of the part, or -1 if unknown. */
	static SharedStrings read(InputStream xml, long xmlSize) throws IOException {
		Sink sink = xmlSize >= 0 && xmlSize <= IN_MEMORY_LIMIT ? new ListSink() : new FileSink();
		try {
			parse(xml, sink);
			return sink.finish();
		}
		catch (IOException | RuntimeException ex) {
			sink.abandon();
			throw ex;
		}
	}

	private static void parse(InputStream in, Sink sink) throws IOException {
		SheetXmlReader r = new SheetXmlReader(in);
		StringBuilder b = new StringBuilder();
		boolean inItem = false;
		int ev;
		while ((ev = r.nextTag()) != SheetXmlReader.EOF) {
			if (ev == SheetXmlReader.START) {
				if (r.is(SheetXmlReader.SI)) {
					b.setLength(0);
					inItem = !r.selfClosing();
					if (!inItem) {
						sink.add("");
					}
				}
				else if (r.is(SheetXmlReader.T) && inItem) {
					r.readText();
					b.append(r.text());
					if (b.length() > SheetXmlReader.MAX_TEXT_BYTES) {
						throw new IOException("shared string too long");
					}
				}
				else if (r.is(SheetXmlReader.RPH)) {
					// phonetic guide text is not part of the value
					r.skipElement();
				}
			}
			else if (r.is(SheetXmlReader.SI) && inItem) {
				sink.add(unescape(b));
				inItem = false;
			}
		}
	}

	/** OOXML writes characters XML cannot hold as _xHHHH_ (such as _x000D_ for a carriage return). */
	static String unescape(CharSequence s) {
		String v = s.toString();
		int i = v.indexOf("_x");
		if (i < 0) {
			return v;
		}
		StringBuilder b = new StringBuilder(v.length());
		int from = 0;
		while (i >= 0) {
			if (i + 7 <= v.length() && v.charAt(i + 6) == '_' && isHex(v, i + 2, i + 6)) {
				b.append(v, from, i).append((char) Integer.parseInt(v.substring(i + 2, i + 6), 16));
				from = i + 7;
				i = v.indexOf("_x", from);
			}
			else {
				i = v.indexOf("_x", i + 1);
			}
		}
		return b.append(v, from, v.length()).toString();
	}

	private static boolean isHex(String s, int from, int to) {
		for (int i = from; i < to; i++) {
			if (Character.digit(s.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private interface Sink {

		void add(String s) throws IOException;

		SharedStrings finish() throws IOException;

		void abandon();

	}

	private static final class ListSink implements Sink {

		private final List<String> values = new ArrayList<>();

		@Override
		public void add(String s) {
			this.values.add(s);
		}

		@Override
		public SharedStrings finish() {
			return new InMemory(this.values);
		}

		@Override
		public void abandon() {
		}

	}

	/** Writes UTF-8 bytes to one temporary file and the start offset of each string to another. */
	private static final class FileSink implements Sink {

		private final Path dataFile;

		private final Path indexFile;

		private final FileChannel data;

		private final FileChannel index;

		private final ByteBuffer dataBuffer = ByteBuffer.allocate(1 << 20);

		private final ByteBuffer indexBuffer = ByteBuffer.allocate(1 << 18);

		private long written;

		private int count;

		FileSink() throws IOException {
			this.dataFile = Files.createTempFile("shouwang-sst", ".bin");
			this.indexFile = Files.createTempFile("shouwang-sst", ".idx");
			this.data = FileChannel.open(this.dataFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
			this.index = FileChannel.open(this.indexFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
		}

		@Override
		public void add(String s) throws IOException {
			byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
			if (this.written + bytes.length > Integer.MAX_VALUE) {
				throw new Xml.TooLargeException();
			}
			if (this.indexBuffer.remaining() < 4) {
				drain(this.indexBuffer, this.index);
			}
			this.indexBuffer.putInt((int) this.written);
			int off = 0;
			while (off < bytes.length) {
				if (!this.dataBuffer.hasRemaining()) {
					drain(this.dataBuffer, this.data);
				}
				int n = Math.min(bytes.length - off, this.dataBuffer.remaining());
				this.dataBuffer.put(bytes, off, n);
				off += n;
			}
			this.written += bytes.length;
			this.count++;
		}

		private static void drain(ByteBuffer buffer, FileChannel channel) throws IOException {
			buffer.flip();
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			buffer.clear();
		}

		@Override
		public SharedStrings finish() throws IOException {
			try {
				drain(this.dataBuffer, this.data);
				this.indexBuffer.putInt((int) this.written);
				drain(this.indexBuffer, this.index);
				MappedByteBuffer bytes = this.data.map(FileChannel.MapMode.READ_ONLY, 0, Math.max(1, this.written));
				IntBuffer offsets = this.index.map(FileChannel.MapMode.READ_ONLY, 0, (this.count + 1) * 4L).asIntBuffer();
				return new Mapped(bytes, offsets, this.count);
			}
			finally {
				abandon();
			}
		}

		/** Closes and deletes the files; a mapping made before stays readable until collected. */
		@Override
		public void abandon() {
			closeQuietly(this.data);
			closeQuietly(this.index);
			deleteQuietly(this.dataFile);
			deleteQuietly(this.indexFile);
		}

	}

	private static void closeQuietly(FileChannel c) {
		try {
			c.close();
		}
		catch (IOException ex) {
			// nothing to do
		}
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException ex) {
			// left for the temp directory's own clean-up
		}
	}

	private static final class InMemory extends SharedStrings {

		private final List<String> values;

		InMemory(List<String> values) {
			this.values = values;
		}

		@Override
		String get(int index) {
			return index >= 0 && index < this.values.size() ? this.values.get(index) : null;
		}

		@Override
		int size() {
			return this.values.size();
		}

		@Override
		SharedStrings view() {
			return this;
		}

	}

	private static final class Mapped extends SharedStrings {

		private static final int CACHE = 4096;

		private final ByteBuffer bytes;

		private final IntBuffer offsets;

		private final int count;

		/** Direct-mapped cache: community, grid and building names repeat on every row. */
		private final String[] cached = new String[CACHE];

		private final int[] cachedIndex = new int[CACHE];

		private byte[] scratch = new byte[256];

		Mapped(ByteBuffer bytes, IntBuffer offsets, int count) {
			this.bytes = bytes;
			this.offsets = offsets;
			this.count = count;
			java.util.Arrays.fill(this.cachedIndex, -1);
		}

		@Override
		String get(int index) {
			if (index < 0 || index >= this.count) {
				return null;
			}
			int slot = index & (CACHE - 1);
			if (this.cachedIndex[slot] == index) {
				return this.cached[slot];
			}
			int start = this.offsets.get(index);
			int len = this.offsets.get(index + 1) - start;
			if (len > this.scratch.length) {
				this.scratch = new byte[Math.max(len, this.scratch.length * 2)];
			}
			try {
				this.bytes.get(start, this.scratch, 0, len);
			}
			catch (IndexOutOfBoundsException ex) {
				throw new UncheckedIOException(new IOException("shared strings file damaged", ex));
			}
			String s = new String(this.scratch, 0, len, StandardCharsets.UTF_8);
			this.cached[slot] = s;
			this.cachedIndex[slot] = index;
			return s;
		}

		@Override
		int size() {
			return this.count;
		}

		@Override
		SharedStrings view() {
			// absolute reads leave the buffers untouched; the cache and scratch array are per view
			return new Mapped(this.bytes, this.offsets, this.count);
		}

	}

}
