package cn.shouwang.keyperson;

import java.util.EnumSet;
import java.util.List;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The home page says how many key persons are waiting for a verification call. */
@Component
class CallsTodo implements TodoCounter {

	private static final EnumSet<Role> CALLERS = EnumSet.of(Role.COMMUNITY_WORKER, Role.GRID_WORKER,
			Role.MEDICAL_WORKER, Role.POLICE, Role.STREET_ADMIN);

	private final JdbcClient jdbc;

	CallsTodo(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!CALLERS.contains(user.role())) {
			return List.of();
		}
		long due = user.scope().bind(this.jdbc.sql("""
				select count(*) from key_person where status = 'NEW'
				  and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				  and (next_call_at is null or next_call_at <= now())
				""")).query(Long.class).single();
		return List.of(new Todo("todo.callsDue", due, "/keypersons/calls"));
	}

}
