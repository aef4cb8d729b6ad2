package cn.shouwang.identity;

import java.sql.Timestamp;
import java.time.Instant;

import cn.shouwang.shared.Role;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The login form and the token endpoint: right and wrong passwords, unknown users, the per-account
 * lockout (kept in the database, audited, shown to administrators, lifted by an unlock) and
 * disabled accounts.
 */
@IntegrationTest
class LoginTest extends IdentityTestBase {

	private static final String WRONG = "Wrong#Pass2026";

	@Test
	void correctPasswordSignsInAndGoesHome() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/login").param("username", "grid").param("password", "Demo@2026!").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		assertThat(session).isNotNull();
		assertThat(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).isNotNull();
		this.mvc.perform(get("/").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("网格员")));
	}

	@Test
	void usernameIsTrimmedAndCaseInsensitive() throws Exception {
		long id = this.fixtures.activeUser("case", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		assertThat(this.fixtures.formLogin("  " + username.toUpperCase() + " ", IdentityFixtures.ACTIVE)).isEqualTo("/");
	}

	@Test
	void wrongPasswordIsRefusedWithTheChineseMessage() throws Exception {
		long id = this.fixtures.activeUser("wrong", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		MvcResult result = this.mvc
			.perform(post("/login").param("username", username).param("password", WRONG).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?error=bad"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		assertThat(session == null ? null
				: session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.as("no one is signed in")
			.isNull();
		this.mvc.perform(get("/login").param("error", "bad"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("用户名或密码错误")));
		assertThat(failedAttempts(id)).isEqualTo(1);
		// and nothing behind the login is reachable
		this.mvc.perform(get("/users").session(session == null ? new MockHttpSession() : session))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void anUnknownUserLooksExactlyLikeAWrongPassword() throws Exception {
		long id = this.fixtures.activeUser("known", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String known = this.fixtures.formLogin(this.fixtures.username(id), WRONG);
		String unknown = this.fixtures.formLogin(IdentityFixtures.uniqueName("nobody"), WRONG);
		assertThat(unknown).isEqualTo(known).isEqualTo("/login?error=bad");
		MvcResult knownApi = this.fixtures.apiLogin(this.fixtures.username(id), WRONG);
		MvcResult unknownApi = this.fixtures.apiLogin(IdentityFixtures.uniqueName("nobody"), WRONG);
		assertThat(unknownApi.getResponse().getStatus()).isEqualTo(knownApi.getResponse().getStatus()).isEqualTo(401);
		assertThat(unknownApi.getResponse().getContentAsString())
			.isEqualTo(knownApi.getResponse().getContentAsString())
			.contains("用户名或密码错误");
	}

	@Test
	void fiveWrongPasswordsLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
		long id = this.fixtures.activeUser("lock", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		MockHttpSession admin = logins.session("admin");
		MockHttpSession street = logins.session("street");
		long adminTodoBefore = this.fixtures.lockedTodo(admin);
		long streetTodoBefore = this.fixtures.lockedTodo(street);

		for (int i = 1; i <= 4; i++) {
			assertThat(this.fixtures.formLogin(username, WRONG)).as("attempt " + i).isEqualTo("/login?error=bad");
		}
		assertThat(this.fixtures.auditCount("app_user", id, "LOGIN_LOCKED")).isZero();
		assertThat(this.fixtures.formLogin(username, WRONG)).as("the fifth wrong password locks")
			.isEqualTo("/login?error=locked");
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).as("even the right password is refused")
			.isEqualTo("/login?error=locked");
		this.mvc.perform(get("/login").param("error", "locked"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("连续输错次数过多")));

		Instant lockedUntil = this.jdbc.sql("select locked_until from app_user where id = :id")
			.param("id", id)
			.query(Timestamp.class)
			.single()
			.toInstant();
		assertThat(lockedUntil).isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(15 * 60 + 5));
		assertThat(this.fixtures.auditCount("app_user", id, "LOGIN_LOCKED")).isEqualTo(1);
		assertThat(this.fixtures.auditJson("app_user", id)).contains("lockedForMinutes");

		assertThat(this.fixtures.lockedTodo(admin)).as("district admin's to-do").isEqualTo(adminTodoBefore + 1);
		assertThat(this.fixtures.lockedTodo(street)).as("street admin's to-do").isEqualTo(streetTodoBefore + 1);
		this.mvc.perform(get("/users/" + id).session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/users/" + id + "/unlock")));

		this.mvc.perform(post("/users/" + id + "/unlock").session(admin).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/users/" + id));
		assertThat(this.fixtures.lockedTodo(admin)).isEqualTo(adminTodoBefore);
		assertThat(failedAttempts(id)).isZero();
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/");
	}

	@Test
	void theTokenEndpointAppliesTheSameLockoutAndTheApiUnlocksIt() throws Exception {
		long id = this.fixtures.activeUser("apilock", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		for (int i = 1; i <= 4; i++) {
			this.mvc.perform(tokenRequest(username, WRONG))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/login-bad"));
		}
		this.mvc.perform(tokenRequest(username, WRONG))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/login-locked"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("连续输错次数过多")));
		this.mvc.perform(tokenRequest(username, IdentityFixtures.ACTIVE))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/login-locked"))
			.andExpect(jsonPath("$.accessToken").doesNotExist());
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).as("the lock holds for the form too")
			.isEqualTo("/login?error=locked");
		assertThat(this.fixtures.auditCount("app_user", id, "LOGIN_LOCKED")).isEqualTo(1);

		this.mvc.perform(logins.as("street", post("/api/v1/users/" + id + "/unlock")))
			.andExpect(status().isNoContent());
		this.mvc.perform(tokenRequest(username, IdentityFixtures.ACTIVE))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accessToken").isString());
	}

	@Test
	void theFormAndTheApiShareOneFailureCount() throws Exception {
		long id = this.fixtures.activeUser("mixed", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		for (int i = 0; i < 3; i++) {
			assertThat(this.fixtures.formLogin(username, WRONG)).isEqualTo("/login?error=bad");
		}
		this.mvc.perform(tokenRequest(username, WRONG)).andExpect(jsonPath("$.type").value(
				"https://shouwang.cn/problems/login-bad"));
		this.mvc.perform(tokenRequest(username, WRONG)).andExpect(jsonPath("$.type").value(
				"https://shouwang.cn/problems/login-locked"));
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/login?error=locked");
	}

	@Test
	void aSuccessfulLoginResetsTheFailureCount() throws Exception {
		long id = this.fixtures.activeUser("reset", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		for (int i = 0; i < 4; i++) {
			assertThat(this.fixtures.formLogin(username, WRONG)).isEqualTo("/login?error=bad");
		}
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/");
		assertThat(failedAttempts(id)).isZero();
		for (int i = 0; i < 4; i++) {
			assertThat(this.fixtures.formLogin(username, WRONG)).as("attempt " + i).isEqualTo("/login?error=bad");
		}
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/");
	}

	@Test
	void theLockEndsByItselfAndThenTheUserStartsWithFreshAttempts() throws Exception {
		long id = this.fixtures.activeUser("expire", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		for (int i = 0; i < 5; i++) {
			this.fixtures.formLogin(username, WRONG);
		}
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/login?error=locked");
		// fifteen minutes pass
		this.jdbc.sql("update app_user set locked_until = now() - interval '1 second' where id = :id")
			.param("id", id)
			.update();
		assertThat(this.fixtures.formLogin(username, WRONG)).as("one typo after the lock ended is just a typo")
			.isEqualTo("/login?error=bad");
		assertThat(failedAttempts(id)).isEqualTo(1);
		// a fresh count, not no count: the fifth wrong password since the lock ended locks again
		for (int i = 2; i <= 4; i++) {
			assertThat(this.fixtures.formLogin(username, WRONG)).as("attempt " + i).isEqualTo("/login?error=bad");
		}
		assertThat(this.fixtures.formLogin(username, WRONG)).isEqualTo("/login?error=locked");
		assertThat(this.fixtures.auditCount("app_user", id, "LOGIN_LOCKED")).isEqualTo(2);
	}

	@Test
	void aLockThatRanOutLetsTheRightPasswordIn() throws Exception {
		long id = this.fixtures.activeUser("ranout", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		for (int i = 0; i < 5; i++) {
			this.fixtures.formLogin(username, WRONG);
		}
		this.jdbc.sql("update app_user set locked_until = now() - interval '1 second' where id = :id")
			.param("id", id)
			.update();
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/");
		assertThat(failedAttempts(id)).isZero();
	}

	@Test
	void aDisabledUserIsRefused() throws Exception {
		long id = this.fixtures.activeUser("off", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")).andExpect(status().isOk()).andExpect(jsonPath("$.enabled").value(false));

		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/login?error=disabled");
		this.mvc.perform(get("/login").param("error", "disabled"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("账户已停用，请联系管理员")));
		this.mvc.perform(tokenRequest(username, IdentityFixtures.ACTIVE))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/login-disabled"))
			.andExpect(jsonPath("$.accessToken").doesNotExist());

		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":true}")).andExpect(status().isOk());
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/");
	}

	@Test
	void theLoginPageItselfIsPublicAndCarriesACsrfToken() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
		// without the token the form post is not a login attempt
		MvcResult result = this.mvc.perform(post("/login").param("username", "grid").param("password", "Demo@2026!"))
			.andExpect(status().isFound())
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).startsWith("/login");
		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		assertThat(session == null ? null
				: session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
			.isNull();
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder tokenRequest(String username,
			String password) {
		return post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
	}

	private int failedAttempts(long id) {
		return this.jdbc.sql("select failed_attempts from app_user where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

}
