package cn.shouwang.identity;

import java.util.List;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Administrators see how many accounts in their jurisdiction are locked and wait to be unlocked. */
@Component
class LockedAccountsTodo implements TodoCounter {

	private final JdbcClient jdbc;

	LockedAccountsTodo(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!user.role().managesUsers()) {
			return List.of();
		}
		long locked = user.scope().bind(this.jdbc.sql("""
				select count(*) from app_user u join jurisdiction_node n on n.id = u.node_id
				where u.locked_until > now() and n.path >= :scopeLo and n.path < :scopeHi
				""")).query(Long.class).single();
		return List.of(new Todo("todo.lockedAccounts", locked, "/users"));
	}

}
