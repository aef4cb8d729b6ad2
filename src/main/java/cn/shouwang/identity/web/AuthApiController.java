package cn.shouwang.identity.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import cn.shouwang.identity.ApiTokenService;
import cn.shouwang.identity.LoginService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.ProblemWriter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "auth", description = "Bearer tokens for API clients")
class AuthApiController {

	record TokenRequest(String username, String password) {
	}

	record TokenResponse(String accessToken, String tokenType, Instant expiresAt) {
	}

	record Me(Long userId, String username, String displayName, String role, long nodeId, String nodeName,
			String nodePath, boolean mustChangePassword) {
	}

	private final LoginService login;

	private final ApiTokenService tokens;

	private final ProblemWriter problems;

	AuthApiController(LoginService login, ApiTokenService tokens, ProblemWriter problems) {
		this.login = login;
		this.tokens = tokens;
		this.problems = problems;
	}

	@PostMapping("/auth/token")
	@Operation(summary = "Exchange a username and password for an expiring bearer token")
	ResponseEntity<?> token(@RequestBody TokenRequest request, HttpServletRequest http) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (request.username() == null || request.username().isBlank()) {
			errors.add("username", "validation.required");
		}
		if (request.password() == null || request.password().isEmpty()) {
			errors.add("password", "validation.required");
		}
		errors.throwIfAny();
		ShouwangPrincipal p;
		try {
			p = this.login.authenticate(request.username(), request.password(), http.getRemoteAddr());
		}
		catch (AuthenticationException ex) {
			String code = ex instanceof LoginService.ThrottledException ? "login.throttled"
					: ex instanceof LockedException ? "login.locked"
							: ex instanceof DisabledException ? "login.disabled" : "login.bad";
			HttpStatus status = ex instanceof LoginService.ThrottledException ? HttpStatus.TOO_MANY_REQUESTS
					: HttpStatus.UNAUTHORIZED;
			ProblemDetail pd = this.problems.problem(status, code);
			return ResponseEntity.status(status).body(pd);
		}
		if (p.mustChangePassword()) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(this.problems.problem(HttpStatus.FORBIDDEN, "login.mustChangePassword"));
		}
		ApiTokenService.Issued issued = this.tokens.issueSessionToken(p);
		return ResponseEntity.ok(new TokenResponse(issued.token(), "Bearer", issued.expiresAt()));
	}

	@PostMapping("/auth/logout")
	@Operation(summary = "Revoke the presented session token")
	ResponseEntity<Void> logout(@RequestHeader("Authorization") String authorization) {
		this.tokens.revokeOwnSession(authorization.substring(7).trim());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me")
	@Operation(summary = "Who the token belongs to and its jurisdiction")
	Me me() {
		ShouwangPrincipal p = CurrentUser.get();
		return new Me(p.userId(), p.getUsername(), p.displayName(), p.role().name(), p.nodeId(), p.nodeName(),
				p.nodePath(), p.mustChangePassword());
	}

}
