package cn.shouwang.shared;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** OpenAPI, health, metrics, error pages, problem details and languages: the operating surface. */
@IntegrationTest
class PlatformTest {

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theApiIsDescribedInOpenApi() throws Exception {
		this.mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/auth/token'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/jurisdictions/{id}'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/users'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/tokens/{id}/revoke'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/audit'].get").exists());
		this.mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
	}

	@Test
	void healthReadinessAndPrometheusAnswerWithoutLogin() throws Exception {
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		this.mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("jvm_memory_used_bytes")))
			.andExpect(content().string(containsString("hikaricp_connections")));
	}

	@Test
	void anUnknownPageIsAChineseErrorPageInTheLayout() throws Exception {
		this.mvc.perform(get("/no/such/page").session(this.logins.session("grid")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("页面不存在")))
			.andExpect(content().string(containsString("返回首页")));
		this.mvc.perform(get("/jurisdictions/not-a-number").session(this.logins.session("grid")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("页面不存在")));
		this.mvc.perform(get("/users").session(this.logins.session("grid")))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("没有权限")));
	}

	@Test
	void apiErrorsAreProblemDetailsInTheCallersLanguage() throws Exception {
		this.mvc.perform(this.logins.as("street", get("/api/v1/jurisdictions/abc")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		this.mvc.perform(this.logins.as("street", get("/api/v1/no-such-endpoint")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(this.logins.as("street", get("/api/v1/jurisdictions/987654321")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(containsString("不在您的管辖范围内")));
		this.mvc.perform(this.logins.as("street", get("/api/v1/jurisdictions/987654321")).header("Accept-Language", "en"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(containsString("outside your jurisdiction")));
		this.mvc.perform(this.logins.as("street", post("/api/v1/jurisdictions/1/children"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("[1,2"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("JSON")));
		this.mvc.perform(this.logins.as("street", get("/api/v1/users?size=100000")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void oversizedAndInvalidValuesAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
		long street = this.tree.street(1);
		long before = this.jdbc.sql("select count(*) from jurisdiction_node").query(Long.class).single();
		this.mvc.perform(this.logins.as("street", post("/api/v1/jurisdictions/" + street + "/children"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + "长".repeat(5000) + "\",\"code\":\"a b\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("code")))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("不能超过 100 个字符")));
		this.mvc.perform(this.logins.as("street", patch("/api/v1/jurisdictions/" + street))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":123, \"version\":\"x\"}"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/jurisdictions/" + street + "/children").param("name", "")
			.session(this.logins.session("street"))
			.with(csrf()))
			.andExpect(status().is3xxRedirection());
		org.assertj.core.api.Assertions
			.assertThat(this.jdbc.sql("select count(*) from jurisdiction_node").query(Long.class).single())
			.isEqualTo(before);
	}

	@Test
	void theUiIsChineseByDefaultAndEnglishOnRequest() throws Exception {
		var session = this.logins.session("grid");
		this.mvc.perform(get("/").session(session).header("Accept-Language", "en-US"))
			.andExpect(content().string(containsString("退出登录")));
		var english = this.mvc.perform(get("/").param("lang", "en").session(session))
			.andExpect(content().string(containsString("Log out")))
			.andExpect(content().string(not(containsString("退出登录"))))
			.andReturn();
		this.mvc.perform(get("/").session(session).cookie(english.getResponse().getCookies()))
			.andExpect(content().string(containsString("Log out")));
		this.mvc.perform(get("/login")).andExpect(content().string(containsString("登录守望")));
	}

	@Test
	void formsCarryCsrfProtection() throws Exception {
		long street = this.tree.street(1);
		var session = this.logins.session("street");
		this.mvc.perform(get("/jurisdictions/" + street).session(session)).andExpect(status().isOk());
		this.mvc.perform(post("/jurisdictions/" + street + "/children").param("name", "无令牌").session(session))
			.andExpect(status().isForbidden());
		org.assertj.core.api.Assertions
			.assertThat(this.jdbc.sql("select count(*) from jurisdiction_node where name = '无令牌'").query(Long.class).single())
			.isZero();
	}

	@Test
	void securityHeadersAreSet() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

}
