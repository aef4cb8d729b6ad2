package cn.shouwang.checkpoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The roster's rules: required hours, covered stretches and gaps, days in a row. */
class CoverageTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static final LocalDate DAY = LocalDate.of(2022, 4, 10);

	static Instant at(int day, int hour) {
		return LocalDate.of(2022, 4, day).atTime(hour, 0).atZone(SHANGHAI).toInstant();
	}

	static Shift shift(String who, Instant from, Instant to) {
		return new Shift(1, 1, from, to, null, who);
	}

	static Checkpoint checkpoint(LocalTime opens, LocalTime closes) {
		return new Checkpoint(1, 1, "/1/", "1号门", CheckpointKind.COMPOUND_GATE, null, opens, closes, true, 0);
	}

	@Test
	void aRoundTheClockCheckpointNeedsTheWholeLocalDay() {
		Instant[] hours = Coverage.required(checkpoint(null, null), DAY, SHANGHAI);
		assertThat(hours[0]).isEqualTo(at(10, 0));
		assertThat(hours[1]).isEqualTo(at(11, 0));
	}

	@Test
	void hoursThatCloseBeforeTheyOpenRunPastMidnight() {
		Instant[] hours = Coverage.required(checkpoint(LocalTime.of(20, 0), LocalTime.of(6, 0)), DAY, SHANGHAI);
		assertThat(hours[0]).isEqualTo(at(10, 20));
		assertThat(hours[1]).isEqualTo(at(11, 6));
	}

	@Test
	void theGapsBetweenShiftsAreFoundAndOverlapsNameBothGuards() {
		List<Coverage.Segment> segments = Coverage.segments(at(10, 0), at(11, 0),
				List.of(shift("张三", at(10, 0), at(10, 8)), shift("李四", at(10, 6), at(10, 16)), shift("王五", at(10, 18), at(11, 2))));
		assertThat(segments).extracting(Coverage.Segment::guards)
			.containsExactly(List.of("张三"), List.of("张三", "李四"), List.of("李四"), List.of(), List.of("王五"));
		assertThat(segments.stream().filter(Coverage.Segment::gap).mapToLong(Coverage.Segment::minutes).sum()).isEqualTo(120);
	}

	@Test
	void noShiftsIsOneGapAndAShiftCoveringEverythingIsNone() {
		assertThat(Coverage.segments(at(10, 0), at(11, 0), List.of())).singleElement()
			.satisfies(s -> assertThat(s.minutes()).isEqualTo(24 * 60));
		assertThat(Coverage.segments(at(10, 0), at(11, 0), List.of(shift("张三", at(9, 20), at(11, 8)))))
			.noneMatch(Coverage.Segment::gap);
	}

	@Test
	void daysInARowCountBackFromTheDay() {
		Set<LocalDate> days = Set.of(DAY, DAY.minusDays(1), DAY.minusDays(2), DAY.minusDays(4));
		assertThat(Coverage.daysInARow(days, DAY)).isEqualTo(3);
		assertThat(Coverage.daysInARow(days, DAY.plusDays(1))).isZero();
	}

}
