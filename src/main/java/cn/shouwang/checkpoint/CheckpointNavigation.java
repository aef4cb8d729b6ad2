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

	@Bean
	NavItem passesNav() {
		return NavItem.forRoles("nav.passes", "/passes", 61, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.POLICE);
	}

	@Bean
	NavItem guardNav() {
		return NavItem.forRoles("nav.guard", "/guard", 59, Role.CHECKPOINT_GUARD, Role.COMMUNITY_WORKER);
	}

	@Bean
	NavItem myPassNav() {
		return NavItem.forRoles("nav.myPass", "/me/pass", 62, Role.RESIDENT);
	}

}
