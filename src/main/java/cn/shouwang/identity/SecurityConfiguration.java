package cn.shouwang.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.ProblemWriter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.session.InvalidSessionStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two chains: {@code /api/**} is stateless with bearer tokens and answers in problem details;
 * everything else is the browser UI with form login, a session, CSRF, and htmx-aware handling of
 * an expired session (the whole page reloads to the login form, never a form inside a div).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static final String SESSION_EXPIRED = "shouwang.sessionExpired";

	static final String[] PUBLIC_UI = { "/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error", "/sw.js",
			"/actuator/health/**", "/actuator/prometheus", "/verify/**", "/r/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html" };

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	AuthenticationProvider shouwangAuthenticationProvider(LoginService login) {
		return new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication authentication) throws AuthenticationException {
				String address = authentication.getDetails() instanceof WebAuthenticationDetails d
						? d.getRemoteAddress() : null;
				ShouwangPrincipal p = login.authenticate(authentication.getName(),
						String.valueOf(authentication.getCredentials()), address);
				return UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities());
			}

			@Override
			public boolean supports(Class<?> type) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
			}
		};
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http, ApiTokenService tokens, ProblemWriter problems) throws Exception {
		// a personal link's signed token is its own credential (checked by the monitoring module)
		http.securityMatcher("/api/**")
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.disable())
			.authorizeHttpRequests(a -> a.requestMatchers("/api/v1/auth/token", "/api/v1/links/**").permitAll().anyRequest().authenticated())
			.addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> problems.write(req, res, HttpStatus.UNAUTHORIZED,
						"problem.unauthorized"))
				.accessDeniedHandler((req, res, ex) -> problems.write(req, res, HttpStatus.FORBIDDEN, "problem.forbidden")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain uiChain(HttpSecurity http, UserAccounts users) throws Exception {
		http.authorizeHttpRequests(a -> a.requestMatchers(PUBLIC_UI).permitAll().anyRequest().authenticated())
			.formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(loginFailure()).permitAll())
			.logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			.sessionManagement(s -> s.invalidSessionStrategy(expiredSession()).sessionFixation(f -> f.changeSessionId()))
			.exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
				if (Htmx.isHtmx(req)) {
					Htmx.reloadWholePage(res);
				}
				else {
					new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login")
						.commence(req, res, ex);
				}
			}))
			.headers(h -> h.frameOptions(f -> f.deny()))
			.addFilterBefore(new SessionRevalidation(users),
					org.springframework.security.web.access.intercept.AuthorizationFilter.class)
			.addFilterAfter(new MustChangePasswordFilter(),
					org.springframework.security.web.access.intercept.AuthorizationFilter.class);
		return http.build();
	}

	/** An expired session: a page goes to the login form; an htmx request reloads the whole page. */
	private static InvalidSessionStrategy expiredSession() {
		return (request, response) -> {
			// the login page reads this to say why the user is there, even after an htmx reload
			request.getSession(true).setAttribute(SESSION_EXPIRED, Boolean.TRUE);
			if (Htmx.isHtmx(request)) {
				Htmx.reloadWholePage(response);
			}
			else {
				response.sendRedirect(request.getContextPath() + "/login?expired");
			}
		};
	}

	private static AuthenticationFailureHandler loginFailure() {
		return (request, response, ex) -> {
			String reason = ex instanceof LoginService.ThrottledException ? "throttled"
					: ex instanceof LockedException ? "locked" : ex instanceof DisabledException ? "disabled" : "bad";
			response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
		};
	}

	/** Authenticates {@code Authorization: Bearer ...}; an unknown token simply stays anonymous. */
	static final class BearerTokenFilter extends OncePerRequestFilter {

		private final ApiTokenService tokens;

		BearerTokenFilter(ApiTokenService tokens) {
			this.tokens = tokens;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader("Authorization");
			if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				this.tokens.authenticate(header.substring(7).trim()).ifPresent(p -> {
					var auth = UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities());
					SecurityContextHolder.getContext().setAuthentication(auth);
				});
			}
			chain.doFilter(request, response);
		}

	}

	/** Until an initial password is changed, every page leads to the change form. */
	static final class MustChangePasswordFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication auth = SecurityContextHolder.getContext().getAuthentication();
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (auth != null && auth.getPrincipal() instanceof ShouwangPrincipal p && p.mustChangePassword()
					&& !path.startsWith("/account/password") && !path.equals("/logout") && !path.startsWith("/css/")
					&& !path.startsWith("/js/") && !path.startsWith("/webjars/") && !path.equals("/error")) {
				if (Htmx.isHtmx(request)) {
					response.setHeader("HX-Redirect", request.getContextPath() + "/account/password");
					response.setStatus(HttpServletResponse.SC_NO_CONTENT);
				}
				else {
					response.sendRedirect(request.getContextPath() + "/account/password");
				}
				return;
			}
			chain.doFilter(request, response);
		}

	}


}
