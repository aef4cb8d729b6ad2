package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A day at the checkpoints hour by hour: for each checkpoint 24 hours (index = hour of the day in
 * the configured zone) of passages in and out, turn-backs and fevers at or above the threshold.
 */
public record PassageLogHourly(LocalDate day, BigDecimal feverThreshold, List<CheckpointDay> checkpoints, Counts total) {

	public record Counts(long in, long out, long turnedBack, long fevers) {

		public static final Counts ZERO = new Counts(0, 0, 0, 0);

		public long passages() {
			return this.in + this.out;
		}

		public Counts plus(Counts o) {
			return new Counts(this.in + o.in, this.out + o.out, this.turnedBack + o.turnedBack, this.fevers + o.fevers);
		}

	}

	public record CheckpointDay(long checkpointId, String name, List<Counts> hours, Counts total) {

		/** The busiest hour's passages, for scaling the bars (at least 1). */
		public long peak() {
			return Math.max(1, this.hours.stream().mapToLong(Counts::passages).max().orElse(0));
		}

	}

}
