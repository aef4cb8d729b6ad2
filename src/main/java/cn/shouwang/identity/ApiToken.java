package cn.shouwang.identity;

import java.time.Instant;

import cn.shouwang.shared.Role;

/** An integration token as administrators see it; the secret itself is shown once, at creation. */
public record ApiToken(long id, String kind, String name, Role role, long nodeId, String nodeName, Instant createdAt,
		Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

	public boolean active() {
		return this.revokedAt == null && (this.expiresAt == null || this.expiresAt.isAfter(Instant.now()));
	}

}
