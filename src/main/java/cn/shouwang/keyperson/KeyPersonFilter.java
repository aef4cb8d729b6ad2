package cn.shouwang.keyperson;

/** The key-person list's filters; each may be null. */
public record KeyPersonFilter(Long nodeId, String category, KeyPersonStatus status, KeyPersonSource source,
		String text, Boolean overdue) {

	public static KeyPersonFilter none() {
		return new KeyPersonFilter(null, null, null, null, null, null);
	}

}
