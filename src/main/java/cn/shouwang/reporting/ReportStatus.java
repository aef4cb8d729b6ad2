package cn.shouwang.reporting;

/**
 * Where a community's report of a day stands. NOT_STARTED and DRAFT are not yet reported; a
 * SUBMITTED report counts as complete (DHIS2's "complete" record), and APPROVED once the street
 * has approved it.
 */
public enum ReportStatus {

	NOT_STARTED, DRAFT, SUBMITTED, APPROVED;

	public boolean complete() {
		return this == SUBMITTED || this == APPROVED;
	}

	public String messageKey() {
		return "report.status." + name();
	}

}
