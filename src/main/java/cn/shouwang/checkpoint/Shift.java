package cn.shouwang.checkpoint;

import java.time.Instant;

/** A guard on duty at a checkpoint from one moment to another (at most 24 hours). */
public record Shift(long id, long checkpointId, Instant startsAt, Instant endsAt, Long userId, String guardName) {
}
