package cn.shouwang.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The few htmx conventions the server side needs. */
public final class Htmx {

	private Htmx() {
	}

	public static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request"));
	}

	/**
	 * Tells htmx to reload the whole page instead of swapping the response in. Used when the
	 * session has expired: the reload lands on the login page, which then returns to this page.
	 */
	public static void reloadWholePage(HttpServletResponse response) {
		response.setHeader("HX-Refresh", "true");
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
	}

}
