package cn.shouwang.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import cn.shouwang.jurisdiction.Level;

/**
 * A node's reports of a day rolled up: one line per child (streets of a district, communities of a
 * street, grids of a community), their totals, the reporting and on-time rates and who is late or
 * missing. Figures are the sums of the submitted reports as stored ({@code live} false), or computed
 * from the records now for every unit whether it reported or not ({@code live} true).
 *
 * @param pending communities not yet reported while the deadline has not passed
 * @param missing communities not reported by the deadline
 * @param late    communities whose report came after the deadline (after the street reopened it)
 */
public record Rollup(long nodeId, String nodeName, Level level, String path, LocalDate day, boolean live,
		Instant deadline, boolean deadlinePassed, List<Line> lines, Line total, List<UnitStatus> units,
		List<UnitStatus> pending, List<UnitStatus> missing, List<UnitStatus> late) {

	/**
	 * One row: expected = the communities under it that must report; submitted = those complete;
	 * onTime = those complete by the deadline; own = the line's own report (a community's, or a
	 * street's roll-up submitted to the district), null for a grid.
	 */
	public record Line(long nodeId, String name, Level level, String path, int expected, int submitted, int onTime,
			int approved, Map<String, Long> figures, ReportStatus own) {

		/** Reporting rate (DHIS2): complete ÷ expected, as a percentage with one decimal; null when none expected. */
		@JsonProperty("reportingRate")
		public Double reportingRate() {
			return rate(this.submitted, this.expected);
		}

		/** On-time rate (DHIS2): complete by the deadline ÷ expected. */
		@JsonProperty("onTimeRate")
		public Double onTimeRate() {
			return rate(this.onTime, this.expected);
		}

		static Double rate(int n, int of) {
			return of == 0 ? null : Math.round(n * 1000.0 / of) / 10.0;
		}

	}

	/** Where one community stands with the day's report. */
	public record UnitStatus(long nodeId, String name, String parentName, ReportStatus status, Instant submittedAt,
			Boolean onTime, boolean zero) {
	}

}
