package cn.shouwang.keyperson;

/** The one-tap result of a verification call. */
public enum CallOutcome {

	REACHED, NO_ANSWER, WRONG_NUMBER, REFUSED;

	public String messageKey() {
		return "call.outcome." + name();
	}

}
