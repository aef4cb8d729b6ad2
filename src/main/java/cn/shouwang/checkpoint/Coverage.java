package cn.shouwang.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of the roster: the hours a checkpoint must be staffed on a day, which parts of them the
 * shifts cover (and by whom), and how many days in a row someone has been on duty.
 */
public final class Coverage {

	private Coverage() {
	}

	/** A stretch of the required hours: covered by these guards, or a gap when nobody is there. */
	public record Segment(Instant from, Instant to, List<String> guards) {

		public boolean gap() {
			return this.guards.isEmpty();
		}

		public long minutes() {
			return Duration.between(this.from, this.to).toMinutes();
		}

	}

	/** The hours a checkpoint must be staffed on a day: all day, or from opening to closing (past midnight if it closes earlier than it opens). */
	public static Instant[] required(Checkpoint c, LocalDate day, ZoneId zone) {
		if (c.roundTheClock()) {
			return new Instant[] { day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant() };
		}
		Instant from = day.atTime(c.opensAt()).atZone(zone).toInstant();
		LocalDate closeDay = c.closesAt().isAfter(c.opensAt()) ? day : day.plusDays(1);
		return new Instant[] { from, closeDay.atTime(c.closesAt()).atZone(zone).toInstant() };
	}

	/** Splits [from, to) at every shift boundary and names who is on duty in each piece. */
	public static List<Segment> segments(Instant from, Instant to, List<Shift> shifts) {
		TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
		for (Shift s : shifts) {
			if (s.startsAt().isAfter(from) && s.startsAt().isBefore(to)) {
				cuts.add(s.startsAt());
			}
			if (s.endsAt().isAfter(from) && s.endsAt().isBefore(to)) {
				cuts.add(s.endsAt());
			}
		}
		List<Segment> segments = new ArrayList<>();
		Instant previous = null;
		for (Instant cut : cuts) {
			if (previous != null) {
				Instant a = previous;
				List<String> guards = shifts.stream()
					.filter(s -> s.startsAt().isBefore(cut) && s.endsAt().isAfter(a))
					.map(Shift::guardName)
					.distinct()
					.toList();
				Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
				if (last != null && last.guards().equals(guards)) {
					segments.set(segments.size() - 1, new Segment(last.from(), cut, guards));
				}
				else {
					segments.add(new Segment(a, cut, guards));
				}
			}
			previous = cut;
		}
		return segments;
	}

	/** How many days in a row, ending on {@code day}, someone had a shift (0 if none that day). */
	public static int daysInARow(Set<LocalDate> dutyDays, LocalDate day) {
		int n = 0;
		for (LocalDate d = day; dutyDays.contains(d); d = d.minusDays(1)) {
			n++;
		}
		return n;
	}

}
