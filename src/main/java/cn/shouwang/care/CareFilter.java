package cn.shouwang.care;

/**
 * The request list's filters; each may be null. Status null: every status. {@code overdue}: only
 * requests past their due time and not done or cancelled. {@code mine}: only those assigned to the
 * caller. {@code householdId}: one household's requests.
 */
public record CareFilter(Long nodeId, RequestStatus status, RequestKind kind, Boolean overdue, Boolean mine,
		Long householdId, String text) {

	public static CareFilter none() {
		return new CareFilter(null, null, null, null, null, null, null);
	}

	public static CareFilter overdueOnly() {
		return new CareFilter(null, null, null, true, null, null, null);
	}

}
