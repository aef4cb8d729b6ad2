package cn.shouwang.survey;

import java.util.List;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Doors still to knock on in open rounds, for those on a team or working a grid. */
@Component
class SurveyTodo implements TodoCounter {

	private final JdbcClient jdbc;

	SurveyTodo(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!SurveyPermissions.KNOCK_ANYWHERE.contains(user.role()) && !SurveyPermissions.TEAM_MEMBERS.contains(user.role())) {
			return List.of();
		}
		// the caller's own grids (grid workers) and their teams' grids, in rounds still open
		long open = user.scope().bind(this.jdbc.sql("""
				select coalesce(sum(p.households - p.done), 0) from survey_grid_progress p
				join survey_campaign c on c.id = p.campaign_id and c.status = 'ACTIVE'
				where (:gridWorker and p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi)
				   or p.grid_id in (select tg.grid_id from survey_team_grid tg join survey_team t on t.id = tg.team_id
				                    join survey_team_member m on m.team_id = t.id
				                    where m.user_id = :user and t.campaign_id = p.campaign_id)
				""")).param("gridWorker", user.role() == cn.shouwang.shared.Role.GRID_WORKER)
			.param("user", user.userId() == null ? -1 : user.userId())
			.query(Long.class)
			.single();
		if (open == 0 && user.role() != cn.shouwang.shared.Role.GRID_WORKER) {
			return List.of();
		}
		return List.of(new Todo("todo.doorsToKnock", open, "/survey"));
	}

}
