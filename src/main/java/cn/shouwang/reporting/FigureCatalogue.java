package cn.shouwang.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.stereotype.Component;

/**
 * Every module's {@link DailyFigures}, asked together: the report's columns in order, and a day's
 * values for a set of units, one grouped query per module.
 */
@Component
public class FigureCatalogue {

	private final List<DailyFigures> contributors;

	private final ReportingClock clock;

	FigureCatalogue(List<DailyFigures> contributors, ReportingClock clock) {
		this.contributors = contributors;
		this.clock = clock;
	}

	/** All figures of all modules, in column order. */
	public List<FigureDef> definitions() {
		List<FigureDef> all = new ArrayList<>();
		this.contributors.forEach(c -> all.addAll(c.definitions()));
		all.sort(Comparator.comparingInt(FigureDef::order).thenComparing(FigureDef::code));
		return all;
	}

	/** The values of the day for each unit path (units with nothing counted map to an empty map). */
	public Map<String, Map<String, Long>> compute(List<String> units, LocalDate day) {
		Map<String, Map<String, Long>> byUnit = new LinkedHashMap<>();
		units.forEach(u -> byUnit.put(u, new HashMap<>()));
		if (units.isEmpty()) {
			return byUnit;
		}
		Instant from = day.atStartOfDay(this.clock.zone()).toInstant();
		Instant to = day.plusDays(1).atStartOfDay(this.clock.zone()).toInstant();
		Instant now = this.clock.now();
		FigureQuery query = new FigureQuery(units, day, from, to, now.isBefore(to) ? now : to);
		for (DailyFigures c : this.contributors) {
			for (Figure f : c.figures(query)) {
				Map<String, Long> values = byUnit.get(f.unit());
				if (values != null && f.value() != 0) {
					values.merge(f.code(), f.value(), Long::sum);
				}
			}
		}
		return byUnit;
	}

	/** Adds {@code b} into {@code a} (figures are counts: a roll-up is their sum). */
	static void addInto(Map<String, Long> a, Map<String, Long> b) {
		b.forEach((k, v) -> a.merge(k, v, Long::sum));
	}

	/** A RATIO figure's value as a whole percentage, or null when its denominator is zero. */
	public static Long ratio(FigureDef def, Map<String, Long> values) {
		long d = values.getOrDefault(def.denominator(), 0L);
		return d == 0 ? null : Math.round(values.getOrDefault(def.numerator(), 0L) * 100.0 / d);
	}

	/** The value to show for a figure: the count, or the percentage of a ratio (null: nothing to divide). */
	public static Long value(FigureDef def, Map<String, Long> values) {
		return def.kind() == FigureDef.Kind.RATIO ? ratio(def, values) : values.getOrDefault(def.code(), 0L);
	}

}
