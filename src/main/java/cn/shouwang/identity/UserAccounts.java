package cn.shouwang.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.PrincipalChanges;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for users. A user's scope is the path of the node they are bound to. */
@Repository
class UserAccounts {

	private static final String COLUMNS = """
			u.id, u.username, u.display_name, u.role, u.node_id, n.name as node_name, n.path as node_path, u.enabled,
			u.must_change_password, u.failed_attempts, u.locked_until, u.created_at, u.version
			""";

	private final JdbcClient jdbc;

	/** Told of every change to what a signed-in caller's principal is made of. */
	private final PrincipalChanges principals;

	UserAccounts(JdbcClient jdbc, PrincipalChanges principals) {
		this.jdbc = jdbc;
		this.principals = principals;
	}

	private static final String PRINCIPAL_SQL = """
			select u.id, u.username, u.display_name, u.role, u.node_id, n.path, n.name, u.must_change_password,
			       u.locked_until, u.enabled, u.password_hash
			from app_user u join jurisdiction_node n on n.id = u.node_id
			""";

	Optional<ShouwangPrincipal> principal(String username) {
		return this.jdbc.sql(PRINCIPAL_SQL + " where u.username = :username")
			.param("username", username)
			.query(UserAccounts::principal)
			.optional();
	}

	/** The user as stored now, to refresh a signed-in session (password hash left out). */
	Optional<ShouwangPrincipal> principal(long id) {
		return this.jdbc.sql(PRINCIPAL_SQL + " where u.id = :id")
			.param("id", id)
			.query(UserAccounts::principal)
			.optional()
			.map(p -> {
				p.eraseCredentials();
				return p;
			});
	}

	private static ShouwangPrincipal principal(ResultSet rs, int i) throws SQLException {
		Timestamp locked = rs.getTimestamp("locked_until");
		return new ShouwangPrincipal(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				Role.valueOf(rs.getString("role")), rs.getLong("node_id"), rs.getString("path"), rs.getString("name"),
				rs.getBoolean("must_change_password"), locked != null && locked.toInstant().isAfter(Instant.now()),
				rs.getBoolean("enabled"), rs.getString("password_hash"));
	}

	Optional<UserAccount> find(JurisdictionScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from app_user u join jurisdiction_node n on n.id = u.node_id
				where u.id = :id and n.path >= :scopeLo and n.path < :scopeHi
				"""))
			.param("id", id)
			.query(UserAccounts::account)
			.optional();
	}

	List<Long> enabledAt(long nodeId, java.util.Collection<Role> roles) {
		return this.jdbc.sql("select id from app_user where node_id = :n and enabled and role = any(:roles) order by id")
			.param("n", nodeId)
			.param("roles", roles.stream().map(Role::name).toArray(String[]::new))
			.query(Long.class)
			.list();
	}

	/** Enabled users of a role bound to this place's node or one above it (their jurisdiction covers it). */
	List<UserAccount> covering(String path, Role role, Long onlyId) {
		return this.jdbc.sql("select " + COLUMNS + """
				from app_user u join jurisdiction_node n on n.id = u.node_id
				where u.enabled and u.role = :role and starts_with(:path, n.path)
				  and (cast(:only as bigint) is null or u.id = :only)
				order by length(n.path) desc, u.display_name, u.id limit 200
				""")
			.param("role", role.name())
			.param("path", path)
			.param("only", onlyId)
			.query(UserAccounts::account)
			.list();
	}

	Optional<String> displayName(long id) {
		return this.jdbc.sql("select display_name from app_user where id = :id").param("id", id).query(String.class).optional();
	}

	PageResult<UserAccount> search(JurisdictionScope scope, String text, Role role, PageQuery page) {
		String where = """
				from app_user u join jurisdiction_node n on n.id = u.node_id
				where n.path >= :scopeLo and n.path < :scopeHi
				  and (cast(:role as text) is null or u.role = :role)
				  and (cast(:text as text) is null or u.username like '%' || :text || '%' or u.display_name like '%' || :text || '%')
				""";
		String t = text == null || text.isBlank() ? null : text.trim();
		String r = role == null ? null : role.name();
		long total = scope.bind(this.jdbc.sql("select count(*) " + where))
			.param("role", r)
			.param("text", t)
			.query(Long.class)
			.single();
		List<UserAccount> items = scope.bind(this.jdbc.sql("select " + COLUMNS + where
				+ " order by n.path, u.role, u.username limit :limit offset :offset"))
			.param("role", r)
			.param("text", t)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(UserAccounts::account)
			.list();
		return page.result(items, total);
	}

	boolean usernameTaken(String username) {
		return this.jdbc.sql("select exists(select 1 from app_user where username = :u)")
			.param("u", username)
			.query(Boolean.class)
			.single();
	}

	long insert(String username, String displayName, String hash, Role role, long nodeId, boolean mustChange) {
		return this.jdbc.sql("""
				insert into app_user(username, display_name, password_hash, role, node_id, must_change_password)
				values (:u, :d, :h, :r, :n, :m) returning id
				""")
			.param("u", username)
			.param("d", displayName)
			.param("h", hash)
			.param("r", role.name())
			.param("n", nodeId)
			.param("m", mustChange)
			.query(Long.class)
			.single();
	}

	int update(long id, int version, String displayName, Role role, long nodeId, boolean enabled) {
		this.principals.changed();
		return this.jdbc.sql("""
				update app_user set display_name = :d, role = :r, node_id = :n, enabled = :e, version = version + 1
				where id = :id and version = :v
				""")
			.param("id", id)
			.param("v", version)
			.param("d", displayName)
			.param("r", role.name())
			.param("n", nodeId)
			.param("e", enabled)
			.update();
	}

	void setPassword(long id, String hash, boolean mustChange) {
		this.principals.changed();
		this.jdbc.sql("""
				update app_user set password_hash = :h, must_change_password = :m, password_changed_at = now(),
				  failed_attempts = 0, locked_until = null, version = version + 1
				where id = :id
				""")
			.param("id", id)
			.param("h", hash)
			.param("m", mustChange)
			.update();
	}

	String passwordHash(long id) {
		return this.jdbc.sql("select password_hash from app_user where id = :id").param("id", id).query(String.class).single();
	}

	/**
	 * Counts a failure; locks the account once the limit is reached. Returns true when it locked.
	 * A lock that has run out starts a fresh count: the failures that caused it are spent.
	 */
	boolean recordFailure(String username, int maxFailures, java.time.Duration lockout) {
		return this.jdbc.sql("""
				update app_user set failed_attempts = case when locked_until <= now() then 1 else failed_attempts + 1 end,
				  locked_until = case
				    when (case when locked_until <= now() then 1 else failed_attempts + 1 end) >= :max
				      then now() + cast(:lockout as interval)
				    when locked_until <= now() then null
				    else locked_until end
				where username = :u
				returning locked_until is not null and locked_until > now()
				""")
			.param("u", username)
			.param("max", maxFailures)
			.param("lockout", lockout.toSeconds() + " seconds")
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	void recordSuccess(String username) {
		this.jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where username = :u and failed_attempts > 0")
			.param("u", username)
			.update();
	}

	/** Ends every API session of a user (after a password reset). */
	void revokeSessionTokens(long userId) {
		this.jdbc.sql("update api_token set revoked_at = now() where user_id = :id and kind = 'SESSION' and revoked_at is null")
			.param("id", userId)
			.update();
	}

	void unlock(long id) {
		this.jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = :id").param("id", id).update();
	}

	long count() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	private static UserAccount account(ResultSet rs, int i) throws SQLException {
		Timestamp locked = rs.getTimestamp("locked_until");
		return new UserAccount(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				Role.valueOf(rs.getString("role")), rs.getLong("node_id"), rs.getString("node_name"),
				rs.getString("node_path"), rs.getBoolean("enabled"), rs.getBoolean("must_change_password"),
				rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant(),
				rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));
	}

}
