package cn.shouwang.survey;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Door-to-door survey coverage for the daily report: of the latest round begun by the day over each
 * grid, households in it and households done (read from the per-grid counters, so a district is a
 * sum over its grids' rows), and the visits made on the day.
 */
@Component
class SurveyFigures implements DailyFigures {

	private final JdbcClient jdbc;

	SurveyFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FigureDef> definitions() {
		return List.of(FigureDef.stock("survey.households", 400, "report.fig.survey.households"),
				FigureDef.stock("survey.done", 401, "report.fig.survey.done"),
				FigureDef.ratio("survey.coverage", 402, "report.fig.survey.coverage", "survey.done", "survey.households"),
				FigureDef.count("survey.visits", 403, "report.fig.survey.visits"),
				FigureDef.event("survey.findings", 404, "report.fig.survey.findings"));
	}

	@Override
	public List<Figure> figures(FigureQuery q) {
		List<Figure> out = new ArrayList<>();
		q.bind(this.jdbc.sql("with " + FigureQuery.UNITS + """
				, g as (
				  select distinct on (p.grid_id) p.grid_id, p.jurisdiction_path, p.households, p.done
				  from survey_grid_progress p join survey_campaign c on c.id = p.campaign_id
				  where c.starts_on <= :day and c.created_at < :dayTo
				    and p.jurisdiction_path >= (select min(unit) from u) and p.jurisdiction_path < (select max(hi) from u)
				  order by p.grid_id, c.starts_on desc, c.id desc
				)
				select u.unit, sum(g.households), sum(g.done), 0, 0 from u
				  join g on g.jurisdiction_path >= u.unit and g.jurisdiction_path < u.hi group by u.unit
				union all
				select u.unit, 0, 0, count(*), coalesce(sum(v.findings), 0) from u
				  join survey_campaign c on c.status = 'ACTIVE' or c.deadline >= :day
				  join survey_visit v on v.campaign_id = c.id and v.jurisdiction_path >= u.unit and v.jurisdiction_path < u.hi
				  where v.visited_at >= :dayFrom and v.visited_at < :dayTo group by u.unit
				""")).query(rs -> {
			String unit = rs.getString(1);
			if (rs.getLong(2) > 0 || rs.getLong(3) > 0) {
				out.add(new Figure(unit, "survey.households", rs.getLong(2)));
				out.add(new Figure(unit, "survey.done", rs.getLong(3)));
			}
			if (rs.getLong(4) > 0) {
				out.add(new Figure(unit, "survey.visits", rs.getLong(4)));
				out.add(new Figure(unit, "survey.findings", rs.getLong(5)));
			}
		});
		return out;
	}

}
