package cn.shouwang.registry;

import java.time.Instant;
import java.util.UUID;

/** An import as its page shows it: where it stands and what it did. */
public record ImportJob(UUID id, String fileName, String mode, String status, int totalRows, int processedRows,
		int inserted, int updated, int skipped, int rejected, String message, Instant createdAt, Instant finishedAt,
		String ownerName) {

	public boolean finished() {
		return "DONE".equals(this.status) || "FAILED".equals(this.status);
	}

	public int percent() {
		if ("DONE".equals(this.status)) {
			return 100;
		}
		return this.totalRows == 0 ? 0 : (int) Math.min(99, 100L * this.processedRows / this.totalRows);
	}

}
