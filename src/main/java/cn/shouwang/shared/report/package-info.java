/**
 * The contract through which a module contributes figures to the daily report (日报告) and its
 * roll-up up the tree: implement {@link cn.shouwang.shared.report.DailyFigures} as a bean in the
 * module's own package. See docs/reports.md.
 */
package cn.shouwang.shared.report;
