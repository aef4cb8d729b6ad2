package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.shouwang.keyperson.Symptom;

/** A stored health check: one reading of temperature and symptoms, in its day's morning or evening slot. */
public record HealthCheck(UUID id, long measureId, long personId, Instant takenAt, LocalDate day, Slot slot,
		BigDecimal temperature, List<Symptom> symptoms, boolean fever, Source source, String recordedBy) {

	/** Who entered it: the visiting worker, the person through a personal link, or the household head for them. */
	public enum Source {

		WORKER, SELF, HOUSEHOLD_HEAD;

		public String messageKey() {
			return "check.source." + name();
		}

	}

	/** A fever or any symptom: what the history marks red. */
	public boolean abnormal() {
		return this.fever || !this.symptoms.isEmpty();
	}

}
