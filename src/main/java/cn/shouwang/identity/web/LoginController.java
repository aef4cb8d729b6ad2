package cn.shouwang.identity.web;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	/** Set by the security configuration when a request arrived with a session that had expired. */
	private static final String SESSION_EXPIRED = "shouwang.sessionExpired";

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		if (session.getAttribute(SESSION_EXPIRED) != null) {
			session.removeAttribute(SESSION_EXPIRED);
			model.addAttribute("expired", true);
		}
		return "identity/login";
	}

}
