package cn.shouwang.keyperson;

/** How a row of an assistance list was matched to a registered person. */
public enum MatchMethod {

	ID_NUMBER, PHONE, NAME_ADDRESS, MANUAL;

	public String messageKey() {
		return "assistanceList.method." + name();
	}

}
