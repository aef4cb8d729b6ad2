package cn.shouwang.care;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Service requests for the daily report: opened and done on the day. The codes keep the
 * {@code monitoring.} prefix they had when monitoring counted this table, because submitted reports
 * store their figures by code and a renamed code would drop out of every past report and roll-up.
 */
@Component
class CareFigures implements DailyFigures {

	private final JdbcClient jdbc;

	CareFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FigureDef> definitions() {
		return List.of(FigureDef.event("monitoring.requestsOpened", 600, "report.fig.monitoring.requestsOpened"),
				FigureDef.event("monitoring.requestsDone", 601, "report.fig.monitoring.requestsDone"));
	}

	@Override
	public List<Figure> figures(FigureQuery q) {
		List<Figure> out = new ArrayList<>();
		q.bind(this.jdbc.sql("with " + FigureQuery.UNITS + """
				select u.unit, count(*) filter (where r.created_at >= :dayFrom),
				  count(*) filter (where r.status = 'DONE' and r.done_at >= :dayFrom and r.done_at < :dayTo)
				from u join service_request r on r.jurisdiction_path >= u.unit and r.jurisdiction_path < u.hi
				where r.created_at < :dayTo and (r.created_at >= :dayFrom or r.done_at >= :dayFrom)
				group by u.unit
				""")).query(rs -> {
			out.add(new Figure(rs.getString(1), "monitoring.requestsOpened", rs.getLong(2)));
			out.add(new Figure(rs.getString(1), "monitoring.requestsDone", rs.getLong(3)));
		});
		return out;
	}

}
