package cn.shouwang.identity.web;

import cn.shouwang.identity.UserService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The signed-in user's own password. */
@Controller
class AccountController {

	private final UserService users;

	private final Messages messages;

	AccountController(UserService users, Messages messages) {
		this.users = users;
		this.messages = messages;
	}

	@GetMapping("/account/password")
	String form() {
		return "identity/password";
	}

	@PostMapping("/account/password")
	String change(@RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		try {
			this.users.changeOwnPassword(me, currentPassword, newPassword, confirmPassword);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return "identity/password";
		}
		ShouwangPrincipal updated = me.withPasswordChanged();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		new HttpSessionSecurityContextRepository().saveContext(context, request, response);
		return "redirect:/?passwordChanged";
	}

}
