package cn.shouwang.monitoring;

import java.time.LocalDate;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The worker's pages: the checks panel of a measure (one tap for a normal reading, a resent form
 * stored once, a bad reading named), and the person's timeline with the measure's events, the
 * checks, the alert and the household's service requests in time order.
 */
@IntegrationTest
class CheckPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	ApplicationContext context;

	@Test
	void theChecksPanelTakesAOneTapReadingOnceAndNamesABadOne() throws Exception {
		long measure = measure();
		MockHttpSession phone = this.logins.session("grid");
		this.mvc.perform(get("/monitoring/measures/" + measure).session(phone)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/monitoring/measures/" + measure + "/checks")))
			.andExpect(content().string(containsString("/monitoring/persons/")));
		String panel = this.mvc.perform(get("/monitoring/measures/" + measure + "/checks").session(phone)
			.header("HX-Request", "true")).andExpect(status().isOk())
			.andExpect(content().string(containsString("体温正常 36.5")))
			.andExpect(content().string(containsString("干咳")))
			.andReturn().getResponse().getContentAsString();
		String formId = panel.replaceAll("(?s).*name=\"id\" value=\"([0-9a-f-]{36})\".*", "$1");
		for (int i = 0; i < 2; i++) {
			this.mvc.perform(post("/monitoring/measures/" + measure + "/checks").session(phone).with(csrf())
				.header("HX-Request", "true").param("id", formId).param("normal", "true"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString(i == 0 ? "已记录" : "已经记录过")))
				.andExpect(content().string(containsString("36.5 ℃")));
		}
		assertThat(this.jdbc.sql("select count(*) from health_check where measure_id = :m").param("m", measure)
			.query(Long.class).single()).isOne();
		this.mvc.perform(post("/monitoring/measures/" + measure + "/checks").session(phone).with(csrf())
			.header("HX-Request", "true").param("temperature", "3.65"))
			.andExpect(content().string(containsString("体温须在 34 到 43 ℃ 之间")))
			.andExpect(content().string(containsString("value=\"3.65\"")));
	}

	@Test
	void thePersonsTimelineShowsMeasureChecksAlertsAndServiceRequestsInOrder() throws Exception {
		long measure = measure();
		measures().call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"38.6\"}")
			.andExpect(status().isCreated());
		record M(long person, long household, String path) {
		}
		M m = this.jdbc.sql("select person_id, household_id, jurisdiction_path from control_measure where id = :m")
			.param("m", measure).query((rs, i) -> new M(rs.getLong(1), rs.getLong(2), rs.getString(3))).single();
		this.jdbc.sql("""
				insert into service_request(household_id, jurisdiction_path, kind, description, source, due_at, created_by)
				values (:h, :p, 'MEDICINE', '降压药两盒', 'LINK', now() + interval '1 day', 'link')
				""").param("h", m.household()).param("p", m.path()).update();
		String page = this.mvc.perform(get("/monitoring/persons/" + m.person()).session(this.logins.session("grid")))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		int start = page.indexOf("开始");
		int check = page.indexOf("38.6 ℃");
		int alert = page.indexOf("发现异常");
		int request = page.indexOf("降压药两盒");
		assertThat(start).isPositive();
		assertThat(check).isGreaterThan(start);
		assertThat(alert).isGreaterThan(0);
		assertThat(request).isGreaterThan(check);
		this.mvc.perform(get("/monitoring/persons/987654321").session(this.logins.session("grid")))
			.andExpect(status().isNotFound());
	}

	private long measure() throws Exception {
		long kp = measures().keyPerson("OTHER");
		return MeasureTest.id(measures().call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp
				+ ",\"lastExposure\":\"" + LocalDate.now(MeasureTest.SHANGHAI).minusDays(1) + "\"}").andExpect(status().isCreated()));
	}

	MeasureTest measures() {
		MeasureTest measures = new MeasureTest();
		this.context.getAutowireCapableBeanFactory().autowireBean(measures);
		return measures;
	}

}
