package cn.shouwang.registry.importing;

import java.util.Arrays;

/**
 * The merged regions of a sheet ({@code <mergeCell ref="A3:A5"/>}), kept as four ints each and
 * sorted by first row, so that a sheet with a merged address per household stays small.
 * Rows are 1-based as Excel shows them, columns 0-based.
 */
public final class MergedRegions {

	/** One region. */
	public record Region(int firstRow, int lastRow, int firstColumn, int lastColumn) {

		public boolean vertical() {
			return this.firstColumn == this.lastColumn;
		}

		public boolean covers(int row, int column) {
			return row >= this.firstRow && row <= this.lastRow && column >= this.firstColumn
					&& column <= this.lastColumn;
		}

		/** As Excel writes it, such as "A3:A5". */
		public String ref() {
			return Text.columnLetter(this.firstColumn) + this.firstRow + ":" + Text.columnLetter(this.lastColumn)
					+ this.lastRow;
		}

	}

	static final MergedRegions NONE = new MergedRegions(new int[0], 0);

	private final int[] data;

	private final int count;

	private MergedRegions(int[] data, int count) {
		this.data = data;
		this.count = count;
	}

	public int size() {
		return this.count;
	}

	public boolean isEmpty() {
		return this.count == 0;
	}

	/** The i-th region in order of first row. */
	public Region get(int i) {
		int o = i * 4;
		return new Region(this.data[o], this.data[o + 1], this.data[o + 2], this.data[o + 3]);
	}

	int firstRow(int i) {
		return this.data[i * 4];
	}

	/** Collects regions, in any order. */
	static final class Builder {

		private int[] data = new int[64];

		private int count;

		/** Adds "A3:A5" (or a single cell "A3", which merges nothing and is ignored). */
		Builder add(CharSequence ref) {
			String s = ref.toString();
			int colon = s.indexOf(':');
			if (colon < 0) {
				return this;
			}
			String a = s.substring(0, colon);
			String b = s.substring(colon + 1);
			int r1 = Text.rowOf(a);
			int r2 = Text.rowOf(b);
			int c1 = Text.columnOf(a);
			int c2 = Text.columnOf(b);
			if (r1 < 1 || r2 < 1 || c1 < 0 || c2 < 0) {
				return this;
			}
			return add(Math.min(r1, r2), Math.max(r1, r2), Math.min(c1, c2), Math.max(c1, c2));
		}

		Builder add(int firstRow, int lastRow, int firstColumn, int lastColumn) {
			if (firstRow == lastRow && firstColumn == lastColumn) {
				return this;
			}
			if ((this.count + 1) * 4 > this.data.length) {
				this.data = Arrays.copyOf(this.data, this.data.length * 2);
			}
			int o = this.count * 4;
			this.data[o] = firstRow;
			this.data[o + 1] = lastRow;
			this.data[o + 2] = firstColumn;
			this.data[o + 3] = lastColumn;
			this.count++;
			return this;
		}

		MergedRegions build() {
			if (this.count == 0) {
				return NONE;
			}
			int[] d = this.data;
			boolean inOrder = true;
			for (int i = 1; i < this.count && inOrder; i++) {
				inOrder = d[(i - 1) * 4] <= d[i * 4];
			}
			if (inOrder) {
				return new MergedRegions(Arrays.copyOf(d, this.count * 4), this.count);
			}
			// Excel writes regions in the order they were made: sort by first row, then position
			long[] order = new long[this.count];
			for (int i = 0; i < this.count; i++) {
				order[i] = ((long) d[i * 4] << 32) | i;
			}
			Arrays.sort(order);
			int[] sorted = new int[this.count * 4];
			for (int i = 0; i < this.count; i++) {
				System.arraycopy(d, (int) order[i] * 4, sorted, i * 4, 4);
			}
			return new MergedRegions(sorted, this.count);
		}

	}

}
