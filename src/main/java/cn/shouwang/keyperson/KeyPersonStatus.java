package cn.shouwang.keyperson;

import java.util.EnumSet;
import java.util.Set;

/** Where a key person stands: new → verified → under a measure / cleared / not found / moved away. */
public enum KeyPersonStatus {

	NEW, VERIFIED, UNDER_MEASURE, CLEARED, NOT_FOUND, MOVED_AWAY;

	/** Still needs work: an open record blocks a second one of the same category for the person. */
	public boolean open() {
		return this == NEW || this == VERIFIED || this == UNDER_MEASURE;
	}

	public Set<KeyPersonStatus> next() {
		return switch (this) {
			case NEW -> EnumSet.of(VERIFIED, NOT_FOUND, MOVED_AWAY, CLEARED);
			case VERIFIED -> EnumSet.of(UNDER_MEASURE, CLEARED, MOVED_AWAY);
			case UNDER_MEASURE -> EnumSet.of(CLEARED, VERIFIED);
			case NOT_FOUND -> EnumSet.of(VERIFIED, MOVED_AWAY);
			case CLEARED, MOVED_AWAY -> EnumSet.noneOf(KeyPersonStatus.class);
		};
	}

	public String messageKey() {
		return "keyPerson.status." + name();
	}

}
