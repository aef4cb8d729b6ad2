package cn.shouwang.keyperson;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeyPersonNavigation {

	@Bean
	NavItem assistanceListsNav() {
		// the roles of KeyPersonPermissions.LISTS
		return NavItem.forRoles("nav.assistanceLists", "/assistance-lists", 40, Role.DISTRICT_ADMIN,
				Role.STREET_ADMIN, Role.COMMUNITY_WORKER);
	}

}
