package cn.shouwang.keyperson;

import java.util.List;

/**
 * One row of an assistance list as the list page shows it: the name and address the list gives, the
 * ID number and phone masked, how it was matched, the candidates to choose from, and how far the key
 * person it became has got.
 */
public record AssistanceListRow(int rowNo, String name, String maskedIdNumber, String maskedPhone, String address,
		MatchStatus status, MatchMethod method, Double score, Long personId, Long keyPersonId, Long gridId,
		String reason, KeyPersonStatus keyPersonStatus, List<Candidate> candidates) {

	/** A registered person the row may mean; score 0–1 (null when there was no address to compare). */
	public record Candidate(long personId, String name, String address, long gridId, Double score) {

		public Integer percent() {
			return this.score == null ? null : (int) Math.round(this.score * 100);
		}

	}

	public Integer percent() {
		return this.score == null ? null : (int) Math.round(this.score * 100);
	}

}
