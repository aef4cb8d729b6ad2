package cn.shouwang.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PrincipalChanges;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bearer tokens. Only a SHA-256 of each token is stored, so a database dump yields no usable
 * token. Session tokens follow their user (a disabled or demoted user's tokens stop working at
 * once); integration tokens carry their own role and node, chosen by an administrator within
 * their own scope and rank.
 */
@Service
public class ApiTokenService {

	public record Issued(String token, Instant expiresAt, long id) {
	}

	static final String ENTITY = "api_token";

	private final JdbcClient jdbc;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final Duration sessionTtl;

	private final SecureRandom random = new SecureRandom();

	private final PrincipalChanges changes;

	private final PrincipalChangeListener listener;

	/** False behind a pooler that cannot LISTEN (docs/operations.md): every request is looked up. */
	private final boolean rememberPrincipals;

	ApiTokenService(JdbcClient jdbc, JurisdictionService jurisdictions, AuditTrail audit, PrincipalChanges changes,
			PrincipalChangeListener listener, @Value("${shouwang.security.api-token-ttl:8h}") Duration sessionTtl,
			@Value("${shouwang.security.remember-principals:true}") boolean rememberPrincipals) {
		this.changes = changes;
		this.listener = listener;
		this.rememberPrincipals = rememberPrincipals;
		this.jdbc = jdbc;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.sessionTtl = sessionTtl;
	}

	@Transactional
	public Issued issueSessionToken(ShouwangPrincipal user) {
		String token = newToken();
		Instant expires = Instant.now().plus(this.sessionTtl);
		long id = insert("SESSION", "api-session", token, user.userId(), user.role(), user.nodeId(), user.userId(),
				expires);
		return new Issued(token, expires, id);
	}

	@Transactional
	public Issued createIntegrationToken(ShouwangPrincipal caller, String name, Role role, Long nodeId,
			Integer validDays) {
		UserService.requireUserManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String cleanName = name == null ? "" : name.strip();
		if (cleanName.isEmpty()) {
			errors.add("name", "validation.required");
		}
		else if (cleanName.length() > 60) {
			errors.add("name", "validation.tooLong", 60);
		}
		if (role == null) {
			errors.add("role", "validation.required");
		}
		else if (!caller.role().mayAssign(role)) {
			errors.add("role", "user.roleAboveOwn");
		}
		Node node = null;
		if (nodeId == null) {
			errors.add("nodeId", "validation.required");
		}
		else {
			try {
				node = this.jurisdictions.get(caller, nodeId);
			}
			catch (NotFoundException ex) {
				errors.add("nodeId", "validation.nodeNotInScope");
			}
		}
		if (validDays != null && (validDays < 1 || validDays > 3650)) {
			errors.add("validDays", "validation.range", 1, 3650);
		}
		errors.throwIfAny();
		String token = newToken();
		Instant expires = validDays == null ? null : Instant.now().plus(Duration.ofDays(validDays));
		long id = insert("INTEGRATION", cleanName, token, null, role, node.id(), caller.userId(), expires);
		this.audit.record(ENTITY, id, Action.TOKEN_ISSUE, node.path(), null,
				Map.of("name", cleanName, "role", role, "nodeId", node.id(), "expiresAt", String.valueOf(expires)));
		return new Issued(token, expires, id);
	}

	public List<ApiToken> integrationTokens(ShouwangPrincipal caller) {
		UserService.requireUserManager(caller);
		return caller.scope().bind(this.jdbc.sql("""
				select t.id, t.kind, t.name, t.role, t.node_id, n.name, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
				from api_token t join jurisdiction_node n on n.id = t.node_id
				where t.kind = 'INTEGRATION' and n.path >= :scopeLo and n.path < :scopeHi
				order by t.revoked_at nulls first, t.created_at desc
				"""))
			.query((rs, i) -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
					rs.getLong(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
					instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))))
			.list();
	}

	@Transactional
	public void revoke(ShouwangPrincipal caller, long id) {
		String path = caller.scope().bind(this.jdbc.sql("""
				select n.path from api_token t join jurisdiction_node n on n.id = t.node_id
				where t.id = :id and t.kind = 'INTEGRATION' and n.path >= :scopeLo and n.path < :scopeHi
				"""))
			.param("id", id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException(ENTITY, id));
		UserService.requireUserManager(caller);
		this.changes.changed();
		this.jdbc.sql("update api_token set revoked_at = coalesce(revoked_at, now()) where id = :id").param("id", id).update();
		this.audit.record(ENTITY, id, Action.TOKEN_REVOKE, path, null, Map.of("revoked", true));
	}

	/** Revokes the caller's own session token (API logout). */
	@Transactional
	public void revokeOwnSession(String token) {
		this.changes.changed();
		this.jdbc.sql("update api_token set revoked_at = now() where token_hash = :h and kind = 'SESSION'")
			.param("h", hash(token))
			.update();
	}

	/** How long a remembered principal is trusted without a change being heard (the last-used stamp's step). */
	static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);

	/** The most principals remembered; past it the cache starts again empty. */
	static final int REMEMBERED_AT_MOST = 10_000;

	/** A principal as the database answered it, while no change has been heard since. */
	private record Remembered(ShouwangPrincipal principal, long generation, long readAtNanos, Instant expiresAt) {
	}

	private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

	/**
	 * The principal a presented token stands for, if it is known, unrevoked and unexpired. A
	 * scanning device presents the same token for every scan, so the answer is remembered — never
	 * past the token's expiry, a minute, or any change to a token, user or node (see
	 * {@link PrincipalChanges}); an unknown token is never remembered.
	 */
	public Optional<ShouwangPrincipal> authenticate(String token) {
		if (token == null || token.length() > 200) {
			return Optional.empty();
		}
		byte[] hash = hash(token);
		String key = Base64.getEncoder().encodeToString(hash);
		long now = System.nanoTime();
		Remembered known = this.remembered.get(key);
		if (known != null && known.generation() == this.changes.generation()
				&& now - known.readAtNanos() < REMEMBERED_FOR.toNanos()
				&& (known.expiresAt() == null || Instant.now().isBefore(known.expiresAt()))) {
			return Optional.of(known.principal());
		}
		// the counter is read before the database: a change committed meanwhile moves it past this value
		long generation = this.changes.generation();
		boolean mayRemember = this.rememberPrincipals && this.listener.listening();
		Optional<Remembered> read = lookUp(hash, generation, now);
		if (read.isEmpty()) {
			this.remembered.remove(key);
			return Optional.empty();
		}
		if (mayRemember) {
			if (this.remembered.size() >= REMEMBERED_AT_MOST) {
				this.remembered.clear();
			}
			this.remembered.put(key, read.get());
		}
		return Optional.of(read.get().principal());
	}

	private Optional<Remembered> lookUp(byte[] hash, long generation, long now) {
		// one round trip: the lookup, and at most once a minute the last-used stamp (V31's function,
		// which runs on generic plans: planning the join cost more than running it, on every request)
		return this.jdbc.sql("select * from api_token_principal(:h)")
			.param("h", hash)
			.query((rs, i) -> {
				boolean integration = "INTEGRATION".equals(rs.getString("kind"));
				String username = integration ? "token:" + rs.getString("token_name") : rs.getString("username");
				ShouwangPrincipal principal = new ShouwangPrincipal(integration ? null : rs.getLong("user_id"), username,
						integration ? rs.getString("token_name") : rs.getString("display_name"),
						Role.valueOf(rs.getString("role")), rs.getLong("node_id"), rs.getString("path"),
						rs.getString("node_name"), rs.getBoolean("must_change"), false, rs.getBoolean("enabled"), null);
				return new Remembered(principal, generation, now, instant(rs.getTimestamp("expires_at")));
			})
			.optional()
			.filter(r -> r.principal().isEnabled());
	}

	private long insert(String kind, String name, String token, Long userId, Role role, long nodeId, Long createdBy,
			Instant expires) {
		return this.jdbc.sql("""
				insert into api_token(kind, name, token_hash, user_id, role, node_id, created_by, expires_at)
				values (:kind, :name, :hash, :userId, :role, :nodeId, :createdBy, :expires) returning id
				""")
			.param("kind", kind)
			.param("name", name)
			.param("hash", hash(token))
			.param("userId", userId)
			.param("role", role.name())
			.param("nodeId", nodeId)
			.param("createdBy", createdBy)
			.param("expires", expires == null ? null : Timestamp.from(expires))
			.query(Long.class)
			.single();
	}

	private String newToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return "sw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

}
