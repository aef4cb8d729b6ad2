package cn.shouwang.monitoring;

/** The kinds of control measure, from the strictest. */
public enum MeasureType {

	CENTRALISED_QUARANTINE, HOME_QUARANTINE, HOME_HEALTH_MONITORING, DAILY_HEALTH_MONITORING;

	/** Centralised quarantine is at a site (a hotel room); the others at home. */
	public boolean atSite() {
		return this == CENTRALISED_QUARANTINE;
	}

	/** The person may not leave (a checkpoint turns them back). */
	public boolean confined() {
		return this == CENTRALISED_QUARANTINE || this == HOME_QUARANTINE;
	}

	public String messageKey() {
		return "measure.type." + name();
	}

}
