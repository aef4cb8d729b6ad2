package cn.shouwang.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a username and password for both the login form and the token endpoint, with the same
 * defences: a per-account lockout after repeated failures (kept in the database, so it holds
 * across app nodes) and a per-address throttle against guessing many accounts from one place.
 */
@Service
public class LoginService {

	/** Too many failures from one address: the caller should wait. */
	public static class ThrottledException extends AuthenticationException {

		public ThrottledException() {
			super("too many failed logins from this address");
		}

	}

	private final UserAccounts users;

	private final PasswordEncoder encoder;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final int maxFailures;

	private final Duration lockout;

	private final int ipMaxFailures;

	private final Clock clock;

	private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();

	private final String dummyHash;

	LoginService(UserAccounts users, PasswordEncoder encoder, AuditTrail audit, TransactionTemplate tx,
			@Value("${shouwang.security.max-failed-logins:5}") int maxFailures,
			@Value("${shouwang.security.lockout:15m}") Duration lockout,
			@Value("${shouwang.security.ip-max-failures:30}") int ipMaxFailures) {
		this.users = users;
		this.encoder = encoder;
		this.audit = audit;
		this.tx = tx;
		this.maxFailures = maxFailures;
		this.lockout = lockout;
		this.ipMaxFailures = ipMaxFailures;
		this.clock = Clock.systemUTC();
		this.dummyHash = encoder.encode("timing-equaliser-" + System.nanoTime());
	}

	public ShouwangPrincipal authenticate(String username, String password, String address) {
		if (throttled(address)) {
			throw new ThrottledException();
		}
		String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
		ShouwangPrincipal principal = this.users.principal(name).orElse(null);
		if (principal == null) {
			this.encoder.matches(password == null ? "" : password, this.dummyHash);
			failed(address);
			throw new BadCredentialsException("bad credentials");
		}
		if (!principal.isAccountNonLocked()) {
			throw new LockedException("locked");
		}
		if (password == null || !this.encoder.matches(password, principal.getPassword())) {
			failed(address);
			boolean nowLocked = this.users.recordFailure(name, this.maxFailures, this.lockout);
			if (nowLocked) {
				this.tx.executeWithoutResult(s -> this.audit.recordAs(principal.userId(), name, UserService.ENTITY,
						principal.userId(), Action.LOGIN_LOCKED, principal.nodePath(), null,
						Map.of("lockedForMinutes", this.lockout.toMinutes())));
				throw new LockedException("locked now");
			}
			throw new BadCredentialsException("bad credentials");
		}
		if (!principal.isEnabled()) {
			// only after the right password: a guess never learns that a disabled account exists
			throw new DisabledException("disabled");
		}
		this.users.recordSuccess(name);
		principal.eraseCredentials();
		return principal;
	}

	private boolean throttled(String address) {
		Deque<Instant> failures = this.failuresByAddress.get(address == null ? "?" : address);
		if (failures == null) {
			return false;
		}
		Instant horizon = this.clock.instant().minus(Duration.ofMinutes(10));
		while (!failures.isEmpty() && failures.peekFirst().isBefore(horizon)) {
			failures.pollFirst();
		}
		return failures.size() >= this.ipMaxFailures;
	}

	private void failed(String address) {
		this.failuresByAddress.computeIfAbsent(address == null ? "?" : address, k -> new ConcurrentLinkedDeque<>())
			.addLast(this.clock.instant());
	}

	/** Forgets the per-address counts (tests, and an operator after a false alarm). */
	public void resetThrottle() {
		this.failuresByAddress.clear();
	}

}
