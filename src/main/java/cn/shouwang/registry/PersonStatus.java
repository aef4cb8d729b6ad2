package cn.shouwang.registry;

/** Where a registered person stands: still here, moved out, merged into another record, or anonymised. */
public enum PersonStatus {

	ACTIVE, MOVED_OUT, MERGED, ANONYMISED;

	public String messageKey() {
		return "personStatus." + name();
	}

}
