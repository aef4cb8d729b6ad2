package cn.shouwang.identity.web;

import java.util.Map;

import cn.shouwang.identity.ApiTokenService;
import cn.shouwang.identity.UserAccount;
import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages for administrators to manage the users of their jurisdiction. */
@Controller
class UserController {

	private final UserService users;

	private final JurisdictionService jurisdictions;

	private final ApiTokenService tokens;

	private final AuditTrail audit;

	private final Messages messages;

	UserController(UserService users, JurisdictionService jurisdictions, ApiTokenService tokens, AuditTrail audit,
			Messages messages) {
		this.users = users;
		this.jurisdictions = jurisdictions;
		this.tokens = tokens;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/users")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("result", this.users.search(me, q, role, PageQuery.of(page, 20)));
		model.addAttribute("q", q);
		model.addAttribute("role", role);
		model.addAttribute("roles", Role.values());
		return Htmx.isHtmx(request) ? "identity/users :: results" : "identity/users";
	}

	/** The filtered list as .xlsx, every page of it. */
	@GetMapping("/users/export.xlsx")
	void export(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
			jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		ShouwangPrincipal me = CurrentUser.get();
		cn.shouwang.shared.PageResult<UserAccount> first = this.users.search(me, q, role, PageQuery.of(0, PageQuery.MAX_SIZE));
		cn.shouwang.shared.web.XlsxExport.write(response, this.messages.get("users.title"), "users",
				java.util.List.of(this.messages.get("users.username"), this.messages.get("users.displayName"),
						this.messages.get("users.role"), this.messages.get("users.node"), this.messages.get("users.status")),
				sink -> {
					cn.shouwang.shared.PageResult<UserAccount> page = first;
					while (true) {
						for (UserAccount u : page.items()) {
							sink.row(u.username(), u.displayName(), this.messages.get(u.role().messageKey()), u.nodeName(),
									this.messages.get(u.locked() ? "users.locked" : u.enabled() ? "users.active" : "users.disabled"));
						}
						if (!page.hasNext()) {
							break;
						}
						page = this.users.search(me, q, role, PageQuery.of(page.page() + 1, PageQuery.MAX_SIZE));
					}
				});
	}

	@GetMapping("/users/new")
	String newForm(Model model) {
		prepareForm(model, null);
		return "identity/user-new";
	}

	@PostMapping("/users")
	String create(@RequestParam(required = false) String username, @RequestParam(required = false) String displayName,
			@RequestParam(required = false) Role role, @RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) String initialPassword, Model model, RedirectAttributes redirect) {
		try {
			UserAccount created = this.users.create(CurrentUser.get(),
					new UserService.NewUser(username, displayName, role, nodeId, initialPassword));
			redirect.addFlashAttribute("notice", this.messages.get("user.created", created.username()));
			return "redirect:/users/" + created.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			model.addAttribute("form", Map.of("username", orEmpty(username), "displayName", orEmpty(displayName),
					"role", role == null ? "" : role.name(), "nodeId", nodeId == null ? "" : nodeId.toString()));
			prepareForm(model, nodeId);
			return "identity/user-new";
		}
	}

	@GetMapping("/users/{id}")
	String show(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		UserAccount user = this.users.get(me, id);
		model.addAttribute("user", user);
		prepareForm(model, user.nodeId());
		return "identity/user";
	}

	@GetMapping("/users/{id}/history")
	String history(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		this.users.get(me, id);
		model.addAttribute("entries", this.audit.history(me.scope(), "app_user", id));
		return "shared/history :: history";
	}

	@PostMapping("/users/{id}")
	String update(@PathVariable long id, @RequestParam(required = false) String displayName,
			@RequestParam(required = false) Role role, @RequestParam(required = false) Long nodeId,
			@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(required = false) Integer version,
			Model model, RedirectAttributes redirect) {
		ShouwangPrincipal me = CurrentUser.get();
		try {
			this.users.update(me, id, new UserService.UserChange(displayName, role, nodeId, enabled, version));
			redirect.addFlashAttribute("notice", this.messages.get("saved"));
			return "redirect:/users/" + id;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return show(id, model);
		}
	}

	@PostMapping("/users/{id}/password")
	String resetPassword(@PathVariable long id, @RequestParam(required = false) String newPassword, Model model,
			RedirectAttributes redirect) {
		try {
			this.users.resetPassword(CurrentUser.get(), id, newPassword);
			redirect.addFlashAttribute("notice", this.messages.get("user.passwordReset"));
			return "redirect:/users/" + id;
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return show(id, model);
		}
	}

	@PostMapping("/users/{id}/unlock")
	String unlock(@PathVariable long id, RedirectAttributes redirect) {
		this.users.unlock(CurrentUser.get(), id);
		redirect.addFlashAttribute("notice", this.messages.get("user.unlocked"));
		return "redirect:/users/" + id;
	}

	@GetMapping("/tokens")
	String tokens(Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("tokens", this.tokens.integrationTokens(me));
		prepareForm(model, me.nodeId());
		return "identity/tokens";
	}

	@PostMapping("/tokens")
	String createToken(@RequestParam(required = false) String name, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Long nodeId, @RequestParam(required = false) Integer validDays,
			Model model, RedirectAttributes redirect) {
		ShouwangPrincipal me = CurrentUser.get();
		try {
			ApiTokenService.Issued issued = this.tokens.createIntegrationToken(me, name, role, nodeId, validDays);
			// shown once, after a redirect, so that reloading the page cannot issue a second token
			redirect.addFlashAttribute("issued", issued);
			return "redirect:/tokens";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return tokens(model);
		}
	}

	@PostMapping("/tokens/{id}/revoke")
	String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
		this.tokens.revoke(CurrentUser.get(), id);
		redirect.addFlashAttribute("notice", this.messages.get("token.revoked"));
		return "redirect:/tokens";
	}

	private void prepareForm(Model model, Long selectedNode) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("assignableRoles", this.users.assignableRoles(me));
		java.util.List<cn.shouwang.jurisdiction.Node> nodes = new java.util.ArrayList<>(this.jurisdictions
			.search(me, null, null)
			.stream()
			.filter(n -> n.level() != cn.shouwang.jurisdiction.Level.BUILDING)
			.toList());
		if (selectedNode != null && nodes.stream().noneMatch(n -> n.id() == selectedNode)) {
			try {
				nodes.add(0, this.jurisdictions.get(me, selectedNode));
			}
			catch (cn.shouwang.shared.NotFoundException ignored) {
				// a tampered id: the picker simply does not offer it
			}
		}
		model.addAttribute("nodes", nodes);
		model.addAttribute("selectedNode", selectedNode);
	}

	private static String orEmpty(String s) {
		return s == null ? "" : s;
	}

}
