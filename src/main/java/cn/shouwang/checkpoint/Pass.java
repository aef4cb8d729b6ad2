package cn.shouwang.checkpoint;

import java.time.Instant;
import java.util.UUID;

/** A pass (出入证) issued to a registered person: valid until it expires or is revoked. */
public record Pass(UUID id, long personId, long householdId, String path, String name, Instant issuedAt,
		Instant expiresAt, Instant revokedAt, String revokedReason, String revokedBy, String issuedBy) {

	public enum Status {

		VALID, EXPIRED, REVOKED;

		public String messageKey() {
			return "pass.status." + name();
		}

	}

	public Status statusAt(Instant at) {
		if (this.revokedAt != null && !this.revokedAt.isAfter(at)) {
			return Status.REVOKED;
		}
		return at.isBefore(this.expiresAt) ? Status.VALID : Status.EXPIRED;
	}

	public Status getStatus() {
		return statusAt(Instant.now());
	}

}
