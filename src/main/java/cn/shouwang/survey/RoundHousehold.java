package cn.shouwang.survey;

import java.time.Instant;

/** A household of a round with its latest outcome, for the revisit list and the round's ledger. */
public record RoundHousehold(long householdId, String address, VisitOutcome outcome, int visits, Instant lastVisitAt,
		String lastVisitor, int personsMet, int findings) {

	/** Which households: not yet knocked on, to revisit (nobody home), refused, done. */
	public enum State {

		PENDING, REVISIT, REFUSED, DONE;

		public String messageKey() {
			return "survey.state." + name();
		}

	}

}
