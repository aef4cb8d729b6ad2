package cn.shouwang.care;

/** Who entered a request or its feedback: a worker, or the household through its personal link. */
public enum RequestSource {

	STAFF, LINK;

	public String messageKey() {
		return "care.source." + name();
	}

}
