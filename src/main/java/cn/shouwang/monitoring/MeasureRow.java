package cn.shouwang.monitoring;

import java.time.Instant;
import java.time.LocalDate;

/** A measure plan as lists show it. */
public record MeasureRow(long id, long keyPersonId, long personId, String name, String address, Long householdId,
		Long gridId, String category, long policyId, LocalDate lastExposure, LocalDate startsOn, LocalDate endsOn,
		MeasureStatus status, MeasureType currentType, Instant releasedAt, int version, Instant createdAt) {

	/** Day n of the window (1 on the first day), or 0 before it starts. */
	public long dayOf(LocalDate today) {
		return today.isBefore(this.startsOn) ? 0 : java.time.temporal.ChronoUnit.DAYS.between(this.startsOn, today) + 1;
	}

}
