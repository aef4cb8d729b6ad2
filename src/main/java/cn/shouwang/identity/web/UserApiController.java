package cn.shouwang.identity.web;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.identity.ApiToken;
import cn.shouwang.identity.ApiTokenService;
import cn.shouwang.identity.UserAccount;
import cn.shouwang.identity.UserService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.Role;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "users", description = "Users and integration tokens, within the caller's jurisdiction")
class UserApiController {

	record UserJson(long id, String username, String displayName, Role role, long nodeId, String nodeName,
			boolean enabled, boolean mustChangePassword, boolean locked, Instant createdAt, int version) {

		static UserJson of(UserAccount u) {
			return new UserJson(u.id(), u.username(), u.displayName(), u.role(), u.nodeId(), u.nodeName(), u.enabled(),
					u.mustChangePassword(), u.locked(), u.createdAt(), u.version());
		}

	}

	record PasswordReset(String newPassword) {
	}

	record NewToken(String name, Role role, Long nodeId, Integer validDays) {
	}

	record IssuedToken(long id, String token, Instant expiresAt) {
	}

	private final UserService users;

	private final ApiTokenService tokens;

	UserApiController(UserService users, ApiTokenService tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	@GetMapping("/users")
	@Operation(summary = "Users bound inside the caller's jurisdiction")
	PageResult<UserJson> list(@RequestParam(required = false) String q, @RequestParam(required = false) Role role,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		PageResult<UserAccount> r = this.users.search(CurrentUser.get(), q, role, PageQuery.of(page, size));
		return r.map(UserJson::of);
	}

	@GetMapping("/users/{id}")
	UserJson get(@PathVariable long id) {
		return UserJson.of(this.users.get(CurrentUser.get(), id));
	}

	@PostMapping("/users")
	@Operation(summary = "Create a user with an initial password that must be changed at first login")
	ResponseEntity<UserJson> create(@RequestBody UserService.NewUser body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(UserJson.of(this.users.create(CurrentUser.get(), body)));
	}

	@PatchMapping("/users/{id}")
	UserJson update(@PathVariable long id, @RequestBody UserService.UserChange body) {
		return UserJson.of(this.users.update(CurrentUser.get(), id, body));
	}

	@PostMapping("/users/{id}/password")
	@Operation(summary = "Set a new initial password (the user must change it) and unlock")
	ResponseEntity<Void> resetPassword(@PathVariable long id, @RequestBody PasswordReset body) {
		this.users.resetPassword(CurrentUser.get(), id, body.newPassword());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/users/{id}/unlock")
	ResponseEntity<Void> unlock(@PathVariable long id) {
		this.users.unlock(CurrentUser.get(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/tokens")
	@Operation(summary = "Integration tokens bound inside the caller's jurisdiction")
	List<ApiToken> tokens() {
		return this.tokens.integrationTokens(CurrentUser.get());
	}

	@PostMapping("/tokens")
	@Operation(summary = "Create a long-lived integration token; the secret is returned only here")
	ResponseEntity<IssuedToken> createToken(@RequestBody NewToken body) {
		ApiTokenService.Issued issued = this.tokens.createIntegrationToken(CurrentUser.get(), body.name(), body.role(),
				body.nodeId(), body.validDays());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new IssuedToken(issued.id(), issued.token(), issued.expiresAt()));
	}

	@PostMapping("/tokens/{id}/revoke")
	ResponseEntity<Void> revoke(@PathVariable long id) {
		this.tokens.revoke(CurrentUser.get(), id);
		return ResponseEntity.noContent().build();
	}

}
