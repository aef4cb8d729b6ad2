package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import cn.shouwang.keyperson.Symptom;

/**
 * One version of the monitoring policy, in force from a day until the next version: the phases
 * of a measure per key-person category, the fever threshold, the symptoms that escalate, the
 * check windows and the alert deadlines.
 */
public record Policy(long id, String name, LocalDate effectiveFrom, BigDecimal feverThreshold, List<Symptom> symptoms,
		LocalTime morningFrom, LocalTime morningDue, LocalTime eveningFrom, LocalTime eveningDue, int ackMinutes,
		int streetMinutes, int handleMinutes, int duplicateMinutes, Map<String, List<PhaseRule>> phases) {

	/** One phase of a measure as the policy sets it: its type and how many days. */
	public record PhaseRule(MeasureType type, int days) {
	}

	public List<PhaseRule> phasesFor(String category) {
		return this.phases.getOrDefault(category, List.of());
	}

	public int totalDays(String category) {
		return phasesFor(category).stream().mapToInt(PhaseRule::days).sum();
	}

	public boolean isFever(BigDecimal temperature) {
		return temperature != null && temperature.compareTo(this.feverThreshold) >= 0;
	}

	public boolean escalates(List<Symptom> reported) {
		return reported != null && reported.stream().anyMatch(this.symptoms::contains);
	}

}
