package cn.shouwang.survey;

import java.time.Instant;
import java.time.LocalDate;

/** A survey round (排查轮次) over a jurisdiction. */
public record Campaign(long id, String name, long nodeId, String nodeName, String path, LocalDate startsOn,
		LocalDate deadline, int travelWindowDays, boolean active, String createdBy, Instant createdAt) {

	public boolean overdue(LocalDate today) {
		return this.active && today.isAfter(this.deadline);
	}

}
