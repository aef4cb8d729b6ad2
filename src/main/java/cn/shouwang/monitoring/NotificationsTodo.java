package cn.shouwang.monitoring;

import java.util.List;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;

import org.springframework.stereotype.Component;

/** The home page says how many notifications (alerts, missed checks) the monitoring roles have not read. */
@Component
class NotificationsTodo implements TodoCounter {

	private final Inbox inbox;

	NotificationsTodo(Inbox inbox) {
		this.inbox = inbox;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!MonitoringPermissions.WORK.contains(user.role())) {
			return List.of();
		}
		return List.of(new Todo("todo.unreadNotifications", this.inbox.unread(user), "/notifications"));
	}

}
