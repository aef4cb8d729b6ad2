package cn.shouwang.shared;

/** A requested page, clamped so that a query parameter can never ask for a million rows. */
public record PageQuery(int page, int size) {

	public static final int MAX_SIZE = 200;

	public PageQuery {
		if (page < 0) {
			throw InvalidInputException.of("page", "validation.page");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw InvalidInputException.of("size", "validation.size", MAX_SIZE);
		}
	}

	public static PageQuery of(Integer page, Integer size) {
		return new PageQuery(page == null ? 0 : page, size == null ? 20 : size);
	}

	public long offset() {
		return (long) page * size;
	}

	public <T> PageResult<T> result(java.util.List<T> items, long total) {
		return new PageResult<>(items, total, page, size);
	}

}
