package cn.shouwang.jurisdiction;

import java.util.Optional;

/** The levels of the tree, top down. A node's children are always of the next level. */
public enum Level {

	DISTRICT, STREET, COMMUNITY, GRID, BUILDING;

	public Optional<Level> childLevel() {
		return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
	}

	public String messageKey() {
		return "level." + name();
	}

}
