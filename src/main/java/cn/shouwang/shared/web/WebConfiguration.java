package cn.shouwang.shared.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Language: Simplified Chinese unless the user picked English (?lang=en, kept in a cookie); an
 * API client may ask for English with Accept-Language. The layout's model: who is signed in and
 * the navigation for their role.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("shouwang-lang");
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(WebConfiguration::defaultLocale);
		return resolver;
	}

	static Locale defaultLocale(HttpServletRequest request) {
		String accept = request.getHeader("Accept-Language");
		if (request.getRequestURI().startsWith("/api/") && accept != null && accept.toLowerCase().startsWith("en")) {
			return Locale.ENGLISH;
		}
		return CHINESE;
	}

	/** Spring MVC's handler lookup with the mappings that cannot match a path passed over first. */
	@Bean
	WebMvcRegistrations prefixIndexedHandlerMapping() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PrefixIndexedHandlerMapping();
			}
		};
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
	static class LayoutModel {

		private final List<NavItem> navigation;

		LayoutModel(List<NavItem> navigation) {
			this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavItem::order)).toList();
		}

		@ModelAttribute("me")
		ShouwangPrincipal me() {
			return CurrentUser.present() ? CurrentUser.get() : null;
		}

		@ModelAttribute("nav")
		List<NavItem> nav() {
			if (!CurrentUser.present()) {
				return List.of();
			}
			ShouwangPrincipal p = CurrentUser.get();
			return this.navigation.stream().filter(n -> n.roles().contains(p.role())).toList();
		}

		/** This address with its query but without the page, ready for "page=N" (see shared/pager). */
		@ModelAttribute("pageBase")
		String pageBase(HttpServletRequest request) {
			String query = request.getQueryString() == null ? ""
					: request.getQueryString().replaceAll("(^|&)page=[^&]*", "").replaceFirst("^&", "");
			return request.getRequestURI() + "?" + (query.isEmpty() ? "" : query + "&");
		}

		@ModelAttribute("currentPath")
		String currentPath(HttpServletRequest request) {
			return request.getRequestURI();
		}

	}

}
