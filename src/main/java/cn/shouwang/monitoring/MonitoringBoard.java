package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a team looks at all day: checks due today, done and overdue, open alerts, and the
 * follow-up grid (person × day of the window) that shows at a glance who has reported.
 */
@Service
public class MonitoringBoard {

	public record Dashboard(long running, long dueToday, long doneToday, long overdueNow, long openAlerts,
			long endingToday, long readyForRelease) {
	}

	/** One cell of the grid: a day's two slots, each ok / fever / missed / open / none. */
	public record Cell(LocalDate day, String morning, String evening) {
	}

	public record GridRow(MeasureRow measure, List<Cell> cells) {
	}

	private final JdbcClient jdbc;

	private final MeasureService measures;

	private final Clock clock;

	MonitoringBoard(JdbcClient jdbc, MeasureService measures, MonitoringClock clock) {
		this.jdbc = jdbc;
		this.measures = measures;
		this.clock = clock.clock();
	}

	/** The dashboard of a jurisdiction, or only of the measures whose team the caller is on ({@code mine}). */
	public Dashboard dashboard(ShouwangPrincipal caller, boolean mine) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		LocalDate today = LocalDate.now(this.clock);
		Instant now = this.clock.instant();
		if (!mine) {
			// the whole jurisdiction: one range read of the running measures for their three figures, one
			// index-only read of today's slots, one of the overdue slots, one of the open alerts
			return caller.scope().bind(this.jdbc.sql("""
					with today as (
					  select count(*) as due, count(check_id) as done from followup_slot
					  where day = :today and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
					), running as (
					  select count(*) as running,
					    count(*) filter (where status in ('ACTIVE', 'EXTENDED') and ends_on = :today) as ending,
					    count(*) filter (where status in ('ACTIVE', 'EXTENDED') and ends_on <= :today
					                     and last_normal_day >= ends_on) as ready
					  from control_measure where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
					    and status in ('PLANNED', 'ACTIVE', 'EXTENDED')
					)
					select running.running, today.due, today.done,
					  (select count(*) from followup_slot where check_id is null and jurisdiction_path >= :scopeLo
					     and jurisdiction_path < :scopeHi and due_at < :now),
					  (select count(*) from health_alert where status <> 'HANDLED' and jurisdiction_path >= :scopeLo
					     and jurisdiction_path < :scopeHi),
					  running.ending, running.ready
					from today, running
					"""))
				.param("today", today)
				.param("now", Timestamp.from(now))
				.query((rs, i) -> dashboard(rs))
				.single();
		}
		return caller.scope().bind(this.jdbc.sql("""
				with m as (
				  select id, ends_on, status, last_normal_day from control_measure
				  where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi and status in ('PLANNED', 'ACTIVE', 'EXTENDED')
				    and exists (select 1 from control_measure_team t where t.measure_id = control_measure.id and t.user_id = :user)
				)
				select (select count(*) from m),
				  (select count(*) from followup_slot s join m on m.id = s.measure_id where s.day = :today),
				  (select count(*) from followup_slot s join m on m.id = s.measure_id where s.day = :today and s.check_id is not null),
				  (select count(*) from followup_slot s join m on m.id = s.measure_id where s.check_id is null and s.due_at < :now),
				  (select count(*) from health_alert a join m on m.id = a.measure_id where a.status <> 'HANDLED'),
				  (select count(*) from m where m.ends_on = :today),
				  (select count(*) from m where m.status in ('ACTIVE', 'EXTENDED') and m.ends_on <= :today
				     and m.last_normal_day >= m.ends_on)
				"""))
			.param("user", caller.userId() == null ? -1 : caller.userId())
			.param("today", today)
			.param("now", Timestamp.from(now))
			.query((rs, i) -> dashboard(rs))
			.single();
	}

	private static Dashboard dashboard(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Dashboard(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
				rs.getLong(7));
	}

	/** The follow-up grid for a page of running measures: one row per person, one cell per day of the window. */
	public PageResult<GridRow> grid(ShouwangPrincipal caller, MeasureFilter filter, PageQuery page) {
		PageResult<MeasureRow> rows = this.measures.list(caller, filter, page);
		List<Long> ids = rows.items().stream().map(MeasureRow::id).toList();
		Map<Long, Map<String, String>> states = new LinkedHashMap<>();
		Instant now = this.clock.instant();
		if (!ids.isEmpty()) {
			this.jdbc.sql("""
					select s.measure_id, s.day, s.slot, s.due_at, c.fever, cardinality(c.symptoms) > 0
					from followup_slot s left join health_check c on c.id = s.check_id
					where s.measure_id = any(:ids)
					""").param("ids", ids.toArray(Long[]::new)).query(rs -> {
				String state;
				if (rs.getObject(5) != null) {
					state = rs.getBoolean(5) || rs.getBoolean(6) ? "fever" : "ok";
				}
				else {
					state = rs.getTimestamp(4).toInstant().isBefore(now) ? "missed" : "open";
				}
				states.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
					.put(rs.getDate(2).toLocalDate() + "/" + rs.getString(3), state);
			});
		}
		return rows.map(m -> {
			List<Cell> cells = new ArrayList<>();
			Map<String, String> s = states.getOrDefault(m.id(), Map.of());
			for (LocalDate d = m.startsOn(); !d.isAfter(m.endsOn()); d = d.plusDays(1)) {
				cells.add(new Cell(d, s.getOrDefault(d + "/MORNING", "none"), s.getOrDefault(d + "/EVENING", "none")));
			}
			return new GridRow(m, cells);
		});
	}


}
