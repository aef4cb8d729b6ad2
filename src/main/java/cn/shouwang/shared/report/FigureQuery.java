package cn.shouwang.shared.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the report asks a module for: the figures of one calendar day for each of a set of units
 * (communities of a street, streets of a district, grids of a community), given as their
 * jurisdiction paths. A record counts for the unit whose path its own path starts with.
 * <p>
 * A contributor answers in ONE grouped SQL over all units together, never one query per unit:
 * start it with {@link #UNITS} and join its table on the unit's path range, for instance
 * <pre>
 * with {@value #UNITS}
 * select u.unit, 'keyperson.new', count(*) from u
 *   join key_person k on k.jurisdiction_path &gt;= u.unit and k.jurisdiction_path &lt; u.hi
 * where k.created_at &gt;= :dayFrom and k.created_at &lt; :dayTo group by u.unit
 * </pre>
 * and bind the parameters with {@link #bind}. The range join is one index range scan per unit on
 * the table's {@code jurisdiction_path} index, with no function evaluated per row.
 *
 * @param units the units' jurisdiction paths (each ends with '/'); all inside the caller's scope
 * @param day   the calendar day in the configured zone
 * @param from  the day's first instant
 * @param to    the next day's first instant
 * @param now   the moment of the question (for the day in progress: what is overdue by now), at most {@code to}
 */
public record FigureQuery(List<String> units, LocalDate day, Instant from, Instant to, Instant now) {

	/**
	 * The common table {@code u(unit, hi)}: each unit's path and the exclusive upper bound of its
	 * range, both in the "C" collation of the path columns. Bound by {@link #bind} as {@code :units}.
	 */
	public static final String UNITS = "u as (select x collate \"C\" as unit, (left(x, -1) || '0') collate \"C\" as hi "
			+ "from unnest(cast(:units as text[])) as x)";

	public FigureQuery {
		units = List.copyOf(units);
	}

	/** Binds {@code :units}, {@code :day}, {@code :dayFrom}, {@code :dayTo} and {@code :now}. */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		return spec.param("units", this.units.toArray(String[]::new))
			.param("day", this.day)
			.param("dayFrom", Timestamp.from(this.from))
			.param("dayTo", Timestamp.from(this.to))
			.param("now", Timestamp.from(this.now));
	}

}
