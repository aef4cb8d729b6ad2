package cn.shouwang.identity;

import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityNavigation {

	@Bean
	NavItem usersNav() {
		return NavItem.forAdmins("nav.users", "/users", 80);
	}

	@Bean
	NavItem tokensNav() {
		return NavItem.forAdmins("nav.tokens", "/tokens", 85);
	}

}
