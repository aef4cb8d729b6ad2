package cn.shouwang.shared;

import java.util.List;

/**
 * One page of a list, with the total so that lists can show counts and page links. On very long
 * lists the count stops at a cap ({@code totalExact} false, shown as "10,000+"): counting a
 * million rows on every page turn is what makes other systems' lists take 20 seconds.
 */
public record PageResult<T>(List<T> items, long total, int page, int size, boolean totalExact) {

	public PageResult(List<T> items, long total, int page, int size) {
		this(items, total, page, size, true);
	}

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

	public <R> PageResult<R> map(java.util.function.Function<T, R> f) {
		return new PageResult<>(this.items.stream().map(f).toList(), this.total, this.page, this.size, this.totalExact);
	}

}
