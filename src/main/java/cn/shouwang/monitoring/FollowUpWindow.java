package cn.shouwang.monitoring;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow-up window rule (Go.Data): it starts the day after the last exposure and lasts the
 * policy's days, phase after phase: start = last exposure + 1, end = start + days − 1. Days are
 * calendar days in the configured zone; a slot is open from its window's start and due at its end.
 */
public final class FollowUpWindow {

	private FollowUpWindow() {
	}

	/** A phase with its days: measure type and first and last day (inclusive). */
	public record Phase(MeasureType type, LocalDate startsOn, LocalDate endsOn) {
	}

	/** A check expected on a day: when it opens and when it is due (after which it is overdue). */
	public record Expected(LocalDate day, Slot slot, ZonedDateTime opensAt, ZonedDateTime dueAt) {
	}

	public static List<Phase> phases(LocalDate lastExposure, List<Policy.PhaseRule> rules) {
		List<Phase> phases = new ArrayList<>();
		LocalDate start = lastExposure.plusDays(1);
		for (Policy.PhaseRule rule : rules) {
			LocalDate end = start.plusDays(rule.days() - 1L);
			phases.add(new Phase(rule.type(), start, end));
			start = end.plusDays(1);
		}
		return phases;
	}

	/** The checks expected from {@code from} to {@code to} (inclusive), morning and evening. */
	public static List<Expected> expected(LocalDate from, LocalDate to, Policy policy, ZoneId zone) {
		List<Expected> slots = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			slots.add(slot(day, Slot.MORNING, policy.morningFrom(), policy.morningDue(), zone));
			slots.add(slot(day, Slot.EVENING, policy.eveningFrom(), policy.eveningDue(), zone));
		}
		return slots;
	}

	/** Which slot a check taken at this moment belongs to: before the evening window opens, the morning's. */
	public static Slot slotOf(ZonedDateTime at, Policy policy) {
		return at.toLocalTime().isBefore(policy.eveningFrom()) ? Slot.MORNING : Slot.EVENING;
	}

	private static Expected slot(LocalDate day, Slot slot, LocalTime from, LocalTime due, ZoneId zone) {
		return new Expected(day, slot, day.atTime(from).atZone(zone), day.atTime(due).atZone(zone));
	}

}
