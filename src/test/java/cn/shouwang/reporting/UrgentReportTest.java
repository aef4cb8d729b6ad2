package cn.shouwang.reporting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;

import cn.shouwang.monitoring.AlertService;
import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
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

/**
 * Urgent reports: a fever of a person under a measure opens one at the community, due two hours
 * later; late, it is escalated to the street once; the community sends it (late after the due time)
 * and the street acknowledges it.
 */
@IntegrationTest
class UrgentReportTest {

	private static final AtomicInteger SEQ = new AtomicInteger(500);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	AlertService alerts;

	@Autowired
	UrgentReportService urgent;

	@Autowired
	ReportingClock clock;

	@AfterEach
	void realTime() {
		this.clock.fixAt(null);
	}

	@Test
	void aFeverUnderAMeasureMustReachTheStreetWithinTwoHoursAndALateOneIsEscalatedOnce() throws Exception {
		long c11 = this.tree.community(1, 1);
		long person = personUnderMeasure();
		long alert = this.alerts.openCheckpointFever(person, new BigDecimal("38.6"), "东门", "guard").orElseThrow();
		this.urgent.collect();
		this.urgent.collect();
		long id = this.jdbc.sql("select id from urgent_report where source = :s").param("s", "alert:" + alert)
			.query(Long.class).single();
		String body = call("community", get("/api/v1/urgent-reports/" + id), null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nodeId").value((int) c11))
			.andExpect(jsonPath("$.kind").value("CHECKPOINT_FEVER"))
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andReturn().getResponse().getContentAsString();
		java.time.Instant occurred = java.time.Instant.parse(JsonPath.read(body, "$.occurredAt"));
		java.time.Instant due = java.time.Instant.parse(JsonPath.read(body, "$.dueAt"));
		assertThat(Duration.between(occurred, due)).isEqualTo(Duration.ofHours(2));
		assertThat(notices("community", "URGENT_OPEN", id)).isEqualTo(1);
		call("community", get("/api/v1/urgent-reports"), null).andExpect(jsonPath("$[?(@.id == " + id + ")]").isNotEmpty());
		// two hours pass: escalated to the street, once
		this.clock.fixAt(due.plusSeconds(60));
		this.urgent.escalate();
		this.urgent.escalate();
		assertThat(notices("street", "URGENT_LATE", id)).isEqualTo(1);
		call("community", get("/api/v1/urgent-reports/" + id), null).andExpect(jsonPath("$.overdue").value(true));
		// the community sends it: what happened is required; late after the due time
		call("community", post("/api/v1/urgent-reports/" + id + "/submit"), "{\"report\":\" \"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("report"));
		call("community", post("/api/v1/urgent-reports/" + id + "/submit"), "{\"report\":\"已转运至发热门诊，密接排查中\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUBMITTED"))
			.andExpect(jsonPath("$.late").value(true));
		call("community", post("/api/v1/urgent-reports/" + id + "/submit"), "{\"report\":\"再报\"}")
			.andExpect(jsonPath("$.errors[0].code").value("urgent.alreadySubmitted"));
		call("community", post("/api/v1/urgent-reports/" + id + "/acknowledge"), null).andExpect(status().isForbidden());
		call("street", post("/api/v1/urgent-reports/" + id + "/acknowledge"), null)
			.andExpect(jsonPath("$.status").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.acknowledgedBy").value("street"));
		call("street", post("/api/v1/urgent-reports/" + id + "/acknowledge"), null)
			.andExpect(jsonPath("$.errors[0].code").value("urgent.notSubmitted"));
		// the community next door does not see it
		call("admin", get("/api/v1/urgent-reports/" + id), null).andExpect(status().isOk());
		call("grid", get("/api/v1/urgent-reports/" + id), null).andExpect(status().isNotFound());
	}

	@Test
	void aSecondHighReadingAtACheckpointOfAResidentUnderNoMeasureOrOfAVisitorIsAnUrgentReportOfTheCheckpointsCommunity()
			throws Exception {
		long c11 = this.tree.community(1, 1);
		long checkpoint = checkpoint();
		String code = issue(person("卡点发热"));
		UUID first = passage(checkpoint, "{\"pass\":\"" + code + "\",\"temperature\":38.5,\"remeasure\":false}", "REMEASURE");
		UUID second = passage(checkpoint, "{\"pass\":\"" + code + "\",\"temperature\":38.4,\"remeasure\":true}", "TURNED_BACK");
		UUID visitor = passage(checkpoint, "{\"temperature\":37.6,\"remeasure\":true,\"visitor\":{\"name\":\"孙访客\","
				+ "\"phone\":\"13912345678\",\"reason\":\"探亲\",\"hostHouseholdId\":" + household() + "}}", "TURNED_BACK");
		UUID normal = passage(checkpoint, "{\"pass\":\"" + code + "\",\"temperature\":36.6,\"remeasure\":true}", "ALLOWED");
		this.urgent.collect();
		this.urgent.collect();
		assertThat(reports("passage:" + first)).isZero();
		assertThat(reports("passage:" + normal)).isZero();
		assertThat(reports("passage:" + second)).isEqualTo(1);
		assertThat(reports("passage:" + visitor)).isEqualTo(1);
		long id = this.jdbc.sql("select id from urgent_report where source = :s").param("s", "passage:" + second)
			.query(Long.class).single();
		call("community", get("/api/v1/urgent-reports/" + id), null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nodeId").value((int) c11))
			.andExpect(jsonPath("$.kind").value("CHECKPOINT_FEVER"))
			.andExpect(jsonPath("$.summary").value(org.hamcrest.Matchers.containsString("38.4℃")))
			.andExpect(jsonPath("$.summary").value(org.hamcrest.Matchers.containsString("*")));
		assertThat(notices("community", "URGENT_OPEN", id)).isEqualTo(1);
		String visitorSummary = this.jdbc.sql("select summary from urgent_report where source = :s")
			.param("s", "passage:" + visitor).query(String.class).single();
		assertThat(visitorSummary).contains("访客", "37.6℃").doesNotContain("13912345678");
		// scoped like every urgent report: the community and the levels above it see it, a grid worker does not
		call("grid", get("/api/v1/urgent-reports/" + id), null).andExpect(status().isNotFound());
	}

	@Test
	void aCheckpointFeverOfAPersonUnderAMeasureIsReportedOnceThroughItsAlert() throws Exception {
		long person = personUnderMeasure();
		String code = issue(person);
		long checkpoint = checkpoint();
		long alertsBefore = this.jdbc.sql("select count(*) from health_alert where person_id = :p").param("p", person)
			.query(Long.class).single();
		UUID fever = passage(checkpoint, "{\"pass\":\"" + code + "\",\"temperature\":38.8,\"remeasure\":true}", "TURNED_BACK");
		long alert = this.jdbc.sql("select max(id) from health_alert where person_id = :p and reason = 'CHECKPOINT_FEVER'")
			.param("p", person).query(Long.class).single();
		assertThat(this.jdbc.sql("select count(*) from health_alert where person_id = :p").param("p", person)
			.query(Long.class).single()).isEqualTo(alertsBefore + 1);
		this.urgent.collect();
		this.urgent.collect();
		assertThat(reports("alert:" + alert)).isEqualTo(1);
		assertThat(reports("passage:" + fever)).isZero();
	}

	private long reports(String source) {
		return this.jdbc.sql("select count(*) from urgent_report where source = :s").param("s", source).query(Long.class).single();
	}

	/** A guard's passage at the checkpoint (direction IN, now); returns its id after checking the decision. */
	private UUID passage(long checkpoint, String fields, String decision) throws Exception {
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"),
				"{\"id\":\"" + id + "\",\"direction\":\"IN\"," + fields.substring(1))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value(decision));
		return id;
	}

	/** A checkpoint of the guard's community (community 1 of street 1). */
	private long checkpoint() throws Exception {
		return id(call("community", post("/api/v1/checkpoints"),
				"{\"name\":\"紧急报告卡点" + SEQ.incrementAndGet() + "\",\"kind\":\"COMPOUND_GATE\"}"));
	}

	private String issue(long person) throws Exception {
		String body = call("community", post("/api/v1/persons/" + person + "/passes"),
				"{\"expiresOn\":\"" + LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30) + "\"}")
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return body.replaceAll("^.*\"code\":\"(SWP2\\.[A-Za-z0-9_-]+)\".*$", "$1");
	}

	private long household() {
		return this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :g) || '%'
				order by id limit 1
				""").param("g", this.tree.grid(1, 1, 1)).query(Long.class).single();
	}

	/** A new resident of the first grid of community 1, under no measure. */
	private long person(String name) throws Exception {
		String first17 = "110109" + (19700101 + SEQ.incrementAndGet()) + "031";
		return id(call("admin", post("/api/v1/households/" + household() + "/persons"),
				"{\"name\":\"" + name + SEQ.get() + "\",\"idNumber\":\"" + first17 + ChineseIdNumber.checkCharacter(first17) + "\"}"));
	}

	private long notices(String username, String kind, long id) {
		return this.jdbc.sql("""
				select count(*) from notification n join app_user u on u.id = n.user_id
				where n.kind = :k and n.link = :l and u.username = :u
				""").param("k", kind).param("l", "/reports/urgent/" + id).param("u", username).query(Long.class).single();
	}

	/** A new person in the first grid of community 1, a key person under a measure starting today. */
	private long personUnderMeasure() throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :g) || '%'
				order by id limit 1
				""").param("g", this.tree.grid(1, 1, 1)).query(Long.class).single();
		String first17 = "110109" + (19700101 + SEQ.incrementAndGet()) + "031";
		long person = id(call("admin", post("/api/v1/households/" + household + "/persons"),
				"{\"name\":\"紧急报告测试" + SEQ.get() + "\",\"idNumber\":\"" + first17 + ChineseIdNumber.checkCharacter(first17) + "\"}"));
		long keyPerson = id(call("admin", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		id(call("admin", post("/api/v1/measures"), "{\"keyPersonId\":" + keyPerson + ",\"lastExposure\":\""
				+ LocalDate.now(ZoneId.of("Asia/Shanghai")) + "\"}"));
		return person;
	}

	private long id(ResultActions result) throws Exception {
		String body = result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	private ResultActions call(String user, MockHttpServletRequestBuilder request, String json) throws Exception {
		MockHttpServletRequestBuilder r = this.logins.as(user, request);
		if (json != null) {
			r.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(r);
	}

}
