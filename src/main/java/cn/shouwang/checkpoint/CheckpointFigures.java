package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import cn.shouwang.shared.report.DailyFigures;
import cn.shouwang.shared.report.Figure;
import cn.shouwang.shared.report.FigureDef;
import cn.shouwang.shared.report.FigureQuery;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checkpoint passages for the daily report: passages of the day, turned back (劝返), and readings at
 * or above the fever threshold. Reads only the day's partition through the (path, time) index.
 */
@Component
class CheckpointFigures implements DailyFigures {

	private final JdbcClient jdbc;

	private final BigDecimal feverThreshold;

	CheckpointFigures(JdbcClient jdbc, @Value("${shouwang.checkpoint.fever-threshold:37.3}") BigDecimal feverThreshold) {
		this.jdbc = jdbc;
		this.feverThreshold = feverThreshold;
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
				select u.unit, count(*), count(*) filter (where p.decision = 'TURNED_BACK'),
				  count(*) filter (where p.temperature >= :fever)
				from u join passage p on p.jurisdiction_path >= u.unit and p.jurisdiction_path < u.hi
				where p.at >= :dayFrom and p.at < :dayTo
				group by u.unit
				""")).param("fever", this.feverThreshold).query(rs -> {
			out.add(new Figure(rs.getString(1), "checkpoint.passages", rs.getLong(2)));
			out.add(new Figure(rs.getString(1), "checkpoint.turnedBack", rs.getLong(3)));
			out.add(new Figure(rs.getString(1), "checkpoint.fevers", rs.getLong(4)));
		});
		return out;
	}

}
