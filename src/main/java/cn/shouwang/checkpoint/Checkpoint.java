package cn.shouwang.checkpoint;

import java.time.LocalTime;

/** A checkpoint; no opening hours means open around the clock. */
public record Checkpoint(long id, long nodeId, String path, String name, CheckpointKind kind, String location,
		LocalTime opensAt, LocalTime closesAt, boolean open, int version) {

	public boolean roundTheClock() {
		return this.opensAt == null;
	}

}
