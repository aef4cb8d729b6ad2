package cn.shouwang.checkpoint;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the passage log is searched by, checked: the time range is always there (whole days in
 * the configured zone, at most 31 of them), so every query names the monthly partitions it reads.
 */
public record PassageLogFilter(Long checkpointId, Long personId, String text, LocalDate fromDay, LocalDate toDay,
		Instant from, Instant to, Direction direction, Decision decision) {

	public enum Direction {

		IN, OUT

	}

	public enum Decision {

		ALLOWED, TURNED_BACK, REMEASURE

	}

}
