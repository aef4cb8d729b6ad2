package cn.shouwang.jurisdiction;

import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JurisdictionNavigation {

	@Bean
	NavItem jurisdictionNav() {
		return NavItem.forRoles("nav.jurisdiction", "/jurisdictions", 20, cn.shouwang.shared.Role.DISTRICT_ADMIN,
				cn.shouwang.shared.Role.STREET_ADMIN, cn.shouwang.shared.Role.COMMUNITY_WORKER, cn.shouwang.shared.Role.GRID_WORKER,
				cn.shouwang.shared.Role.MEDICAL_WORKER, cn.shouwang.shared.Role.POLICE, cn.shouwang.shared.Role.VOLUNTEER,
				cn.shouwang.shared.Role.CHECKPOINT_GUARD, cn.shouwang.shared.Role.UNIT_HEALTH_OFFICER);
	}

}
