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
 * The registry for the daily report: residents registered (active) as they stand now, and the
 * persons who came (registered or moved in) and left (moved out) on the day, from the movement log.
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
				select u.unit, 'registry.residents', count(*) from u
				  join person p on p.jurisdiction_path >= u.unit and p.jurisdiction_path < u.hi and p.status = 'ACTIVE'
				  group by u.unit
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
