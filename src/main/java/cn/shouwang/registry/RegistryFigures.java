package cn.shouwang.registry;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry for the daily report: residents registered (active) at the end of the day, and the
 * persons who came (registered or moved in) and left (moved out) on the day, from the movement log.
 * <p>
 * Residents at the end of a past day are those active now, less those registered since (by their
 * creation time, which imports have too), with what the movement log says happened since undone:
 * a move out or a merge gave the day one more, a return one fewer, a transfer one more where it
 * left and one fewer where it arrived. Counting now and correcting by the few changes since keeps
 * the count an index-only scan, whatever the day. The import's "update" mode changes a person
 * without a movement row, so such a change after the day is not undone (docs/reports.md).
 */
@Component
class RegistryFigures implements DailyFigures {

	private final JdbcClient jdbc;

	RegistryFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FigureDef> definitions() {
		return List.of(FigureDef.stock("registry.residents", 100, "report.fig.registry.residents"),
				FigureDef.event("registry.arrived", 101, "report.fig.registry.arrived"),
				FigureDef.event("registry.left", 102, "report.fig.registry.left"));
	}

	@Override
	public List<Figure> figures(FigureQuery q) {
		List<Figure> out = new ArrayList<>();
		q.bind(this.jdbc.sql("with " + FigureQuery.UNITS + """
				, later as (
				  select m.kind, m.from_path, m.to_path from person_movement m join person p on p.id = m.person_id
				  where m.at >= :dayTo and m.kind in ('MOVE_OUT', 'MERGE', 'RETURN', 'TRANSFER') and p.created_at < :dayTo
				), undone as (
				  select u.unit, m.kind, coalesce(m.from_path >= u.unit and m.from_path < u.hi, false) as left_unit,
				    coalesce(m.to_path >= u.unit and m.to_path < u.hi, false) as entered_unit
				  from u join later m on (m.from_path >= u.unit and m.from_path < u.hi) or (m.to_path >= u.unit and m.to_path < u.hi)
				)
				select unit, 'registry.residents', sum(n)::bigint from (
				  select u.unit, count(*) as n from u
				    join person p on p.jurisdiction_path >= u.unit and p.jurisdiction_path < u.hi and p.status = 'ACTIVE'
				    group by u.unit
				  union all
				  select u.unit, -count(*) from u join (select jurisdiction_path from person where created_at >= :dayTo and status = 'ACTIVE') p
				    on p.jurisdiction_path >= u.unit and p.jurisdiction_path < u.hi group by u.unit
				  union all
				  select unit, sum(case when kind = 'MERGE' then left_unit::int when left_unit and not entered_unit then 1
				                        when entered_unit and not left_unit then -1 else 0 end)
				  from undone group by unit
				) r group by unit
				union all
				select u.unit, 'registry.arrived', count(*) from u
				  join person_movement m on m.to_path >= u.unit and m.to_path < u.hi
				  where m.kind in ('REGISTER', 'MOVE_IN', 'RETURN') and m.at >= :dayFrom and m.at < :dayTo group by u.unit
				union all
				select u.unit, 'registry.left', count(*) from u
				  join person_movement m on m.from_path >= u.unit and m.from_path < u.hi
				  where m.kind = 'MOVE_OUT' and m.at >= :dayFrom and m.at < :dayTo group by u.unit
				""")).query(rs -> {
			out.add(new Figure(rs.getString(1), rs.getString(2), rs.getLong(3)));
		});
		return out;
	}

}
