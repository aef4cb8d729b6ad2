package cn.shouwang.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import cn.shouwang.shared.Role;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Bearer tokens: session tokens from the token endpoint follow their user; integration tokens
 * carry their own role and node; only hashes are stored; logout, expiry and revocation end a token,
 * also while its principal is remembered; errors are problem details in the caller's language.
 */
@IntegrationTest
class ApiTokenTest extends IdentityTestBase {

	@org.springframework.beans.factory.annotation.Autowired
	cn.shouwang.shared.PrincipalChanges principalChanges;

	@Test
	void theTokenEndpointIssuesABearerTokenThatCarriesTheUsersNode() throws Exception {
		Instant before = Instant.now();
		String body = this.mvc.perform(tokenRequest("community", "Demo@2026!"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.tokenType").value("Bearer"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = JsonPath.read(body, "$.accessToken");
		Instant expires = Instant.parse(JsonPath.read(body, "$.expiresAt"));
		assertThat(token).startsWith("sw_").hasSizeGreaterThan(40);
		assertThat(Duration.between(before, expires)).isBetween(Duration.ofHours(8).minusMinutes(1),
				Duration.ofHours(8).plusMinutes(1));
		long node = this.tree.nodeOf("community");
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("community"))
			.andExpect(jsonPath("$.role").value("COMMUNITY_WORKER"))
			.andExpect(jsonPath("$.nodeId").value(node))
			.andExpect(jsonPath("$.userId").value(this.fixtures.id("community")))
			.andExpect(jsonPath("$.nodePath").value(nodePath(node)))
			.andExpect(jsonPath("$.mustChangePassword").value(false));
		// the scheme is case-insensitive
		this.mvc.perform(get("/api/v1/me").header("Authorization", "bearer " + token)).andExpect(status().isOk());
		assertThat(this.jdbc.sql("select last_used_at is not null from api_token where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.param("t", token)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void onlyAHashOfTheTokenIsStored() throws Exception {
		String token = this.fixtures.freshToken("police", "Demo@2026!");
		Map<String, Object> row = this.jdbc.sql("""
				select id, kind, name, token_hash, user_id from api_token where token_hash = sha256(convert_to(:t, 'UTF8'))
				""").param("t", token).query().singleRow();
		assertThat(row.get("kind")).isEqualTo("SESSION");
		assertThat(row.get("user_id")).isEqualTo(this.fixtures.id("police"));
		assertThat((byte[]) row.get("token_hash")).hasSize(32);
		long plaintext = this.jdbc.sql("""
				select count(*) from api_token t
				where position(convert_to(:t, 'UTF8') in t.token_hash) > 0 or t.name like '%' || :t || '%'
				   or encode(t.token_hash, 'escape') like '%' || :t || '%' or row(t.*)::text like '%' || :t || '%'
				""").param("t", token).query(Long.class).single();
		assertThat(plaintext).as("the plaintext token appears nowhere in api_token").isZero();
		assertThat(this.jdbc.sql("select count(*) from audit_event where coalesce(before::text, '') || coalesce(after::text, '') like '%' || :t || '%'")
			.param("t", token)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void logoutRevokesTheToken() throws Exception {
		String token = this.fixtures.freshToken("medic", "Demo@2026!");
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		this.mvc.perform(post("/api/v1/auth/logout").header("Authorization", "Bearer " + token))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("WWW-Authenticate", "Bearer"))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.title").value("未登录"))
			.andExpect(jsonPath("$.detail").value("需要登录：请在 Authorization 头中提供有效的 Bearer 令牌"))
			.andExpect(jsonPath("$.instance").value("/api/v1/me"));
		assertThat(this.jdbc.sql("select revoked_at is not null from api_token where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.param("t", token)
			.query(Boolean.class)
			.single()).isTrue();
		// the user's other tokens live on
		this.mvc.perform(logins.as("medic", get("/api/v1/me"))).andExpect(status().isOk());
	}

	@Test
	void anExpiredTokenIsRefusedEvenWhileRemembered() throws Throwable {
		String token = this.fixtures.freshToken("volunteer", "Demo@2026!");
		Instant expires = this.jdbc.sql("""
				update api_token set expires_at = now() + interval '3 seconds'
				where token_hash = sha256(convert_to(:t, 'UTF8')) returning expires_at
				""").param("t", token).query(Instant.class).single();
		untilNoChangeIsOnItsWay();
		// remembered now, and nothing will make it forget: only the remembered expiry can refuse it
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 100);
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aRememberedTokenAnswersWithoutTheDatabaseUntilAChangeIsMade() throws Exception {
		String token = this.fixtures.freshToken("grid", "Demo@2026!");
		untilNoChangeIsOnItsWay();
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		// the stored hash no longer matches (a column no principal is made of: nothing is told),
		// so only a remembered principal can still answer
		this.jdbc.sql("update api_token set token_hash = sha256(token_hash) where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.param("t", token)
			.update();
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("grid"));
		// any change to who someone is, here another user disabled, and it is looked up again
		long other = this.fixtures.activeUser("forget", Role.VOLUNTEER, this.tree.community(1, 1));
		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + other)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
	}

	@Test
	void aChangeMadeByHandInTheDatabaseIsHeardAndTheTokenRefused() throws Throwable {
		String token = this.fixtures.freshToken("school", "Demo@2026!");
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		this.jdbc.sql("update api_token set revoked_at = now() where token_hash = sha256(convert_to(:t, 'UTF8'))")
			.param("t", token)
			.update();
		// another instance, or an operator in psql: the database's notification reaches the listener
		eventually(() -> this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized()));
	}

	/** Waits until no change made by earlier tests is still being told (the counter stands still for 300 ms). */
	private void untilNoChangeIsOnItsWay() throws InterruptedException {
		long seen = this.principalChanges.generation();
		for (int i = 0; i < 100; i++) {
			Thread.sleep(300);
			long now = this.principalChanges.generation();
			if (now == seen) {
				return;
			}
			seen = now;
		}
	}

	/** Retries the check until it passes (a notification crosses a connection), for at most ten seconds. */
	private static void eventually(org.junit.jupiter.api.function.Executable check) throws Throwable {
		AssertionError last = null;
		for (int i = 0; i < 200; i++) {
			try {
				check.execute();
				return;
			}
			catch (AssertionError ex) {
				last = ex;
				Thread.sleep(50);
			}
		}
		throw last;
	}

	@Test
	void missingOrMadeUpTokensAreRefused() throws Exception {
		for (String header : new String[] { null, "Bearer sw_madeup", "Bearer ", "Basic YWRtaW46RGVtb0AyMDI2IQ==",
				"Bearer " + "x".repeat(500) }) {
			MockHttpServletRequestBuilder request = get("/api/v1/users");
			if (header != null) {
				request.header("Authorization", header);
			}
			this.mvc.perform(request)
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/problem-unauthorized"));
		}
		// the API never falls back to a browser session or a redirect
		this.mvc.perform(get("/api/v1/me").session(logins.session("admin")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().doesNotExist("Location"));
	}

	@Test
	void aSessionTokenFollowsItsUser() throws Exception {
		long id = this.fixtures.activeUser("follow", Role.COMMUNITY_WORKER, this.tree.community(1, 1));
		String token = this.fixtures.freshToken(this.fixtures.username(id), IdentityFixtures.ACTIVE);
		this.mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"GRID_WORKER\",\"nodeId\":" + this.tree.grid(1, 1, 2) + "}")).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(jsonPath("$.role").value("GRID_WORKER"))
			.andExpect(jsonPath("$.nodeId").value(this.tree.grid(1, 1, 2)));
		this.mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + token))
			.andExpect(status().isForbidden());
		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void anIntegrationTokenActsWithItsOwnRoleAndNodeUntilRevoked() throws Exception {
		long grid = this.tree.grid(2, 1, 1);
		String name = IdentityFixtures.uniqueName("gate");
		String body = createToken("admin", name, "GRID_WORKER", grid, 30).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String token = JsonPath.read(body, "$.token");
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		Instant expires = Instant.parse(JsonPath.read(body, "$.expiresAt"));
		assertThat(expires).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(120),
				Instant.now().plus(Duration.ofDays(30)).plusSeconds(120));
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.userId").doesNotExist())
			.andExpect(jsonPath("$.username").value("token:" + name))
			.andExpect(jsonPath("$.role").value("GRID_WORKER"))
			.andExpect(jsonPath("$.nodeId").value(grid));
		this.mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + token))
			.andExpect(status().isForbidden());

		// listed for the admin, without the secret; not listed for the street admin of the other street
		this.mvc.perform(logins.as("admin", get("/api/v1/tokens")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + id + ")].name").value(name))
			.andExpect(content().string(not(containsString(token))));
		this.mvc.perform(logins.as("street", get("/api/v1/tokens")))
			.andExpect(content().string(not(containsString(name))));
		this.mvc.perform(logins.as("street", post("/api/v1/tokens/" + id + "/revoke")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

		this.mvc.perform(logins.as("admin", post("/api/v1/tokens/" + id + "/revoke"))).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.fixtures.auditCount("api_token", id, "TOKEN_ISSUE")).isEqualTo(1);
		assertThat(this.fixtures.auditCount("api_token", id, "TOKEN_REVOKE")).isEqualTo(1);
		assertThat(this.fixtures.auditJson("api_token", id)).contains(name).doesNotContain(token);
	}

	@Test
	void anIntegrationTokenWithAnAdminRoleCanManageUsers() throws Exception {
		String name = IdentityFixtures.uniqueName("hr-sync");
		String token = JsonPath.read(createToken("admin", name, "STREET_ADMIN", this.tree.street(1), null)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.expiresAt").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.token");
		String username = IdentityFixtures.uniqueName("synced");
		String created = this.mvc
			.perform(post("/api/v1/users").header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"username":"%s","displayName":"同步","role":"GRID_WORKER","nodeId":%d,"initialPassword":"%s"}
						""".formatted(username, this.tree.grid(1, 1, 1), IdentityFixtures.INITIAL)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = ((Number) JsonPath.read(created, "$.id")).longValue();
		this.mvc.perform(patch("/api/v1/users/" + id).header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"同步改名\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("同步改名"));
		assertThat(this.jdbc.sql("select actor_name from audit_event where entity = 'app_user' and entity_id = :id order by id")
			.param("id", String.valueOf(id))
			.query(String.class)
			.list()).containsExactly("token:" + name, "token:" + name);
		// a token has no password of its own to change
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(jsonPath("$.userId").doesNotExist());
	}

	@Test
	void aStreetAdminCannotCreateATokenAboveTheirRoleOrOutsideTheirScope() throws Exception {
		String name = IdentityFixtures.uniqueName("toohigh");
		long auditBefore = this.fixtures.auditCount();
		createToken("street", name, "DISTRICT_ADMIN", this.tree.street(1), 30).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("role"))
			.andExpect(jsonPath("$.errors[0].code").value("user.roleAboveOwn"));
		createToken("street", name, "GRID_WORKER", this.tree.grid(2, 1, 1), 30).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nodeId"))
			.andExpect(jsonPath("$.errors[0].message").value("所选辖区不存在或不在您的管辖范围内"));
		createToken("street", "", null, null, 0).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "role", "nodeId", "validDays")));
		createToken("grid", name, "GRID_WORKER", this.tree.nodeOf("grid"), 30).andExpect(status().isForbidden());
		assertThat(this.jdbc.sql("select count(*) from api_token where name = :n").param("n", name).query(Long.class).single())
			.isZero();
		assertThat(this.fixtures.auditCount()).isEqualTo(auditBefore);
	}

	@Test
	void theTokensPageShowsANewTokenOnceAndRevokes() throws Exception {
		var admin = logins.session("admin");
		String name = IdentityFixtures.uniqueName("ui");
		var created = this.mvc
			.perform(post("/tokens").session(admin)
				.param("name", name)
				.param("role", "VOLUNTEER")
				.param("nodeId", String.valueOf(this.tree.community(1, 1)))
				.param("validDays", "7")
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/tokens"))
			.andReturn();
		// post-redirect-get: reloading the page after creating cannot issue a second token
		String page = this.mvc.perform(get("/tokens").session(admin))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = this.jdbc.sql("select id from api_token where name = :n").param("n", name).query(Long.class).single();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"issued-token\">(sw_[A-Za-z0-9_-]{40,})<")
			.matcher(page);
		assertThat(m.find()).as("the new secret is shown once").isTrue();
		String token = m.group(1);
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(jsonPath("$.role").value("VOLUNTEER"));
		this.mvc.perform(get("/tokens").session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(name)))
			.andExpect(content().string(not(containsString(token))));
		this.mvc.perform(post("/tokens/" + id + "/revoke").session(admin).with(csrf())).andExpect(status().isFound());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void malformedJsonIsABadRequestProblem() throws Exception {
		for (String body : new String[] { "{oops", "[]", "{\"username\": [1,2]}", "" }) {
			this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/problem-malformedJson"))
				.andExpect(jsonPath("$.detail").value("请求体不是合法的 JSON，或字段类型不对"));
		}
		this.mvc.perform(logins.as("admin", post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"x\",\"role\":\"EMPEROR\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/problem-malformedJson"));
	}

	@Test
	void missingFieldsAreNamedInErrors() throws Exception {
		this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/problem-invalidInput"))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("username", "password")))
			.andExpect(jsonPath("$.errors[0].code").value("validation.required"))
			.andExpect(jsonPath("$.errors[0].message").value("必填"));
		this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"grid\",\"password\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("password"));
		this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"  \",\"password\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("username"));
	}

	@Test
	void acceptLanguageEnglishGivesEnglishDetails() throws Exception {
		this.mvc.perform(tokenRequest(IdentityFixtures.uniqueName("nobody"), "Wrong#Pass2026")
			.header("Accept-Language", "en"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("Wrong username or password"))
			.andExpect(jsonPath("$.title").value("Not authenticated"));
		this.mvc.perform(get("/api/v1/me").header("Accept-Language", "en-US,en;q=0.9"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail")
				.value("Authentication needed: send a valid bearer token in the Authorization header"));
		this.mvc.perform(post("/api/v1/auth/token").header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.andExpect(jsonPath("$.detail").value("The input is not valid; see errors"))
			.andExpect(jsonPath("$.errors[0].message").value("Required"));
		this.mvc.perform(post("/api/v1/auth/token").header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{oops"))
			.andExpect(jsonPath("$.detail").value("The body is not valid JSON, or a field has the wrong type"));
		// Chinese without the header
		this.mvc.perform(get("/api/v1/me")).andExpect(jsonPath("$.title").value("未登录"));
	}

	private ResultActions createToken(String caller, String name, String role, Long nodeId, Integer validDays)
			throws Exception {
		String json = "{\"name\":" + (name == null ? "null" : "\"" + name + "\"") + ",\"role\":"
				+ (role == null ? "null" : "\"" + role + "\"") + ",\"nodeId\":" + nodeId + ",\"validDays\":" + validDays
				+ "}";
		return this.mvc.perform(logins.as(caller, post("/api/v1/tokens")).contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private MockHttpServletRequestBuilder tokenRequest(String username, String password) {
		return post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private String nodePath(long node) {
		return this.jdbc.sql("select path from jurisdiction_node where id = :id").param("id", node).query(String.class).single();
	}

}
