package cn.shouwang.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A row of daily_report as stored. */
record StoredReport(long id, long nodeId, String path, LocalDate day, ReportStatus status, boolean zero, String note,
		Map<String, Long> figures, Instant deadline, Instant firstSubmittedAt, Boolean onTime, Instant submittedAt,
		String submittedBy, Instant reopenedUntil, String reopenedBy, Instant approvedAt, String approvedBy,
		int version) {
}
