package cn.shouwang.jurisdiction;

/** Units that hang on a community. */
public enum UnitKind {

	SCHOOL, KINDERGARTEN, ENTERPRISE, VENUE;

	public String messageKey() {
		return "unitKind." + name();
	}

}
