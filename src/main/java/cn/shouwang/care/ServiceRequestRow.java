package cn.shouwang.care;

import java.time.Instant;

/** A service request as lists and pages show it; {@code overdue}: past its due time and still open. */
public record ServiceRequestRow(long id, long householdId, String address, RequestKind kind, String description,
		RequestSource source, RequestStatus status, Long assignedUserId, String assignedName, Instant dueAt,
		Instant doneAt, String doneNote, String cancelReason, Boolean satisfied, String feedback,
		RequestSource feedbackSource, Instant feedbackAt, String createdBy, Instant createdAt, int version,
		boolean overdue) {
}
