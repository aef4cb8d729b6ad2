package cn.shouwang.identity;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import cn.shouwang.shared.Role;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * Administrators manage the users of their own jurisdiction: only with roles no higher than their
 * own, only on nodes inside their scope, never themselves out of office; everyone else is refused.
 * Every write is audited, without secrets.
 */
@IntegrationTest
class UserManagementTest extends IdentityTestBase {

	private static final String NOT_IN_SCOPE = "所选辖区不存在或不在您的管辖范围内";

	private static final Map<String, MockHttpSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();

	private MockHttpSession session(String user) {
		return sessions.computeIfAbsent(user, this.logins::session);
	}

	@Test
	void anAdminCreatesAUserWithTheForm() throws Exception {
		MockHttpSession admin = session("admin");
		this.mvc.perform(get("/users/new").session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"initialPassword\"")));
		String username = IdentityFixtures.uniqueName("form");
		long node = this.tree.community(2, 1);
		MvcResult result = this.mvc
			.perform(post("/users").session(admin)
				.param("username", username)
				.param("displayName", "王小明")
				.param("role", "COMMUNITY_WORKER")
				.param("nodeId", String.valueOf(node))
				.param("initialPassword", IdentityFixtures.INITIAL)
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/users/*"))
			.andExpect(flash().attribute("notice", "已创建用户 " + username + "，首次登录需修改初始密码"))
			.andReturn();
		long id = this.fixtures.id(username);
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/users/" + id);
		Map<String, Object> row = this.jdbc.sql("select * from app_user where id = :id").param("id", id).query().singleRow();
		assertThat(row).containsEntry("display_name", "王小明")
			.containsEntry("role", "COMMUNITY_WORKER")
			.containsEntry("node_id", node)
			.containsEntry("enabled", true)
			.containsEntry("must_change_password", true);
		assertThat((String) row.get("password_hash")).startsWith("{bcrypt}").isNotEqualTo(IdentityFixtures.INITIAL);

		this.mvc.perform(get("/users/" + id).session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(username)))
			.andExpect(content().string(containsString("王小明")));
		this.mvc.perform(get("/users").param("q", username).session(admin))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(username)));

		assertThat(this.fixtures.auditCount("app_user", id, "CREATE")).isEqualTo(1);
		Map<String, Object> audit = this.jdbc.sql("""
				select actor_name, jurisdiction_path, after::text as after from audit_event
				where entity = 'app_user' and entity_id = :id and action = 'CREATE'
				""").param("id", String.valueOf(id)).query().singleRow();
		assertThat(audit.get("actor_name")).isEqualTo("admin");
		assertThat((String) audit.get("after")).contains(username).contains("COMMUNITY_WORKER");
		assertThat(this.fixtures.auditJson("app_user", id)).doesNotContain("{bcrypt}")
			.doesNotContain(IdentityFixtures.INITIAL)
			.doesNotContainIgnoringCase("password_hash")
			.doesNotContainIgnoringCase("passwordHash");
	}

	@Test
	void anAdminCreatesAUserThroughTheApi() throws Exception {
		String username = IdentityFixtures.uniqueName("api");
		long node = this.tree.grid(1, 2, 1);
		String body = this.mvc
			.perform(logins.as("street", post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON).content("""
					{"username":"%s","displayName":"李四","role":"GRID_WORKER","nodeId":%d,"initialPassword":"%s"}
					""".formatted(username.toUpperCase(), node, IdentityFixtures.INITIAL)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.username").value(username))
			.andExpect(jsonPath("$.role").value("GRID_WORKER"))
			.andExpect(jsonPath("$.nodeId").value(node))
			.andExpect(jsonPath("$.enabled").value(true))
			.andExpect(jsonPath("$.mustChangePassword").value(true))
			.andExpect(jsonPath("$.locked").value(false))
			.andExpect(jsonPath("$.version").value(0))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).doesNotContain("bcrypt")
			.doesNotContain(IdentityFixtures.INITIAL)
			.doesNotContain("\"initialPassword\"")
			.doesNotContainIgnoringCase("passwordHash");
		long id = ((Number) JsonPath.read(body, "$.id")).longValue();
		this.mvc.perform(logins.as("street", get("/api/v1/users/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(username));
		this.mvc.perform(logins.as("street", get("/api/v1/users")).param("q", username))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(id));
		assertThat(this.jdbc.sql("select actor_name from audit_event where entity = 'app_user' and entity_id = :id")
			.param("id", String.valueOf(id))
			.query(String.class)
			.list()).containsExactly("street");
	}

	@Test
	void aStreetAdminCannotGrantARoleAboveTheirOwn() throws Exception {
		String username = IdentityFixtures.uniqueName("boss");
		long node = this.tree.community(1, 1);
		long auditBefore = this.fixtures.auditCount();
		// the form offers only the roles the street admin may grant
		this.mvc.perform(get("/users/new").session(session("street")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"STREET_ADMIN\"")))
			.andExpect(content().string(not(containsString("value=\"DISTRICT_ADMIN\""))));
		apiCreate("street", username, "DISTRICT_ADMIN", node).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].field").value("role"))
			.andExpect(jsonPath("$.errors[0].code").value("user.roleAboveOwn"))
			.andExpect(jsonPath("$.errors[0].message").value("不能授予高于自己的角色"));
		// nor can a community worker make a street admin
		apiCreate("community", username, "STREET_ADMIN", this.tree.nodeOf("community")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		// nor promote an existing user
		long id = this.fixtures.create("street", IdentityFixtures.uniqueName("promote"), Role.GRID_WORKER,
				this.tree.grid(1, 1, 1));
		long auditAfterCreate = this.fixtures.auditCount();
		this.mvc.perform(logins.as("street", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\":\"DISTRICT_ADMIN\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("role"));
		assertThat(this.jdbc.sql("select role from app_user where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("GRID_WORKER");
		assertThat(this.fixtures.userExists(username)).isFalse();
		assertThat(this.fixtures.auditCount()).isEqualTo(auditAfterCreate).isEqualTo(auditBefore + 1);
	}

	@Test
	void aStreetAdminCannotBindAUserOutsideTheirScope() throws Exception {
		String username = IdentityFixtures.uniqueName("abroad");
		long auditBefore = this.fixtures.auditCount();
		for (long node : new long[] { this.tree.community(2, 1), this.tree.street(2), this.tree.district(),
				987_654_321L }) {
			apiCreate("street", username, "GRID_WORKER", node).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.length()").value(1))
				.andExpect(jsonPath("$.errors[0].field").value("nodeId"))
				.andExpect(jsonPath("$.errors[0].code").value("validation.nodeNotInScope"))
				.andExpect(jsonPath("$.errors[0].message").value(NOT_IN_SCOPE));
		}
		// the picker on the form offers nothing outside the street
		this.mvc.perform(get("/users/new").session(session("street")))
			.andExpect(content().string(containsString("value=\"" + this.tree.community(1, 1) + "\"")))
			.andExpect(content().string(not(containsString("value=\"" + this.tree.community(2, 1) + "\""))));
		assertThat(this.fixtures.userExists(username)).isFalse();
		assertThat(this.fixtures.auditCount()).isEqualTo(auditBefore);
		// nor move an existing user out of it
		long id = this.fixtures.create("street", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		this.mvc.perform(logins.as("street", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"nodeId\":" + this.tree.grid(2, 1, 1) + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nodeId"))
			.andExpect(jsonPath("$.errors[0].message").value(NOT_IN_SCOPE));
		this.mvc
			.perform(post("/users/" + id).session(session("street"))
				.param("displayName", "外调")
				.param("role", "GRID_WORKER")
				.param("nodeId", String.valueOf(this.tree.grid(2, 1, 1)))
				.param("enabled", "true")
				.param("version", String.valueOf(version(id)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(model().attribute("errors", hasEntry("nodeId", NOT_IN_SCOPE)))
			.andExpect(content().string(containsString(NOT_IN_SCOPE)));
		assertThat(this.jdbc.sql("select node_id from app_user where id = :id").param("id", id).query(Long.class).single())
			.isEqualTo(this.tree.grid(1, 1, 1));
	}

	/**
	 * The new-user form, re-shown with a role, node, name or password error. Fails today: line 10 of
	 * templates/identity/user-new.html reads {@code errors.username}, which SpEL cannot evaluate on a
	 * map without that key, so every create-form error other than a username error ends in a 500
	 * (TemplateProcessingException). Enable once the template reads
	 * {@code errors.containsKey('username')} (outside this module's Java code, so not fixed here).
	 */
	@Test
	void theNewUserFormExplainsEveryKindOfError() throws Exception {
		String username = IdentityFixtures.uniqueName("formerr");
		long auditBefore = this.fixtures.auditCount();
		Object[][] cases = { { "DISTRICT_ADMIN", this.tree.community(1, 1), "王五", IdentityFixtures.INITIAL, "role",
				"不能授予高于自己的角色" },
				{ "GRID_WORKER", this.tree.community(2, 1), "王五", IdentityFixtures.INITIAL, "nodeId", NOT_IN_SCOPE },
				{ "GRID_WORKER", 987_654_321L, "王五", IdentityFixtures.INITIAL, "nodeId", NOT_IN_SCOPE },
				{ "GRID_WORKER", this.tree.community(1, 1), " ", IdentityFixtures.INITIAL, "displayName", "必填" },
				{ "GRID_WORKER", this.tree.community(1, 1), "王五", "short", "initialPassword", "密码至少需要 10 位" } };
		for (Object[] c : cases) {
			this.mvc
				.perform(post("/users").session(session("street"))
					.param("username", username)
					.param("displayName", (String) c[2])
					.param("role", (String) c[0])
					.param("nodeId", String.valueOf(c[1]))
					.param("initialPassword", (String) c[3])
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(view().name("identity/user-new"))
				.andExpect(model().attribute("errors", hasEntry((String) c[4], (String) c[5])))
				.andExpect(content().string(containsString((String) c[5])))
				.andExpect(content().string(containsString("value=\"" + username + "\"")));
		}
		assertThat(this.fixtures.userExists(username)).isFalse();
		assertThat(this.fixtures.auditCount()).isEqualTo(auditBefore);
	}

	@Test
	void aUsernameCanBeTakenOnlyOnce() throws Exception {
		long auditBefore = this.fixtures.auditCount();
		long usersBefore = userCount();
		for (String taken : List.of("grid", "GRID", " grid ")) {
			this.mvc
				.perform(post("/users").session(session("admin"))
					.param("username", taken)
					.param("displayName", "重名")
					.param("role", "GRID_WORKER")
					.param("nodeId", String.valueOf(this.tree.grid(1, 1, 1)))
					.param("initialPassword", IdentityFixtures.INITIAL)
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(model().attribute("errors", hasEntry("username", "用户名 grid 已被使用")));
			apiCreate("admin", taken, "GRID_WORKER", this.tree.grid(1, 1, 1)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("username"))
				.andExpect(jsonPath("$.errors[0].code").value("user.usernameTaken"));
		}
		assertThat(userCount()).isEqualTo(usersBefore);
		assertThat(this.fixtures.auditCount()).isEqualTo(auditBefore);
	}

	@Test
	void aBadUsernameIsRefused() throws Exception {
		long usersBefore = userCount();
		for (String bad : List.of("ab", "has space", "名字名字", "semi;colon", "a".repeat(41), "")) {
			this.mvc
				.perform(post("/users").session(session("admin"))
					.param("username", bad)
					.param("displayName", "坏名字")
					.param("role", "GRID_WORKER")
					.param("nodeId", String.valueOf(this.tree.grid(1, 1, 1)))
					.param("initialPassword", IdentityFixtures.INITIAL)
					.with(csrf()))
				.andExpect(status().isOk())
				.andExpect(model().attribute("errors", hasEntry("username", "用户名须为3到40位小写字母、数字或 _ . -")));
			apiCreate("admin", bad, "GRID_WORKER", this.tree.grid(1, 1, 1)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", hasItem("username")));
		}
		assertThat(userCount()).isEqualTo(usersBefore);
	}

	@Test
	void aWeakInitialPasswordIsRefused() throws Exception {
		String username = IdentityFixtures.uniqueName("weakinit");
		this.mvc
			.perform(logins.as("admin", post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON).content("""
					{"username":"%s","displayName":"弱密码","role":"GRID_WORKER","nodeId":%d,"initialPassword":"short"}
					""".formatted(username, this.tree.grid(1, 1, 1))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("initialPassword"))
			.andExpect(jsonPath("$.errors[0].message").value("密码至少需要 10 位"));
		assertThat(this.fixtures.userExists(username)).isFalse();
	}

	@Test
	void whoeverDoesNotManageUsersIsForbidden() throws Exception {
		String username = IdentityFixtures.uniqueName("sneak");
		long auditBefore = this.fixtures.auditCount();
		for (String user : List.of("grid", "medic", "police", "volunteer", "guard", "school", "resident")) {
			MockHttpSession session = session(user);
			this.mvc.perform(get("/users").session(session))
				.andExpect(status().isForbidden())
				.andExpect(content().string(containsString("您没有权限进行此操作")));
			this.mvc.perform(get("/users/new").session(session)).andExpect(status().isForbidden());
			this.mvc.perform(get("/tokens").session(session)).andExpect(status().isForbidden());
			this.mvc
				.perform(post("/users").session(session)
					.param("username", username)
					.param("displayName", "越权")
					.param("role", "RESIDENT")
					.param("nodeId", String.valueOf(this.tree.nodeOf(user)))
					.param("initialPassword", IdentityFixtures.INITIAL)
					.with(csrf()))
				.andExpect(status().isForbidden());
			this.mvc.perform(logins.as(user, get("/api/v1/users")))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(403))
				.andExpect(jsonPath("$.detail").value("您的角色无权进行此操作"));
			apiCreate(user, username, "RESIDENT", this.tree.nodeOf(user)).andExpect(status().isForbidden());
			this.mvc.perform(logins.as(user, get("/api/v1/tokens"))).andExpect(status().isForbidden());
		}
		assertThat(this.fixtures.userExists(username)).isFalse();
		assertThat(this.fixtures.auditCount()).isEqualTo(auditBefore);
	}

	@Test
	void aStaleVersionIsRefusedInsteadOfOverwritingSomeoneElsesChange() throws Exception {
		long id = this.fixtures.create("admin", IdentityFixtures.uniqueName("stale"), Role.GRID_WORKER,
				this.tree.grid(1, 1, 1));
		int version = version(id);
		this.mvc.perform(logins.as("street", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"第一次修改\",\"version\":" + version + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(version + 1));
		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"第二次修改\",\"version\":" + version + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("version"))
			.andExpect(jsonPath("$.errors[0].code").value("validation.staleVersion"))
			.andExpect(jsonPath("$.errors[0].message").value("此记录已被他人修改，请刷新后重试"));
		this.mvc
			.perform(post("/users/" + id).session(session("admin"))
				.param("displayName", "第三次修改")
				.param("role", "GRID_WORKER")
				.param("nodeId", String.valueOf(this.tree.grid(1, 1, 1)))
				.param("enabled", "true")
				.param("version", String.valueOf(version))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(view().name("identity/user"))
			.andExpect(content().string(containsString("此记录已被他人修改，请刷新后重试")));
		assertThat(displayName(id)).isEqualTo("第一次修改");
		assertThat(version(id)).isEqualTo(version + 1);
		assertThat(this.fixtures.auditCount("app_user", id, "UPDATE")).isEqualTo(1);
		// with the current version the form saves
		this.mvc
			.perform(post("/users/" + id).session(session("admin"))
				.param("displayName", "第三次修改")
				.param("role", "POLICE")
				.param("nodeId", String.valueOf(this.tree.community(1, 1)))
				.param("enabled", "true")
				.param("version", String.valueOf(version + 1))
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("notice", "已保存"));
		assertThat(displayName(id)).isEqualTo("第三次修改");
		String audit = this.jdbc.sql("""
				select before::text || ' ' || after::text from audit_event
				where entity = 'app_user' and entity_id = :id and action = 'UPDATE' order by id desc limit 1
				""").param("id", String.valueOf(id)).query(String.class).single();
		assertThat(audit).contains("第一次修改").contains("第三次修改").contains("POLICE");
	}

	@Test
	void anAdminCannotDisableOrDemoteThemself() throws Exception {
		long id = this.fixtures.activeUser("self", Role.STREET_ADMIN, this.tree.street(1));
		String me = this.fixtures.username(id);
		String token = this.fixtures.freshToken(me, IdentityFixtures.ACTIVE);
		for (String change : List.of("{\"enabled\":false}", "{\"role\":\"COMMUNITY_WORKER\"}",
				"{\"role\":\"GRID_WORKER\",\"enabled\":false}")) {
			this.mvc
				.perform(patch("/api/v1/users/" + id).header("Authorization", "Bearer " + token)
					.contentType(MediaType.APPLICATION_JSON)
					.content(change))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].code", hasItem("user.cannotDemoteSelf")));
		}
		MockHttpSession session = logins.session(me, IdentityFixtures.ACTIVE);
		// the checkbox left unticked: the form sends no "enabled"
		this.mvc
			.perform(post("/users/" + id).session(session)
				.param("displayName", "自己")
				.param("role", "STREET_ADMIN")
				.param("nodeId", String.valueOf(this.tree.street(1)))
				.param("version", String.valueOf(version(id)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("不能停用自己或修改自己的角色")));
		Map<String, Object> row = this.jdbc.sql("select enabled, role, display_name from app_user where id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(row).containsEntry("enabled", true).containsEntry("role", "STREET_ADMIN").containsEntry("display_name",
				"测试用户");
		assertThat(this.fixtures.auditCount("app_user", id, "UPDATE")).isZero();
		// other changes to oneself are fine
		this.mvc
			.perform(patch("/api/v1/users/" + id).header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"displayName\":\"新名字\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.displayName").value("新名字"));
	}

	@Test
	void aStreetAdminCannotManageAHigherRankedUserEvenInsideTheirScope() throws Exception {
		long boss = this.fixtures.create("admin", IdentityFixtures.uniqueName("boss"), Role.DISTRICT_ADMIN,
				this.tree.community(1, 2));
		long auditBefore = this.fixtures.auditCount();
		this.mvc.perform(logins.as("street", get("/api/v1/users/" + boss))).andExpect(status().isOk());
		this.mvc.perform(logins.as("street", patch("/api/v1/users/" + boss)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enabled\":false}")).andExpect(status().isForbidden());
		this.mvc.perform(logins.as("street", post("/api/v1/users/" + boss + "/password"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"newPassword\":\"Taken#Over2026\"}")).andExpect(status().isForbidden());
		this.mvc.perform(logins.as("street", post("/api/v1/users/" + boss + "/unlock"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/users/" + boss + "/password").session(session("street"))
			.param("newPassword", "Taken#Over2026")
			.with(csrf())).andExpect(status().isForbidden());
		assertThat(this.fixtures.auditCount()).isEqualTo(auditBefore);
		assertThat(this.jdbc.sql("select enabled from app_user where id = :id").param("id", boss).query(Boolean.class).single())
			.isTrue();
		// and users bound above their street are not theirs to see at all
		long adminId = this.fixtures.id("admin");
		this.mvc.perform(logins.as("street", get("/api/v1/users/" + adminId))).andExpect(status().isNotFound());
		this.mvc.perform(get("/users/" + adminId).session(session("street"))).andExpect(status().isNotFound());
	}

	@Test
	void everyWriteIsAuditedWithoutSecrets() throws Exception {
		String username = IdentityFixtures.uniqueName("audit");
		long id = this.fixtures.create("admin", username, Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		String reset = "Reset#Audit2026";
		this.mvc.perform(logins.as("admin", patch("/api/v1/users/" + id)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"displayName\":\"改名\",\"enabled\":false}")).andExpect(status().isOk());
		this.mvc.perform(logins.as("admin", post("/api/v1/users/" + id + "/password"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"newPassword\":\"" + reset + "\"}")).andExpect(status().isNoContent());
		this.mvc.perform(logins.as("admin", post("/api/v1/users/" + id + "/unlock"))).andExpect(status().isNoContent());

		List<String> actions = this.jdbc.sql("""
				select action from audit_event where entity = 'app_user' and entity_id = :id order by id
				""").param("id", String.valueOf(id)).query(String.class).list();
		assertThat(actions).containsExactly("CREATE", "UPDATE", "PASSWORD_CHANGE", "UPDATE");
		Map<String, Object> update = this.jdbc.sql("""
				select actor_name, before::text as before, after::text as after, jurisdiction_path from audit_event
				where entity = 'app_user' and entity_id = :id and action = 'UPDATE' order by id limit 1
				""").param("id", String.valueOf(id)).query().singleRow();
		assertThat(update.get("actor_name")).isEqualTo("admin");
		assertThat((String) update.get("before")).contains("测试用户").contains("\"enabled\": true");
		assertThat((String) update.get("after")).contains("改名").contains("\"enabled\": false");
		String path = this.jdbc.sql("select n.path from app_user u join jurisdiction_node n on n.id = u.node_id where u.id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		assertThat(update.get("jurisdiction_path")).isEqualTo(path);

		String all = this.fixtures.auditJson("app_user", id);
		String hash = this.fixtures.passwordHash(id);
		assertThat(all).doesNotContain(hash)
			.doesNotContain(hash.substring("{bcrypt}".length()))
			.doesNotContain("{bcrypt}")
			.doesNotContain("$2a$")
			.doesNotContain(reset)
			.doesNotContain(IdentityFixtures.INITIAL);
		assertThat(this.jdbc.sql("select count(*) from audit_event where before::text like '%{bcrypt}%' or after::text like '%{bcrypt}%'")
			.query(Long.class)
			.single()).as("no password hash anywhere in the audit trail").isZero();
		// the history panel shows the trail to the admin
		this.mvc.perform(get("/users/" + id + "/history").session(session("admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("改名")));
	}

	private ResultActions apiCreate(String caller, String username, String role, long node) throws Exception {
		return this.mvc.perform(logins.as(caller, post("/api/v1/users")).contentType(MediaType.APPLICATION_JSON).content("""
				{"username":"%s","displayName":"接口","role":"%s","nodeId":%d,"initialPassword":"%s"}
				""".formatted(username, role, node, IdentityFixtures.INITIAL)));
	}

	private long userCount() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	private int version(long id) {
		return this.jdbc.sql("select version from app_user where id = :id").param("id", id).query(Integer.class).single();
	}

	private String displayName(long id) {
		return this.jdbc.sql("select display_name from app_user where id = :id").param("id", id).query(String.class).single();
	}

}
