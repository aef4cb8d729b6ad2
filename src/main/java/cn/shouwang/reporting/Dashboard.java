package cn.shouwang.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import cn.shouwang.jurisdiction.Level;

/**
 * The command dashboard of a node: a series per figure over the last days (the sums of the stored
 * daily figures; today, and every day of a grid, computed from the records), and today's figures
 * of each child for the drill-down.
 *
 * @param series figure code → one value per day of {@code days} (ratios as whole percentages, null
 *               when there is nothing to divide)
 */
public record Dashboard(long nodeId, String nodeName, Level level, List<Crumb> breadcrumb, List<LocalDate> days,
		Map<String, List<Long>> series, List<Rollup.Line> children, Rollup.Line today) {

	/** A node on the way down from the caller's own, for going back up. */
	public record Crumb(long id, String name) {
	}

}
