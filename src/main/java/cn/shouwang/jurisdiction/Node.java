package cn.shouwang.jurisdiction;

import java.time.Instant;

/** A node of the jurisdiction tree. */
public record Node(long id, Long parentId, Level level, String name, String code, String path, Instant retiredAt,
		int version, long activeChildren) {

	public boolean retired() {
		return this.retiredAt != null;
	}

	java.util.Map<String, Object> auditValues() {
		java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
		m.put("parentId", this.parentId);
		m.put("level", this.level);
		m.put("name", this.name);
		m.put("code", this.code);
		m.put("path", this.path);
		m.put("retiredAt", this.retiredAt);
		return m;
	}

}
