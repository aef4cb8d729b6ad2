package cn.shouwang.survey;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SurveyNavigation {

	@Bean
	NavItem surveyNav() {
		return NavItem.forRoles("nav.survey", "/survey", 36, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
				Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.VOLUNTEER, Role.MEDICAL_WORKER, Role.POLICE);
	}

}
