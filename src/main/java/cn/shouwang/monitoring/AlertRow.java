package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import cn.shouwang.keyperson.Symptom;

/**
 * A health alert as lists and its page show it. Overdue is computed (past its handle-by time and
 * not handled), never stored, so it cannot disagree with the clock.
 */
public record AlertRow(long id, long measureId, long personId, String name, Reason reason, BigDecimal temperature,
		List<Symptom> symptoms, Level level, Status status, Instant openedAt, Instant handleBy, Instant acknowledgedAt,
		String acknowledgedBy, Instant handledAt, String handledBy, Handling handling, String note, boolean overdue) {

	public enum Reason {

		FEVER, SYMPTOM, FEVER_AND_SYMPTOM, CHECKPOINT_FEVER

	}

	/** Who must act: the grid first, then the community, then the street. */
	public enum Level {

		GRID, COMMUNITY, STREET

	}

	public enum Status {

		OPEN, ACKNOWLEDGED, HANDLED

	}

	/** What was done: referral to a fever clinic (发热门诊), transfer (转运), hospital, or a note. */
	public enum Handling {

		FEVER_CLINIC, TRANSFER, HOSPITAL, NOTE

	}

	public record Event(String kind, String note, String actor, Instant at) {
	}

}
