package cn.shouwang.registry;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RegistryNavigation {

	@Bean
	NavItem registryNav() {
		return NavItem.forRoles("nav.registry", "/registry/persons", 30, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE, Role.RESIDENT);
	}

	@Bean
	NavItem importNav() {
		return NavItem.forAdmins("nav.import", "/registry/import", 32);
	}

	@Bean
	NavItem duplicatesNav() {
		return NavItem.forAdmins("nav.duplicates", "/registry/duplicates", 35);
	}

	@Bean
	NavItem retentionNav() {
		return NavItem.forRoles("nav.retention", "/registry/retention", 95, Role.DISTRICT_ADMIN, Role.STREET_ADMIN);
	}

}
