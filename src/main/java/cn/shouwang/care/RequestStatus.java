package cn.shouwang.care;

/** open → assigned (to a volunteer; may be reassigned) → done; open or assigned → cancelled. */
public enum RequestStatus {

	OPEN, ASSIGNED, DONE, CANCELLED;

	public boolean closed() {
		return this == DONE || this == CANCELLED;
	}

	public String messageKey() {
		return "care.status." + name();
	}

}
