package cn.shouwang.shared.report;

import java.time.Instant;
import java.util.List;

/**
 * A module's events that need an urgent report (紧急报告, within two hours). The reporting module
 * asks every implementation each minute for the events that occurred in a recent window and opens
 * one urgent report per {@link UrgentEvent#source()}; asking again for the same window is harmless.
 * Implement it like {@link DailyFigures}: a package-private bean in the module, one indexed query.
 */
public interface UrgentEvents {

	/** The events that occurred in {@code [from, to)}. */
	List<UrgentEvent> between(Instant from, Instant to);

}
