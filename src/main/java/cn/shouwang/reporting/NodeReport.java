package cn.shouwang.reporting;

import java.util.List;

/**
 * Everything about one node's reports of a day: the roll-up below it and, for a community, its own
 * report; the columns name the figures in the reader's language, in order.
 */
public record NodeReport(Rollup rollup, DailyReport daily, List<Column> columns) {

	/**
	 * A figure's column: code, kind and label. {@code detail} marks per-category breakdowns; a RATIO
	 * column names its numerator and denominator.
	 */
	public record Column(String code, String kind, String label, boolean detail, String numerator,
			String denominator) {

		/** The value to show for this column: the count, or a ratio as "n%" ("—" with nothing to divide). */
		public Object show(java.util.Map<String, Long> values) {
			if ("RATIO".equals(this.kind)) {
				long d = values.getOrDefault(this.denominator, 0L);
				return d == 0 ? "—" : Math.round(values.getOrDefault(this.numerator, 0L) * 100.0 / d) + "%";
			}
			return values.getOrDefault(this.code, 0L);
		}

	}

}
