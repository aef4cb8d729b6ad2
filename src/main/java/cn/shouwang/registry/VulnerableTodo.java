package cn.shouwang.registry;

import java.util.EnumSet;
import java.util.List;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Those who visit people see, on their home page, how many elderly people living alone their
 * jurisdiction has: the group the seeds ask to be served before they have to ask.
 */
@Component
class VulnerableTodo implements TodoCounter {

	private static final EnumSet<Role> VISITORS = EnumSet.of(Role.COMMUNITY_WORKER, Role.GRID_WORKER,
			Role.MEDICAL_WORKER);

	private final JdbcClient jdbc;

	VulnerableTodo(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!VISITORS.contains(user.role())) {
			return List.of();
		}
		long alone = user.scope().bind(this.jdbc.sql("""
				select count(*) from person where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				  and status = 'ACTIVE' and tags @> array['ELDERLY_ALONE']
				""")).query(Long.class).single();
		return List.of(new Todo("todo.elderlyAlone", alone, "/registry/persons?tag=ELDERLY_ALONE"));
	}

}
