package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The follow-up window rule under each policy version of the seeds, and the edges of a day in Asia/Shanghai. */
class FollowUpWindowTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	static Policy policy(Map<String, List<Policy.PhaseRule>> phases) {
		return new Policy(1, "test", LocalDate.of(2022, 6, 28), new BigDecimal("37.3"), List.of(), LocalTime.of(6, 0),
				LocalTime.of(12, 0), LocalTime.of(16, 0), LocalTime.of(22, 0), 30, 60, 120, 10, phases);
	}

	static Policy.PhaseRule rule(MeasureType type, int days) {
		return new Policy.PhaseRule(type, days);
	}

	@Test
	void fourteenPlusSevenStartsTheDayAfterExposureAndRunsTwentyOneDays() {
		List<FollowUpWindow.Phase> phases = FollowUpWindow.phases(LocalDate.of(2022, 3, 1),
				List.of(rule(MeasureType.CENTRALISED_QUARANTINE, 14), rule(MeasureType.HOME_HEALTH_MONITORING, 7)));
		assertThat(phases).containsExactly(
				new FollowUpWindow.Phase(MeasureType.CENTRALISED_QUARANTINE, LocalDate.of(2022, 3, 2), LocalDate.of(2022, 3, 15)),
				new FollowUpWindow.Phase(MeasureType.HOME_HEALTH_MONITORING, LocalDate.of(2022, 3, 16), LocalDate.of(2022, 3, 22)));
	}

	@Test
	void sevenPlusThreeAndFivePlusThreeAreOnePlanOfConsecutivePhases() {
		List<FollowUpWindow.Phase> ninth = FollowUpWindow.phases(LocalDate.of(2022, 7, 1),
				List.of(rule(MeasureType.CENTRALISED_QUARANTINE, 7), rule(MeasureType.HOME_HEALTH_MONITORING, 3)));
		assertThat(ninth.get(0).endsOn()).isEqualTo(LocalDate.of(2022, 7, 8));
		assertThat(ninth.get(1).startsOn()).isEqualTo(LocalDate.of(2022, 7, 9));
		assertThat(ninth.get(1).endsOn()).isEqualTo(LocalDate.of(2022, 7, 11));
		List<FollowUpWindow.Phase> twenty = FollowUpWindow.phases(LocalDate.of(2022, 11, 30),
				List.of(rule(MeasureType.CENTRALISED_QUARANTINE, 5), rule(MeasureType.HOME_QUARANTINE, 3)));
		// across the end of a month
		assertThat(twenty.get(0).endsOn()).isEqualTo(LocalDate.of(2022, 12, 5));
		assertThat(twenty.get(1).endsOn()).isEqualTo(LocalDate.of(2022, 12, 8));
	}

	@Test
	void aCategoryWithoutPeriodsHasNoPhases() {
		assertThat(FollowUpWindow.phases(LocalDate.of(2023, 1, 10), List.of())).isEmpty();
	}

	@Test
	void slotsAreDueAtTheirLocalTimesAndAnEveningCheckStartsAtFour() {
		Policy p = policy(Map.of());
		List<FollowUpWindow.Expected> slots = FollowUpWindow.expected(LocalDate.of(2022, 7, 9), LocalDate.of(2022, 7, 10), p,
				SHANGHAI);
		assertThat(slots).hasSize(4);
		assertThat(slots.get(0).dueAt().toInstant().toString()).isEqualTo("2022-07-09T04:00:00Z");
		assertThat(slots.get(1).dueAt().toInstant().toString()).isEqualTo("2022-07-09T14:00:00Z");
		assertThat(FollowUpWindow.slotOf(ZonedDateTime.of(2022, 7, 9, 15, 59, 59, 0, SHANGHAI), p)).isEqualTo(Slot.MORNING);
		assertThat(FollowUpWindow.slotOf(ZonedDateTime.of(2022, 7, 9, 16, 0, 0, 0, SHANGHAI), p)).isEqualTo(Slot.EVENING);
		// just after midnight in Shanghai is still the previous day in UTC: the local day counts
		ZonedDateTime justAfterMidnight = ZonedDateTime.of(2022, 7, 10, 0, 5, 0, 0, SHANGHAI);
		assertThat(justAfterMidnight.withZoneSameInstant(ZoneId.of("UTC")).toLocalDate()).isEqualTo(LocalDate.of(2022, 7, 9));
		assertThat(justAfterMidnight.toLocalDate()).isEqualTo(LocalDate.of(2022, 7, 10));
		assertThat(FollowUpWindow.slotOf(justAfterMidnight, p)).isEqualTo(Slot.MORNING);
	}

}
