package cn.shouwang.shared.report;

import java.util.List;

/**
 * A module's contribution to the daily report (日报告): the figures it knows, and their values for
 * a day and a set of units, computed from its own records so nobody types them again. Every module
 * with something to report implements one, as a package-private bean in its own package, named
 * after the module ({@code KeyPersonFigures}, {@code MonitoringFigures}); the reporting module
 * finds them all. How to write one: docs/reports.md.
 */
public interface DailyFigures {

	/** The figures this module contributes, with their labels and kinds. Cheap: called on every report. */
	List<FigureDef> definitions();

	/**
	 * The values for every unit of the query in one grouped SQL. A unit with nothing to count may be
	 * left out (it reads as zero); codes must be among {@link #definitions()}.
	 */
	List<Figure> figures(FigureQuery query);

}
