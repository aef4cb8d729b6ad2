package cn.shouwang.identity;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import cn.shouwang.shared.Role;
import cn.shouwang.support.Logins;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Throw-away users for the identity tests. The application context (and its database) is shared
 * by every test class, so the demo users are never locked, disabled or given a new password:
 * every scenario that changes an account does it to a user made here, with a unique name, by the
 * demo district admin through the real API.
 */
final class IdentityFixtures {

	/** The password an administrator gives a new user; it must be changed at the first login. */
	static final String INITIAL = "Start#2026pw";

	/** The password the fixture users choose when they change the initial one. */
	static final String ACTIVE = "Working#2026pw";

	private static final Pattern LOCKED_TODO = Pattern
		.compile("<div class=\"num\">(\\d+)</div>\\s*<div class=\"label\">被锁定的账户</div>");

	private final MockMvc mvc;

	private final Logins logins;

	private final JdbcClient jdbc;

	IdentityFixtures(MockMvc mvc, Logins logins, JdbcClient jdbc) {
		this.mvc = mvc;
		this.logins = logins;
		this.jdbc = jdbc;
	}

	/** A username no other test has used: lower case letters, digits and '-'. */
	static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	/** Creates a user through {@code POST /api/v1/users} as {@code admin}; returns the new id. */
	long create(String admin, String username, Role role, long nodeId) throws Exception {
		MvcResult result = this.mvc
			.perform(this.logins.as(admin, post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"username":"%s","displayName":"测试用户","role":"%s","nodeId":%d,"initialPassword":"%s"}
						""".formatted(username, role.name(), nodeId, INITIAL)))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
		return ((Number) JsonPath.read(result.getResponse().getContentAsString(), "$.id")).longValue();
	}

	/**
	 * A ready-to-use user: created by the district admin, then signed in through the form and the
	 * initial password changed to {@link #ACTIVE}, as the person would do it.
	 */
	long activeUser(String prefix, Role role, long nodeId) throws Exception {
		String username = uniqueName(prefix);
		long id = create("admin", username, role, nodeId);
		MockHttpSession session = this.logins.session(username, INITIAL);
		MvcResult changed = this.mvc
			.perform(post("/account/password").session(session)
				.param("currentPassword", INITIAL)
				.param("newPassword", ACTIVE)
				.param("confirmPassword", ACTIVE)
				.with(csrf()))
			.andReturn();
		assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/?passwordChanged");
		return id;
	}

	String username(long id) {
		return this.jdbc.sql("select username from app_user where id = :id").param("id", id).query(String.class).single();
	}

	long id(String username) {
		return this.jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	/** Submits the login form; returns where the browser is sent. */
	String formLogin(String username, String password) throws Exception {
		return this.mvc
			.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
	}

	/** Asks {@code POST /api/v1/auth/token} for a token. */
	MvcResult apiLogin(String username, String password) throws Exception {
		return this.mvc
			.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
			.andReturn();
	}

	/** A fresh bearer token (not the cached one of {@link Logins}). */
	String freshToken(String username, String password) throws Exception {
		MvcResult result = apiLogin(username, password);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return JsonPath.read(result.getResponse().getContentAsString(), "$.accessToken");
	}

	long auditCount() {
		return this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
	}

	long auditCount(String entity, Object entityId, String action) {
		return this.jdbc.sql("select count(*) from audit_event where entity = :e and entity_id = :id and action = :a")
			.param("e", entity)
			.param("id", String.valueOf(entityId))
			.param("a", action)
			.query(Long.class)
			.single();
	}

	/** Every audit row's before and after JSON for one record, as text. */
	String auditJson(String entity, Object entityId) {
		return String.join("\n", this.jdbc.sql("""
				select coalesce(before::text, '') || ' ' || coalesce(after::text, '') from audit_event
				where entity = :e and entity_id = :id order by id
				""").param("e", entity).param("id", String.valueOf(entityId)).query(String.class).list());
	}

	String passwordHash(long id) {
		return this.jdbc.sql("select password_hash from app_user where id = :id").param("id", id).query(String.class).single();
	}

	boolean userExists(String username) {
		return this.jdbc.sql("select exists(select 1 from app_user where username = :u)")
			.param("u", username)
			.query(Boolean.class)
			.single();
	}

	/** The "被锁定的账户" count on the user's home page. */
	long lockedTodo(MockHttpSession session) throws Exception {
		String html = this.mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString();
		Matcher m = LOCKED_TODO.matcher(html);
		assertThat(m.find()).as("the home page shows the locked-accounts to-do").isTrue();
		return Long.parseLong(m.group(1));
	}

}
