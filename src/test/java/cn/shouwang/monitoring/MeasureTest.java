package cn.shouwang.monitoring;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Measures started, moved by a new exposure, ended; the policy version stays with the measure. */
@IntegrationTest
class MeasureTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final AtomicInteger SEQ = new AtomicInteger(1200);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aCloseContactGetsThePhasesOfThePolicyInForceAndTheKeyPersonIsUnderTheMeasure() throws Exception {
		LocalDate today = LocalDate.now(SHANGHAI);
		long kp = keyPerson("CLOSE_CONTACT");
		call("community", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.minusDays(2) + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("measure.siteRequired"));
		long id = id(call("community", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\""
				+ today.minusDays(2) + "\",\"siteName\":\"某酒店\",\"room\":\"301\",\"team\":[{\"duty\":\"MEDICAL\",\"name\":\"王医生\","
				+ "\"phone\":\"13912340000\"}]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.startsOn").value(today.minusDays(1).toString()))
			.andExpect(jsonPath("$.endsOn").value(today.plusDays(6).toString()))
			.andExpect(jsonPath("$.currentType").value("CENTRALISED_QUARANTINE")));
		call("community", get("/api/v1/measures/" + id), null).andExpect(jsonPath("$.phases[0].siteName").value("某酒店"))
			.andExpect(jsonPath("$.phases[1].type").value("HOME_HEALTH_MONITORING"))
			.andExpect(jsonPath("$.phases[1].startsOn").value(today.plusDays(4).toString()))
			.andExpect(jsonPath("$.team[0].maskedPhone").value("139****0000"))
			.andExpect(jsonPath("$.readyForRelease").value(false));
		call("community", get("/api/v1/key-persons/" + kp), null).andExpect(jsonPath("$.row.status").value("UNDER_MEASURE"));
		// slots from now to the last day; none already past due
		long slots = this.jdbc.sql("select count(*) from followup_slot where measure_id = :m").param("m", id).query(Long.class).single();
		assertThat(slots).isBetween(14L, 16L);
		assertThat(this.jdbc.sql("select count(*) from followup_slot where measure_id = :m and due_at <= now()").param("m", id)
			.query(Long.class).single()).isZero();
		// a second running measure for the same person is refused
		call("community", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.minusDays(1)
				+ "\",\"siteName\":\"某酒店\"}")
			.andExpect(jsonPath("$.errors[0].code").value("measure.alreadyRunning"));
		call("community", post("/api/v1/measures/" + id + "/release"), null).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("measure.notReady"));
	}

	@Test
	void aLaterExposureMovesTheWindowAndKeepsThePolicyVersion() throws Exception {
		LocalDate today = LocalDate.now(SHANGHAI);
		long kp = keyPerson("SECONDARY_CONTACT");
		long id = id(call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.minusDays(2) + "\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.endsOn").value(today.plusDays(1).toString())));
		long policy = this.jdbc.sql("select policy_id from control_measure where id = :m").param("m", id).query(Long.class).single();
		call("grid", post("/api/v1/measures/" + id + "/reexposure"), "{\"lastExposure\":\"" + today.minusDays(3) + "\"}")
			.andExpect(jsonPath("$.errors[0].code").value("measure.exposureNotLater"));
		call("grid", post("/api/v1/measures/" + id + "/reexposure"), "{\"lastExposure\":\"" + today + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.startsOn").value(today.plusDays(1).toString()))
			.andExpect(jsonPath("$.endsOn").value(today.plusDays(3).toString()));
		assertThat(this.jdbc.sql("select policy_id from control_measure where id = :m").param("m", id).query(Long.class).single())
			.isEqualTo(policy);
		assertThat(this.jdbc.sql("select max(day) from followup_slot where measure_id = :m").param("m", id)
			.query(LocalDate.class).single()).isEqualTo(today.plusDays(3));
	}

	@Test
	void aPolicyChangeWhileAMeasureRunsLeavesItAsItWasAndOnlyFutureVersionsCanBeAdded() throws Exception {
		LocalDate today = LocalDate.now(SHANGHAI);
		long kp = keyPerson("RISK_AREA_RETURNEE");
		long id = id(call("community", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.minusDays(1) + "\"}")
			.andExpect(status().isCreated()));
		String endsBefore = this.jdbc.sql("select ends_on::text from control_measure where id = :m").param("m", id).query(String.class).single();
		call("admin", post("/api/v1/monitoring-policies"), "{\"name\":\"过去的版本\",\"effectiveFrom\":\"" + today + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("policy.notFuture"));
		call("community", post("/api/v1/monitoring-policies"), "{\"name\":\"越权\",\"effectiveFrom\":\"" + today.plusDays(400) + "\"}")
			.andExpect(status().isForbidden());
		LocalDate future = today.plusDays(300 + SEQ.incrementAndGet() % 50);
		call("admin", post("/api/v1/monitoring-policies"), "{\"name\":\"将来的版本\",\"effectiveFrom\":\"" + future
				+ "\",\"phases\":{\"RISK_AREA_RETURNEE\":[{\"type\":\"HOME_QUARANTINE\",\"days\":21}]}}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.phases.RISK_AREA_RETURNEE[0].days").value(21));
		call("community", get("/api/v1/measures/" + id), null).andExpect(jsonPath("$.measure.endsOn").value(endsBefore));
	}

	@Test
	void aMeasureEndsEarlyOnlyAsTransferredOrReferredAndItsOpenSlotsGo() throws Exception {
		LocalDate today = LocalDate.now(SHANGHAI);
		long kp = keyPerson("SYMPTOMATIC");
		long id = id(call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today + "\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("PLANNED")));
		call("grid", post("/api/v1/measures/" + id + "/end"), "{\"status\":\"RELEASED\"}")
			.andExpect(jsonPath("$.errors[0].code").value("measure.endStatus"));
		call("grid", post("/api/v1/measures/" + id + "/end"), "{\"status\":\"REFERRED\",\"note\":\"送定点医院\"}")
			.andExpect(jsonPath("$.status").value("REFERRED"));
		assertThat(this.jdbc.sql("select count(*) from followup_slot where measure_id = :m and check_id is null").param("m", id)
			.query(Long.class).single()).isZero();
		call("grid", get("/api/v1/measures/" + id), null).andExpect(jsonPath("$.events[1].kind").value("REFERRED"));
	}

	@Test
	void badDatesAreNamedAndNothingIsWritten() throws Exception {
		LocalDate today = LocalDate.now(SHANGHAI);
		long kp = keyPerson("CLOSE_CONTACT");
		long before = this.jdbc.sql("select count(*) from control_measure").query(Long.class).single();
		call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.plusDays(1) + "\"}")
			.andExpect(jsonPath("$.errors[0].code").value("measure.exposureInFuture"));
		call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"上周\"}")
			.andExpect(jsonPath("$.errors[0].code").value("validation.date"));
		call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.minusDays(30) + "\"}")
			.andExpect(jsonPath("$.errors[0].code").value("measure.windowOver"));
		call("volunteer", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today + "\"}")
			.andExpect(status().isForbidden());
		assertThat(this.jdbc.sql("select count(*) from control_measure").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void thePagesShowTheBoardTheGridAndAMeasure() throws Exception {
		LocalDate today = LocalDate.now(SHANGHAI);
		long kp = keyPerson("OTHER");
		long id = id(call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + today.minusDays(1) + "\"}"));
		call("grid", get("/api/v1/monitoring/dashboard"), null).andExpect(jsonPath("$.running").value(org.hamcrest.Matchers.greaterThan(0)))
			.andExpect(jsonPath("$.dueToday").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
		// nobody named the grid worker on a team yet: their own dashboard is empty
		call("grid", get("/api/v1/monitoring/dashboard?mine=true"), null).andExpect(jsonPath("$.running").value(0));
		call("grid", get("/api/v1/monitoring/grid"), null).andExpect(jsonPath("$.items[0].cells[0].morning").isString());
		var session = this.logins.session("grid");
		this.mvc.perform(get("/monitoring").session(session)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("逾期未报")));
		this.mvc.perform(get("/monitoring/grid").session(session)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("随访表")));
		this.mvc.perform(get("/monitoring/measures/" + id).session(session)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("日常健康监测")));
		this.mvc.perform(get("/monitoring/measures/new?keyPersonId=" + kp).session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/monitoring/policies").session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/monitoring/export.xlsx").session(session)).andExpect(status().isOk());
		this.mvc.perform(post("/monitoring/measures/" + id + "/team").session(session)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("duty", "MEDICAL", "POLICE").param("name", "李医生", "").param("phone", "12345", ""))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("errors"));
		this.mvc.perform(get("/keypersons/" + kp).session(session)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("/monitoring/measures/new?keyPersonId=" + kp)));
	}

	long keyPerson(String category) throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", this.tree.grid(1, 1, 1)).query(Long.class).single();
		int n = SEQ.incrementAndGet();
		String first17 = "110109" + (1950 + n % 50) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "3";
		long person = id(call("grid", post("/api/v1/households/" + household + "/persons"), "{\"name\":\"管控测试" + n
				+ "\",\"idNumber\":\"" + first17 + ChineseIdNumber.checkCharacter(first17) + "\",\"phone\":\"137"
				+ String.format("%08d", n) + "\"}"));
		return id(call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"" + category + "\"}"));
	}

	ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(this.logins.as(user, request));
	}

	static long id(ResultActions result) throws Exception {
		String body = result.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("\"id\":");
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
