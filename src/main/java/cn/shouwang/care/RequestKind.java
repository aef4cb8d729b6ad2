package cn.shouwang.care;

/**
 * What a household asks for. Each kind has a default time to get it done, counted from when the
 * request is made (configurable as {@code shouwang.care.due-hours.<KIND>}): groceries and
 * medicine the same day, within hours; a visit or a talk within a day.
 */
public enum RequestKind {

	GROCERIES(4), MEDICINE(4), MEDICAL_VISIT(24), PSYCHOLOGICAL(24), OTHER(24);

	private final int defaultHours;

	RequestKind(int defaultHours) {
		this.defaultHours = defaultHours;
	}

	public int defaultHours() {
		return this.defaultHours;
	}

	public String messageKey() {
		return "care.kind." + name();
	}

}
