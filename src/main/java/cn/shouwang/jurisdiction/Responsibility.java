package cn.shouwang.jurisdiction;

/** A named responsible person on a node; the phone is shown masked unless asked for in full. */
public record Responsibility(long id, long nodeId, Duty duty, String personName, String position,
		String maskedPhone) {
}
