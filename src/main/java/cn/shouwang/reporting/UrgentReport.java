package cn.shouwang.reporting;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An urgent report: an event that must reach the street within two hours ({@code dueAt}). OPEN
 * until the community submits it (late when after {@code dueAt}), then ACKNOWLEDGED by the street.
 */
public record UrgentReport(long id, String source, String kind, long nodeId, String nodeName, String path,
		Instant occurredAt, Instant dueAt, String summary, String link, Status status, String report,
		Instant submittedAt, String submittedBy, Boolean late, Instant escalatedAt, Instant acknowledgedAt,
		String acknowledgedBy) {

	public enum Status {

		OPEN, SUBMITTED, ACKNOWLEDGED;

		public String messageKey() {
			return "urgent.status." + name();
		}

	}

	/** Seconds left until it is due (negative when overdue); null once submitted. */
	public Long secondsLeft(Instant now) {
		return this.status == Status.OPEN ? java.time.Duration.between(now, this.dueAt).getSeconds() : null;
	}

	@JsonProperty("overdue")
	public boolean overdue() {
		return this.status == Status.OPEN && this.escalatedAt != null || Boolean.TRUE.equals(this.late);
	}

	public String kindKey() {
		return "urgent.kind." + this.kind;
	}

}
