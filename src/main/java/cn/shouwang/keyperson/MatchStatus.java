package cn.shouwang.keyperson;

/**
 * Where a row of an assistance list stands: stored and not yet matched, matched to a registered
 * person, with candidates to confirm, not found, candidates rejected by a person, or an invalid ID
 * number and nothing else to go by.
 */
public enum MatchStatus {

	PENDING, MATCHED, CANDIDATE, UNMATCHED, REJECTED, INVALID;

	/** Rows handed back: the issuing office must look for these people elsewhere. */
	public boolean handedBack() {
		return this == UNMATCHED || this == REJECTED || this == INVALID;
	}

	public String messageKey() {
		return "assistanceList.status." + name();
	}

}
