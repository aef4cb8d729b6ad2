package cn.shouwang.checkpoint;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CheckpointNavigation {

	@Bean
	NavItem checkpointsNav() {
		return NavItem.forRoles("nav.checkpoints", "/checkpoints", 60, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.POLICE, Role.CHECKPOINT_GUARD);
	}

}
