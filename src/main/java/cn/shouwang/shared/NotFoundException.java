package cn.shouwang.shared;

/**
 * A record that does not exist or lies outside the caller's jurisdiction: both answer 404, so
 * nobody learns that a foreign record exists.
 */
public class NotFoundException extends RuntimeException {

	private final String entity;

	private final Object id;

	public NotFoundException(String entity, Object id) {
		super(entity + " " + id + " not found");
		this.entity = entity;
		this.id = id;
	}

	public String entity() {
		return this.entity;
	}

	public Object id() {
		return this.id;
	}

}
