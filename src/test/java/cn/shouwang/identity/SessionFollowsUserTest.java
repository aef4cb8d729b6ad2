package cn.shouwang.identity;

import cn.shouwang.shared.Role;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** An open browser session and open API tokens follow what an administrator changes, at once. */
@IntegrationTest
class SessionFollowsUserTest extends IdentityTestBase {

	@Test
	void disablingAUserSignsOutTheirOpenSession() throws Exception {
		long id = this.fixtures.activeUser("kick", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		MockHttpSession session = this.logins.session(this.fixtures.username(id), IdentityFixtures.ACTIVE);
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("admin", patch("/api/v1/users/" + id))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")).andExpect(status().isOk());
		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login?error=disabled"));
		assertThat(session.isInvalid()).isTrue();
		this.mvc.perform(get("/").session(session).header("HX-Request", "true"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aRoleChangeAppliesToTheOpenSession() throws Exception {
		long id = this.fixtures.activeUser("promo", Role.COMMUNITY_WORKER, this.tree.community(1, 1));
		MockHttpSession session = this.logins.session(this.fixtures.username(id), IdentityFixtures.ACTIVE);
		this.mvc.perform(get("/users").session(session)).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("admin", patch("/api/v1/users/" + id))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"VOLUNTEER\"}")).andExpect(status().isOk());
		this.mvc.perform(get("/users").session(session)).andExpect(status().isForbidden());
		this.mvc.perform(get("/").session(session)).andExpect(content().string(containsString("志愿者")));
	}

	@Test
	void aPasswordResetEndsApiTokensAndSendsTheOpenSessionToTheChangeForm() throws Exception {
		long id = this.fixtures.activeUser("reset", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String username = this.fixtures.username(id);
		String token = this.fixtures.freshToken(username, IdentityFixtures.ACTIVE);
		MockHttpSession session = this.logins.session(username, IdentityFixtures.ACTIVE);
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("admin", post("/api/v1/users/" + id + "/password"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"newPassword\":\"Temporary#2026x\"}")).andExpect(status().isNoContent());
		this.mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/account/password"));
	}

	@Test
	void changingTheOwnPasswordRenewsTheSessionId() throws Exception {
		long id = this.fixtures.activeUser("renew", Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		MockHttpSession session = this.logins.session(this.fixtures.username(id), IdentityFixtures.ACTIVE);
		String before = session.getId();
		var result = this.mvc.perform(post("/account/password").session(session)
			.param("currentPassword", IdentityFixtures.ACTIVE)
			.param("newPassword", "Renewed#2026pw")
			.param("confirmPassword", "Renewed#2026pw")
			.with(csrf())).andExpect(redirectedUrl("/?passwordChanged")).andReturn();
		assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
		this.mvc.perform(get("/").session((MockHttpSession) result.getRequest().getSession()))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("HX-Refresh"));
	}

}
