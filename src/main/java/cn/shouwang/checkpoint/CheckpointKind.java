package cn.shouwang.checkpoint;

/** Where a checkpoint stands: a compound gate, a village road, a street. */
public enum CheckpointKind {

	COMPOUND_GATE, VILLAGE_ROAD, STREET;

	public String messageKey() {
		return "checkpoint.kind." + name();
	}

}
