package cn.shouwang.registry.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the {@code <mergeCell ref="A3:A5"/>} elements of a worksheet's XML. They come after all the
 * rows, so this is a separate pass over the bytes before the rows are streamed; it looks for the
 * letter g (rare in sheet data) and checks for "mergeCell" around it, which costs little beyond
 * unpacking the XML.
 */
final class MergeScanner {

	private static final byte[] NAME = "mergeCell".getBytes(StandardCharsets.US_ASCII);

	/** Bytes kept at the end of the buffer so a tag is never cut in two. */
	private static final int TAIL = 1024;

	private MergeScanner() {
	}

	static MergedRegions scan(InputStream in) throws IOException {
		MergedRegions.Builder regions = new MergedRegions.Builder();
		byte[] buf = new byte[(1 << 16) + TAIL];
		int len = 0;
		int from = 0;
		while (true) {
			int n = in.read(buf, len, buf.length - len);
			boolean eof = n < 0;
			if (n > 0) {
				len += n;
			}
			int limit = eof ? len : len - TAIL;
			if (limit > from) {
				for (int i = Math.max(from, 4); i < limit; i++) {
					if (buf[i] == 'g' && isMergeCell(buf, i - 3, len)) {
						i = addRegion(buf, i + 6, len, regions);
					}
				}
				from = limit;
			}
			if (eof) {
				break;
			}
			if (len == buf.length) {
				int start = from - 8;
				System.arraycopy(buf, start, buf, 0, len - start);
				len -= start;
				from = 8;
			}
		}
		return regions.build();
	}

	/** "&lt;mergeCell " or "&lt;x:mergeCell " starting at {@code at}, not "mergeCells". */
	private static boolean isMergeCell(byte[] buf, int at, int len) {
		if (at < 1 || at + NAME.length >= len) {
			return false;
		}
		for (int k = 0; k < NAME.length; k++) {
			if (buf[at + k] != NAME[k]) {
				return false;
			}
		}
		byte before = buf[at - 1];
		byte after = buf[at + NAME.length];
		return (before == '<' || before == ':') && (after == ' ' || after == '\t' || after == '\r' || after == '\n');
	}

	/** Reads the ref attribute of the tag starting at {@code from}; returns where the tag ends. */
	private static int addRegion(byte[] buf, int from, int len, MergedRegions.Builder regions) {
		int end = from;
		while (end < len && buf[end] != '>') {
			end++;
		}
		for (int i = from; i + 5 < end; i++) {
			if (buf[i] == 'r' && buf[i + 1] == 'e' && buf[i + 2] == 'f' && buf[i + 3] == '='
					&& (buf[i - 1] == ' ' || buf[i - 1] == '\t' || buf[i - 1] == '\r' || buf[i - 1] == '\n')) {
				byte quote = buf[i + 4];
				// "A3:B5": column letters and row digits of both corners
				int[] v = new int[4];
				int k = 0;
				for (int j = i + 5; j < end && buf[j] != quote && k < 4; j++) {
					byte b = buf[j];
					if (b >= 'A' && b <= 'Z') {
						v[k] = Math.min(v[k] * 26 + (b - 'A' + 1), 100_000_000);
					}
					else if (b >= '0' && b <= '9') {
						if (k % 2 == 0) {
							k++;
						}
						v[k] = Math.min(v[k] * 10 + (b - '0'), 100_000_000);
					}
					else if (b == ':') {
						k = 2;
					}
				}
				if (v[0] > 0 && v[1] > 0 && v[2] > 0 && v[3] > 0) {
					regions.add(Math.min(v[1], v[3]), Math.max(v[1], v[3]), Math.min(v[0], v[2]) - 1,
							Math.max(v[0], v[2]) - 1);
				}
				break;
			}
		}
		return end;
	}

}
