/**
 * Reporting (信息报送): the daily report of each community computed from the records of every
 * module (through {@link cn.shouwang.shared.report.DailyFigures}), reviewed and submitted — or a
 * zero report in one tap — before a deadline, locked after it unless the street reopens it; the
 * roll-up of streets and the district with reporting and on-time rates, late and missing lists;
 * reminders and escalation; exports in the offices' layout.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting")
package cn.shouwang.reporting;
