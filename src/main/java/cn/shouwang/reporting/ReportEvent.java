package cn.shouwang.reporting;

import java.time.Instant;

/** One step in a report's life: SUBMITTED, ZERO_SUBMITTED, REOPENED (note: the reason), APPROVED. */
public record ReportEvent(String kind, String note, String actorName, Instant at) {
}
