package cn.shouwang.shared;

import java.util.List;

/**
 * A module's contribution to the home page: the to-do counts for the current user (visits to
 * make, calls outstanding, alerts to handle). Every module with work for people implements one.
 */
public interface TodoCounter {

	record Todo(String messageKey, long count, String link) {
	}

	List<Todo> todos(ShouwangPrincipal user);

}
