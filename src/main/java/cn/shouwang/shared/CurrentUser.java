package cn.shouwang.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The principal of the current request. Every scoped query starts here. */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static ShouwangPrincipal get() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth != null && auth.getPrincipal() instanceof ShouwangPrincipal principal) {
			return principal;
		}
		throw new IllegalStateException("No Shouwang principal in the security context");
	}

	public static JurisdictionScope scope() {
		return get().scope();
	}

	public static boolean present() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof ShouwangPrincipal;
	}

}
