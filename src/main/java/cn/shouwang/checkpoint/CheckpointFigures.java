package cn.shouwang.checkpoint;

import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checkpoint passages for the daily report: passages of the day, turned back (劝返), and readings at
 * or above the fever line. Read from the per-hour counters (V27), so a district day of millions
 * of passages costs a few thousand counter rows; a reading counts as a fever by the line
 * (shouwang.health.fever-threshold) in force when it was recorded.
 */
@Component
class CheckpointFigures implements DailyFigures {

	private final JdbcClient jdbc;

	CheckpointFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<FigureDef> definitions() {
		return List.of(FigureDef.count("checkpoint.passages", 500, "report.fig.checkpoint.passages"),
				FigureDef.event("checkpoint.turnedBack", 501, "report.fig.checkpoint.turnedBack"),
				FigureDef.event("checkpoint.fevers", 502, "report.fig.checkpoint.fevers"));
	}

	@Override
	public List<Figure> figures(FigureQuery q) {
		List<Figure> out = new ArrayList<>();
		q.bind(this.jdbc.sql("with " + FigureQuery.UNITS + """
				select u.unit, sum(h.ins + h.outs), sum(h.turned_back), sum(h.fevers)
				from u join passage_hour h on h.jurisdiction_path >= u.unit and h.jurisdiction_path < u.hi
				where h.hour >= :dayFrom and h.hour < :dayTo
				group by u.unit
				""")).query(rs -> {
			out.add(new Figure(rs.getString(1), "checkpoint.passages", rs.getLong(2)));
			out.add(new Figure(rs.getString(1), "checkpoint.turnedBack", rs.getLong(3)));
			out.add(new Figure(rs.getString(1), "checkpoint.fevers", rs.getLong(4)));
		});
		return out;
	}

}
