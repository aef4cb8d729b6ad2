package cn.shouwang.monitoring;

import java.time.Instant;
import java.time.LocalDate;

/** A check past its deadline without a report: whose, which day and slot, due when, reminded when. */
public record OverdueSlot(long measureId, long personId, String name, String address, LocalDate day, Slot slot,
		Instant dueAt, Instant remindedAt) {
}
