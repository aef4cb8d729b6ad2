package cn.shouwang.keyperson;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Key persons for the daily report: new on the day and open (new, verified or under a measure) at
 * its end, per category. A key person changed since the day is read as its status history says it
 * stood then (the last status change before the day's end); one unchanged since stands as now.
 */
@Component
class KeyPersonFigures implements DailyFigures {

	private final JdbcClient jdbc;

	KeyPersonFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FigureDef> definitions() {
		List<FigureDef> defs = new ArrayList<>();
		defs.add(FigureDef.event("keyperson.new", 200, "report.fig.keyperson.new"));
		defs.add(FigureDef.stock("keyperson.open", 201, "report.fig.keyperson.open"));
		int[] i = { 0 };
		this.jdbc.sql("select code, name_zh, name_en from key_person_category where active order by sort, code").query(rs -> {
			String code = rs.getString(1);
			i[0]++;
			defs.add(FigureDef.event("keyperson.new." + code, 210 + 2 * i[0], "report.fig.keyperson.newIn")
				.withArg(rs.getString(2), rs.getString(3)));
			defs.add(FigureDef.stock("keyperson.open." + code, 211 + 2 * i[0], "report.fig.keyperson.openIn")
				.withArg(rs.getString(2), rs.getString(3)));
		});
		return defs;
	}

	@Override
	public List<Figure> figures(FigureQuery q) {
		List<Figure> out = new ArrayList<>();
		q.bind(this.jdbc.sql("with " + FigureQuery.UNITS + """
				, k as (
				  select u.unit, k.category, k.created_at >= :dayFrom as is_new,
				    case when k.updated_at < :dayTo then k.status
				      else coalesce((select c.to_status from key_person_status_change c where c.key_person_id = k.id and c.at < :dayTo
				                     order by c.at desc, c.id desc limit 1), 'NEW') end in ('NEW', 'VERIFIED', 'UNDER_MEASURE') as is_open
				  from u join key_person k on k.jurisdiction_path >= u.unit and k.jurisdiction_path < u.hi
				  where k.created_at < :dayTo
				    and (k.status in ('NEW', 'VERIFIED', 'UNDER_MEASURE') or k.created_at >= :dayFrom or k.updated_at >= :dayTo)
				)
				select unit, coalesce('.' || category, ''), count(*) filter (where is_new), count(*) filter (where is_open)
				from k group by grouping sets ((unit, category), (unit))
				""")).query(rs -> {
			out.add(new Figure(rs.getString(1), "keyperson.new" + rs.getString(2), rs.getLong(3)));
			out.add(new Figure(rs.getString(1), "keyperson.open" + rs.getString(2), rs.getLong(4)));
		});
		return out;
	}

}
