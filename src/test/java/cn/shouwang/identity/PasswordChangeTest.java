package cn.shouwang.identity;

import cn.shouwang.shared.Role;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * A user created by an administrator must replace the initial password before doing anything
 * else: every page leads to the change form, the API refuses a token, and a bad new password is
 * explained and changes nothing. Passwords are stored only as bcrypt hashes.
 */
@IntegrationTest
class PasswordChangeTest extends IdentityTestBase {

	@Autowired
	PasswordEncoder encoder;

	@Test
	void aNewUserIsSentToThePasswordFormFromEveryPage() throws Exception {
		String username = IdentityFixtures.uniqueName("fresh");
		this.fixtures.create("admin", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		assertThat(mustChange(username)).isTrue();
		MockHttpSession session = logins.session(username, IdentityFixtures.INITIAL);
		for (String page : new String[] { "/", "/users", "/tokens", "/jurisdictions", "/audit", "/login",
				"/no-such-page" }) {
			this.mvc.perform(get(page).session(session))
				.andExpect(status().isFound())
				.andExpect(redirectedUrl("/account/password"));
		}
		this.mvc.perform(get("/").session(session).header("HX-Request", "true"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("HX-Redirect", "/account/password"));
		this.mvc.perform(post("/users").session(session).with(csrf()).header("HX-Request", "true"))
			.andExpect(header().string("HX-Redirect", "/account/password"));
		this.mvc.perform(get("/account/password").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("首次登录，请先修改管理员设置的初始密码")));
	}

	@Test
	void theTokenEndpointRefusesUntilThePasswordIsChanged() throws Exception {
		String username = IdentityFixtures.uniqueName("notoken");
		this.fixtures.create("admin", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + IdentityFixtures.INITIAL + "\"}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403))
			.andExpect(jsonPath("$.type").value("https://shouwang.cn/problems/login-mustChangePassword"))
			.andExpect(jsonPath("$.detail").value("请先在网页上修改初始密码，再申请接口令牌"))
			.andExpect(jsonPath("$.accessToken").doesNotExist());
		assertThat(this.jdbc.sql("select count(*) from api_token t join app_user u on u.id = t.user_id where u.username = :u")
			.param("u", username)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aBadNewPasswordIsExplainedAndChangesNothing() throws Exception {
		String username = IdentityFixtures.uniqueName("weak");
		long id = this.fixtures.create("admin", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String hashBefore = this.fixtures.passwordHash(id);
		MockHttpSession session = logins.session(username, IdentityFixtures.INITIAL);
		String good = "Better#Pass2026";
		String[][] cases = { { "Wrong#Current1", good, good, "当前密码不正确" },
				{ IdentityFixtures.INITIAL, good, good + "x", "两次输入的新密码不一致" },
				{ IdentityFixtures.INITIAL, "Ab#1short", "Ab#1short", "密码至少需要 10 位" },
				{ IdentityFixtures.INITIAL, "alllowercaseletters", "alllowercaseletters", "密码需包含大写字母、小写字母、数字、符号中的至少三种" },
				{ IdentityFixtures.INITIAL, "Xy#" + username.toUpperCase() + "1", "Xy#" + username.toUpperCase() + "1",
						"密码不能包含用户名" },
				{ IdentityFixtures.INITIAL, IdentityFixtures.INITIAL, IdentityFixtures.INITIAL, "新密码不能与当前密码相同" },
				{ IdentityFixtures.INITIAL, "P@ssw0rd123", "P@ssw0rd123", "密码过于常见，请换一个" },
				{ "", good, good, "当前密码不正确" } };
		long auditBefore = this.fixtures.auditCount();
		for (String[] c : cases) {
			this.mvc
				.perform(post("/account/password").session(session)
					.param("currentPassword", c[0])
					.param("newPassword", c[1])
					.param("confirmPassword", c[2])
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(view().name("identity/password"))
				.andExpect(content().string(containsString(c[3])));
			assertThat(this.fixtures.passwordHash(id)).as(c[3]).isEqualTo(hashBefore);
			assertThat(mustChange(username)).as(c[3]).isTrue();
			this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));
		}
		assertThat(this.fixtures.auditCount()).as("nothing audited, because nothing changed").isEqualTo(auditBefore);
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.INITIAL)).as("the initial password still works")
			.isEqualTo("/");
	}

	@Test
	void afterChangingThePasswordTheUserReachesHome() throws Exception {
		String username = IdentityFixtures.uniqueName("change");
		long id = this.fixtures.create("admin", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		MockHttpSession session = logins.session(username, IdentityFixtures.INITIAL);
		this.mvc
			.perform(post("/account/password").session(session)
				.param("currentPassword", IdentityFixtures.INITIAL)
				.param("newPassword", IdentityFixtures.ACTIVE)
				.param("confirmPassword", IdentityFixtures.ACTIVE)
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/?passwordChanged"));
		this.mvc.perform(get("/").param("passwordChanged", "").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("密码已修改")))
			.andExpect(content().string(containsString("id=\"home-heading\"")));
		this.mvc.perform(get("/account/password").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("首次登录"))));
		assertThat(mustChange(username)).isFalse();

		String hash = this.fixtures.passwordHash(id);
		assertThat(hash).startsWith("{bcrypt}").isNotEqualTo(IdentityFixtures.ACTIVE).doesNotContain(IdentityFixtures.ACTIVE);
		assertThat(this.encoder.matches(IdentityFixtures.ACTIVE, hash)).isTrue();
		assertThat(this.fixtures.auditCount("app_user", id, "PASSWORD_CHANGE")).isEqualTo(1);
		assertThat(this.fixtures.auditJson("app_user", id)).doesNotContain("{bcrypt}")
			.doesNotContain(IdentityFixtures.ACTIVE)
			.doesNotContain(IdentityFixtures.INITIAL);

		assertThat(this.fixtures.formLogin(username, IdentityFixtures.INITIAL)).isEqualTo("/login?error=bad");
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/");
		this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"" + username + "\",\"password\":\"" + IdentityFixtures.ACTIVE + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tokenType").value("Bearer"));
	}

	@Test
	void anAdminResetMakesTheUserChangeAgainAndUnlocks() throws Exception {
		long id = this.fixtures.activeUser("again", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		for (int i = 0; i < 5; i++) {
			this.fixtures.formLogin(username, "Wrong#Pass2026");
		}
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/login?error=locked");
		MockHttpSession admin = logins.session("admin");
		this.mvc.perform(post("/users/" + id + "/password").session(admin).param("newPassword", "weak").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("密码至少需要 10 位")));
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/login?error=locked");

		String reset = "Reset#Pass2026";
		this.mvc.perform(post("/users/" + id + "/password").session(admin).param("newPassword", reset).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/users/" + id));
		assertThat(mustChange(username)).isTrue();
		assertThat(this.fixtures.formLogin(username, IdentityFixtures.ACTIVE)).isEqualTo("/login?error=bad");
		MockHttpSession session = logins.session(username, reset);
		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));
		assertThat(this.fixtures.auditJson("app_user", id)).doesNotContain(reset).doesNotContain("{bcrypt}");
	}

	@Test
	void passwordsAreStoredOnlyAsBcryptHashes() throws Exception {
		String username = IdentityFixtures.uniqueName("hash");
		long id = this.fixtures.create("admin", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String hash = this.fixtures.passwordHash(id);
		assertThat(hash).startsWith("{bcrypt}$2").isNotEqualTo(IdentityFixtures.INITIAL)
			.doesNotContain(IdentityFixtures.INITIAL);
		assertThat(this.encoder.matches(IdentityFixtures.INITIAL, hash)).isTrue();
		String other = IdentityFixtures.uniqueName("hash");
		long otherId = this.fixtures.create("admin", other, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		assertThat(this.fixtures.passwordHash(otherId)).as("salted: the same password hashes differently")
			.isNotEqualTo(hash);
		assertThat(this.jdbc.sql("select count(*) from app_user where password_hash not like '{bcrypt}$2%'")
			.query(Long.class)
			.single()).as("every stored password").isZero();
		assertThat(this.jdbc.sql("select count(*) from app_user where password_hash in ('Demo@2026!', :p)")
			.param("p", IdentityFixtures.INITIAL)
			.query(Long.class)
			.single()).isZero();
	}

	private boolean mustChange(String username) {
		return this.jdbc.sql("select must_change_password from app_user where username = :u")
			.param("u", username)
			.query(Boolean.class)
			.single();
	}

}
