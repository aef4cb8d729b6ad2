package cn.shouwang.shared;

import java.util.List;

/** One page of a list, with the total so that lists can show counts and page links. */
public record PageResult<T>(List<T> items, long total, int page, int size) {

	public int pages() {
		return size == 0 ? 0 : (int) ((total + size - 1) / size);
	}

	public boolean hasNext() {
		return page + 1 < pages();
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public long offset() {
		return (long) page * size;
	}

}
