package cn.shouwang.care;

import java.util.List;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The home page tells workers how many service requests are past due, and volunteers how many
 * tasks they have open; the menu leads workers to the request list and volunteers to their tasks.
 */
@Configuration(proxyBeanMethods = false)
class CareTodo implements TodoCounter {

	private final CareService care;

	CareTodo(CareService care) {
		this.care = care;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (user.role() == Role.VOLUNTEER) {
			return List.of(new Todo("todo.careTasks", this.care.todoCount(user), "/care/mine"));
		}
		if (!CarePermissions.STAFF.contains(user.role())) {
			return List.of();
		}
		return List.of(new Todo("todo.careOverdue", this.care.todoCount(user), "/care?overdue=true"));
	}

	@Bean
	static NavItem careNav() {
		return new NavItem("nav.care", "/care", 55, CarePermissions.STAFF);
	}

	@Bean
	static NavItem careTasksNav() {
		return NavItem.forRoles("nav.careTasks", "/care/mine", 56, Role.VOLUNTEER);
	}

}
