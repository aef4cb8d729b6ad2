package cn.shouwang.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.Htmx;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session follows its user as stored now, on every request (one primary-key lookup):
 * a disabled user is signed out at once; a changed role, jurisdiction or a password reset applies
 * to the open session immediately instead of at the next login.
 */
final class SessionRevalidation extends OncePerRequestFilter {

	private final UserAccounts users;

	private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	SessionRevalidation(UserAccounts users) {
		this.users = users;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof ShouwangPrincipal current && current.userId() != null) {
			ShouwangPrincipal fresh = this.users.principal(current.userId()).orElse(null);
			if (fresh == null || !fresh.isEnabled()) {
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
				SecurityContextHolder.clearContext();
				String target = request.getContextPath() + "/login?error=disabled";
				if (Htmx.isHtmx(request)) {
					response.setHeader("HX-Redirect", target);
					response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				}
				else {
					response.sendRedirect(target);
				}
				return;
			}
			if (!fresh.sameGrantsAs(current)) {
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(
						UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
				SecurityContextHolder.setContext(context);
				this.repository.saveContext(context, request, response);
			}
		}
		chain.doFilter(request, response);
	}

}
