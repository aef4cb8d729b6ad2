package cn.shouwang.monitoring;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Control measures, health checks and alerts for the daily report, in one query: persons under each
 * kind of measure on the day (the latest phase begun by then), measures started and released, the
 * day's check slots due, done and overdue, alerts opened and handled. Service requests are care's
 * own ({@code CareFigures}).
 */
@Component
class MonitoringFigures implements DailyFigures {

	private final JdbcClient jdbc;

	MonitoringFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FigureDef> definitions() {
		List<FigureDef> defs = new ArrayList<>();
		defs.add(FigureDef.stock("monitoring.running", 300, "report.fig.monitoring.running"));
		int i = 0;
		for (MeasureType t : MeasureType.values()) {
			defs.add(FigureDef.stock("monitoring.running." + t.name(), 301 + i++, t.messageKey()));
		}
		defs.add(FigureDef.event("monitoring.started", 310, "report.fig.monitoring.started"));
		defs.add(FigureDef.event("monitoring.released", 311, "report.fig.monitoring.released"));
		defs.add(FigureDef.count("monitoring.checksDue", 320, "report.fig.monitoring.checksDue"));
		defs.add(FigureDef.count("monitoring.checksDone", 321, "report.fig.monitoring.checksDone"));
		defs.add(FigureDef.count("monitoring.checksOverdue", 322, "report.fig.monitoring.checksOverdue"));
		defs.add(FigureDef.ratio("monitoring.checksRate", 323, "report.fig.monitoring.checksRate", "monitoring.checksDone",
				"monitoring.checksDue"));
		defs.add(FigureDef.event("monitoring.alertsOpened", 330, "report.fig.monitoring.alertsOpened"));
		defs.add(FigureDef.event("monitoring.alertsHandled", 331, "report.fig.monitoring.alertsHandled"));
		defs.add(FigureDef.stock("monitoring.alertsOpen", 332, "report.fig.monitoring.alertsOpen"));
		return defs;
	}

	@Override
	public List<Figure> figures(FigureQuery q) {
		List<Figure> out = new ArrayList<>();
		q.bind(this.jdbc.sql("with " + FigureQuery.UNITS + """
				, m as (
				  select u.unit, m.id, m.starts_on, m.status, m.created_at, m.released_at, m.updated_at
				  from u join control_measure m on m.jurisdiction_path >= u.unit and m.jurisdiction_path < u.hi
				  where m.created_at < :dayTo
				    and (m.status in ('PLANNED', 'ACTIVE', 'EXTENDED') or coalesce(m.released_at, m.updated_at) >= :dayFrom)
				)
				select m.unit, 'monitoring.running.' || p.measure_type, count(*) from m
				  join lateral (select measure_type from control_measure_phase ph where ph.measure_id = m.id and ph.starts_on <= :day
				                order by ph.seq desc limit 1) p on true
				  where m.starts_on <= :day and m.status <> 'PLANNED'
				    and (m.status in ('ACTIVE', 'EXTENDED') or coalesce(m.released_at, m.updated_at) >= :dayTo)
				  group by m.unit, p.measure_type
				union all
				select unit, 'monitoring.started', count(*) from m where created_at >= :dayFrom group by unit
				union all
				select unit, 'monitoring.released', count(*) from m where status = 'RELEASED' and released_at >= :dayFrom
				  and released_at < :dayTo group by unit
				union all
				select u.unit, x.code, x.n from u join lateral (
				  select count(*) as due, count(s.check_id) as done,
				    count(*) filter (where s.check_id is null and s.due_at < :now) as overdue
				  from followup_slot s where s.day = :day and s.jurisdiction_path >= u.unit and s.jurisdiction_path < u.hi
				) c on true cross join lateral (values ('monitoring.checksDue', c.due), ('monitoring.checksDone', c.done),
				  ('monitoring.checksOverdue', c.overdue)) as x(code, n)
				union all
				select u.unit, x.code, x.n from u join lateral (
				  select count(*) filter (where a.opened_at >= :dayFrom and a.opened_at < :dayTo) as opened,
				    count(*) filter (where a.handled_at >= :dayFrom and a.handled_at < :dayTo) as handled,
				    count(*) filter (where a.opened_at < :now and (a.handled_at is null or a.handled_at >= :now)) as open_now
				  from health_alert a where a.jurisdiction_path >= u.unit and a.jurisdiction_path < u.hi
				    and a.opened_at < :dayTo and (a.handled_at is null or a.handled_at >= :dayFrom)
				) a on true cross join lateral (values ('monitoring.alertsOpened', a.opened), ('monitoring.alertsHandled', a.handled),
				  ('monitoring.alertsOpen', a.open_now)) as x(code, n)
				""")).query(rs -> {
			out.add(new Figure(rs.getString(1), rs.getString(2), rs.getLong(3)));
		});
		// the total under a measure, whatever its kind
		java.util.Map<String, Long> running = new java.util.HashMap<>();
		for (Figure f : out) {
			if (f.code().startsWith("monitoring.running.")) {
				running.merge(f.unit(), f.value(), Long::sum);
			}
		}
		running.forEach((unit, n) -> out.add(new Figure(unit, "monitoring.running", n)));
		return out;
	}

}
