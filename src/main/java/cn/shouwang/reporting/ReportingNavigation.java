package cn.shouwang.reporting;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportingNavigation {

	@Bean
	NavItem reportsNav() {
		return NavItem.forRoles("nav.reports", "/reports", 70, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER);
	}

}
