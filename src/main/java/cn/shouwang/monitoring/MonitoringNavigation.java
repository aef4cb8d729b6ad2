package cn.shouwang.monitoring;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MonitoringNavigation {

	@Bean
	NavItem measuresNav() {
		return NavItem.forRoles("nav.measures", "/monitoring", 50, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);
	}

}
