package cn.shouwang.monitoring;

/** planned → active → extended → released / transferred / referred to hospital. */
public enum MeasureStatus {

	PLANNED, ACTIVE, EXTENDED, RELEASED, TRANSFERRED, REFERRED;

	public boolean running() {
		return this == PLANNED || this == ACTIVE || this == EXTENDED;
	}

	public String messageKey() {
		return "measure.status." + name();
	}

}
