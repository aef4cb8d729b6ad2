package cn.shouwang.survey;

/** What happened at a door. Visited, moved out and vacant settle a household for the round. */
public enum VisitOutcome {

	VISITED, NOBODY_HOME, REFUSED, MOVED_OUT, VACANT;

	/** The household counts as covered and takes no further visit this round. */
	public boolean done() {
		return this == VISITED || this == MOVED_OUT || this == VACANT;
	}

	public String messageKey() {
		return "survey.outcome." + name();
	}

}
