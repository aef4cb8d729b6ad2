package cn.shouwang.checkpoint;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PassageLogNavigation {

	@Bean
	NavItem passageLogNav() {
		return NavItem.forRoles("nav.passages", "/checkpoints/passages", 61, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.POLICE, Role.CHECKPOINT_GUARD);
	}

}
