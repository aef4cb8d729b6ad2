package cn.shouwang.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A community's report of a day as the worker sees it: stored figures once submitted, else the
 * draft computed from the records now. {@code eventsToday} names the EVENT figures that are not
 * zero: while there are any, a zero report would be untrue and is refused.
 *
 * @param locked    past the deadline (and any reopening): nothing can be changed
 * @param canSubmit not locked, and not already submitted (or reopened since)
 */
public record DailyReport(long nodeId, String nodeName, String path, LocalDate day, ReportStatus status, boolean zero,
		String note, Map<String, Long> figures, boolean stored, Instant deadline, boolean locked, boolean canSubmit,
		Instant submittedAt, String submittedBy, Boolean onTime, Instant reopenedUntil, String reopenedBy,
		Instant approvedAt, String approvedBy, int version, List<String> eventsToday) {

	@com.fasterxml.jackson.annotation.JsonProperty("zeroAllowed")
	public boolean zeroAllowed() {
		return this.eventsToday.isEmpty();
	}

}
