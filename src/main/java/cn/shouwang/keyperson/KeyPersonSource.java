package cn.shouwang.keyperson;

/** Where a key person came from: entered by hand, found at the door, named in a list, at a gate. */
public enum KeyPersonSource {

	MANUAL, SURVEY, ASSISTANCE_LIST, CHECKPOINT, MONITORING;

	public String messageKey() {
		return "keyPerson.source." + name();
	}

}
