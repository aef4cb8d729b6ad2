package cn.shouwang.monitoring;

/** The two checks of a day. */
public enum Slot {

	MORNING, EVENING;

	public String messageKey() {
		return "slot." + name();
	}

}
