package cn.shouwang.keyperson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An assistance list (协查名单) as pages and the API show it, with its progress. */
public record AssistanceList(UUID id, String name, String issuedBy, LocalDate deadline, long nodeId, String fileName,
		List<String> headers, int headerRow, String status, int rowCount, String createdBy, Instant createdAt,
		Instant matchedAt, Counts counts) {

	/**
	 * Rows by state: matched (confirmed candidates and hand matches included), candidates still to
	 * confirm, handed back (not found, candidates rejected), invalid ID numbers, not yet matched; of the
	 * matched, those whose key person was dealt with (status no longer NEW) and those still NEW past
	 * the deadline.
	 */
	public record Counts(long rows, long matched, long candidates, long unmatched, long invalid, long pending,
			long done, long overdue) {

		public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

		/** Share of matched rows dealt with, 0–100. */
		public int percentDone() {
			return this.matched == 0 ? 0 : (int) (this.done * 100 / this.matched);
		}

	}

	public boolean mapping() {
		return "MAPPING".equals(this.status);
	}

	public boolean overdue(LocalDate today) {
		return today.isAfter(this.deadline) && this.counts.overdue() > 0;
	}

}
