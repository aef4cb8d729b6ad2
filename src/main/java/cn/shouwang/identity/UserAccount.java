package cn.shouwang.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import cn.shouwang.shared.Role;

/** A user as administrators see it (no password hash). */
public record UserAccount(long id, String username, String displayName, Role role, long nodeId, String nodeName,
		String nodePath, boolean enabled, boolean mustChangePassword, int failedAttempts, Instant lockedUntil,
		Instant createdAt, int version) {

	public boolean locked() {
		return this.lockedUntil != null && this.lockedUntil.isAfter(Instant.now());
	}

	Map<String, Object> auditValues() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("username", this.username);
		m.put("displayName", this.displayName);
		m.put("role", this.role);
		m.put("nodeId", this.nodeId);
		m.put("enabled", this.enabled);
		m.put("mustChangePassword", this.mustChangePassword);
		return m;
	}

}
