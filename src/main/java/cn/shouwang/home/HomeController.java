package cn.shouwang.home;

import java.util.List;

import cn.shouwang.registry.RegistryService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.TodoCounter;
import cn.shouwang.shared.web.NavItem;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Each user's start page: their to-do counts, gathered from every module's {@link TodoCounter},
 * and the size of their jurisdiction. A resident sees only their own household's page.
 */
@Controller
class HomeController {

	private final List<TodoCounter> counters;

	private final RegistryService registry;

	HomeController(List<TodoCounter> counters, RegistryService registry) {
		this.counters = counters;
		this.registry = registry;
	}

	@GetMapping("/")
	String home(Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("todos", this.counters.stream().flatMap(c -> c.todos(me).stream()).toList());
		if (me.role() != Role.RESIDENT) {
			model.addAttribute("counts", this.registry.counts(me.scope()));
		}
		return "home/home";
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class HomeNavigation {

		@Bean
		NavItem homeNav() {
			return NavItem.forAll("nav.home", "/", 0);
		}

	}

}
