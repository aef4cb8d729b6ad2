package cn.shouwang.keyperson;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KeyPersonNavigation {

	@Bean
	NavItem keyPersonsNav() {
		return NavItem.forRoles("nav.keyPersons", "/keypersons", 40, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);
	}

	@Bean
	NavItem callsNav() {
		return NavItem.forRoles("nav.calls", "/keypersons/calls", 42, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);
	}

	@Bean
	NavItem riskAreasNav() {
		return NavItem.forRoles("nav.riskAreas", "/keypersons/risk-areas", 44, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);
	}

	@Bean
	NavItem assistanceListsNav() {
		// the roles of KeyPersonPermissions.LISTS
		return NavItem.forRoles("nav.assistanceLists", "/assistance-lists", 46, Role.DISTRICT_ADMIN,
				Role.STREET_ADMIN, Role.COMMUNITY_WORKER);
	}

}
