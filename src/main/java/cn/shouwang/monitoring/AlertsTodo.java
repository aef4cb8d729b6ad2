package cn.shouwang.monitoring;

import java.util.List;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The home page says how many alerts wait to be handled; the menu leads to them. */
@Configuration(proxyBeanMethods = false)
class AlertsTodo implements TodoCounter {

	private final AlertService alerts;

	AlertsTodo(AlertService alerts) {
		this.alerts = alerts;
	}

	@Override
	public List<Todo> todos(ShouwangPrincipal user) {
		if (!MonitoringPermissions.WORK.contains(user.role())) {
			return List.of();
		}
		return List.of(new Todo("todo.openAlerts", this.alerts.openCount(user), "/alerts"));
	}

	@Bean
	static NavItem alertsNav() {
		return new NavItem("nav.alerts", "/alerts", 52, MonitoringPermissions.WORK);
	}

}
