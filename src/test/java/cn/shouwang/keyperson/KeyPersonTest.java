package cn.shouwang.keyperson;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Key persons as community workers use them: register, the four clears, risk areas, status, calls. */
@IntegrationTest
class KeyPersonTest {

	private static final AtomicInteger SEQ = new AtomicInteger(300);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aReturneeIsRegisteredOncePerCategoryAndTheFourClearsAreCheckedAgainstTheRiskAreaInForce() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		// a risk area entered by the district applies to the street's communities
		call("admin", post("/api/v1/risk-areas"), "{\"nodeId\":" + this.tree.district() + ",\"region\":\"测试市风险区"
				+ SEQ.incrementAndGet() + "\",\"level\":\"HIGH\",\"effectiveFrom\":\"" + today.minusDays(20) + "\"}")
			.andExpect(status().isCreated());
		String region = this.jdbc.sql("select region from risk_area order by id desc limit 1").query(String.class).single();
		long person = newPerson("grid", this.tree.grid(1, 1, 1));
		long kp = id(call("community", post("/api/v1/key-persons"), "{\"personId\":" + person
				+ ",\"category\":\"RISK_AREA_RETURNEE\",\"returnDate\":\"" + today.minusDays(2) + "\",\"cameFrom\":\""
				+ region + "某街道\",\"transportMode\":\"TRAIN\",\"transportNo\":\"G123\",\"fever\":false}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("NEW"))
			.andExpect(jsonPath("$.riskAreaId").isNumber()));
		call("community", get("/api/v1/key-persons/" + kp), null).andExpect(jsonPath("$.row.fourClears").value(true))
			.andExpect(jsonPath("$.riskArea.region").value(region))
			.andExpect(jsonPath("$.history[0].to").value("NEW"));
		// the same person and category again: refused, pointing at the open record
		call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"RISK_AREA_RETURNEE\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("keyPerson.alreadyOpen"));
		// another category is another record
		call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"CLOSE_CONTACT\"}")
			.andExpect(status().isCreated());
		// status moves along the allowed paths only, with history
		call("community", post("/api/v1/key-persons/" + kp + "/status"), "{\"status\":\"UNDER_MEASURE\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("keyPerson.status.notAllowed"));
		call("community", post("/api/v1/key-persons/" + kp + "/status"), "{\"status\":\"VERIFIED\",\"note\":\"已核实\"}")
			.andExpect(jsonPath("$.status").value("VERIFIED"));
		call("community", get("/api/v1/key-persons/" + kp), null).andExpect(jsonPath("$.history[1].to").value("VERIFIED"))
			.andExpect(jsonPath("$.history[1].note").value("已核实"));
	}

	@Test
	void travelOutsideTheDaysAnAreaWasInForceIsNotAMatch() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String region = "旧风险区" + SEQ.incrementAndGet();
		long area = id(call("street", post("/api/v1/risk-areas"), "{\"region\":\"" + region
				+ "\",\"level\":\"MEDIUM\",\"effectiveFrom\":\"" + today.minusDays(100) + "\",\"effectiveTo\":\""
				+ today.minusDays(60) + "\"}").andExpect(status().isCreated()));
		long person = newPerson("grid", this.tree.grid(1, 1, 1));
		call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"RISK_AREA_RETURNEE\","
				+ "\"returnDate\":\"" + today.minusDays(3) + "\",\"cameFrom\":\"" + region + "\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.riskAreaId").doesNotExist());
		// the grid worker sees the street's area but may not end it; the street admin may
		call("grid", get("/api/v1/risk-areas?all=true"), null).andExpect(jsonPath("$[*].region", hasItem(region)));
		call("grid", post("/api/v1/risk-areas/" + area + "/end"), "{}").andExpect(status().isForbidden());
		call("street", post("/api/v1/risk-areas/" + area + "/end"), "{\"effectiveTo\":\"" + today.minusDays(200) + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("validation.endBeforeStart"));
	}

	@Test
	void badInputIsNamedAndNothingIsWritten() throws Exception {
		long person = newPerson("grid", this.tree.grid(1, 1, 1));
		long before = count();
		call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"NO_SUCH\","
				+ "\"returnDate\":\"2999-01-01\",\"cameFrom\":\"" + "长".repeat(101) + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("category")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("returnDate")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("cameFrom")));
		call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\",\"returnDate\":\"昨天\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("validation.date"));
		// a person of another street is not found for the grid worker
		long foreign = newPerson("admin", this.tree.community(2, 1));
		call("grid", post("/api/v1/key-persons"), "{\"personId\":" + foreign + ",\"category\":\"OTHER\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("keyPerson.personNotFound"));
		call("volunteer", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\"}")
			.andExpect(status().isForbidden());
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void aCallIsOneTapStoredOnceAndTheWorkListMovesOn() throws Exception {
		long person = newPerson("grid", this.tree.grid(1, 1, 1));
		long kp = id(call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		call("grid", get("/api/v1/key-persons/calls?size=200"), null)
			.andExpect(jsonPath("$.items[*].keyPerson.id", hasItem((int) kp)));
		String callId = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			call("grid", post("/api/v1/key-persons/" + kp + "/calls"), "{\"id\":\"" + callId + "\",\"outcome\":\"NO_ANSWER\"}")
				.andExpect(status().isCreated());
		}
		assertThat(this.jdbc.sql("select count(*) from verification_call where key_person_id = :k").param("k", kp)
			.query(Long.class).single()).isEqualTo(1);
		// unanswered: back on the list in two hours, not now
		call("grid", get("/api/v1/key-persons/calls?size=200"), null)
			.andExpect(jsonPath("$.items[*].keyPerson.id", not(hasItem((int) kp))));
		call("grid", post("/api/v1/key-persons/" + kp + "/calls"), "{\"id\":\"" + UUID.randomUUID() + "\",\"outcome\":\"REACHED\",\"result\":\"在家，无异常\"}")
			.andExpect(status().isCreated());
		call("grid", get("/api/v1/key-persons/" + kp), null).andExpect(jsonPath("$.row.status").value("VERIFIED"))
			.andExpect(jsonPath("$.row.calls").value(2))
			.andExpect(jsonPath("$.calls[0].outcome").value("REACHED"));
		call("grid", get("/api/v1/key-persons/calls/per-worker"), null).andExpect(jsonPath("$[0].total").isNumber());
		call("grid", post("/api/v1/key-persons/" + kp + "/calls"), "{\"outcome\":\"NO_ANSWER\",\"nextCallAt\":\"2001-01-01T10:00\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nextCallAt"));
		// the number to dial is revealed to the caller and logged
		call("grid", get("/api/v1/key-persons/" + kp + "/phone"), null).andExpect(jsonPath("$.phone").value(containsString("139")));
		assertThat(this.jdbc.sql("select count(*) from sensitive_access where entity = 'person' and entity_id = :p")
			.param("p", String.valueOf(person)).query(Long.class).single()).isPositive();
	}

	@Test
	void thePagesWorkForAGridWorker() throws Exception {
		long person = newPerson("grid", this.tree.grid(1, 1, 1));
		long kp = id(call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"SYMPTOMATIC\"}"));
		var session = this.logins.session("grid");
		this.mvc.perform(get("/keypersons").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("重点人员")));
		this.mvc.perform(get("/keypersons/" + kp).session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("四个清楚")));
		this.mvc.perform(get("/keypersons/calls").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("电话核实")));
		this.mvc.perform(post("/keypersons/" + kp + "/clears").session(session).with(csrf()).param("returnDate", "明天"))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("errors"));
		this.mvc.perform(post("/keypersons/" + kp + "/calls").session(session).with(csrf()).header("HX-Request", "true")
			.param("callId", UUID.randomUUID().toString()).param("outcome", "REACHED"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("已记录通话")));
		this.mvc.perform(get("/keypersons/export.xlsx").session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/keypersons/risk-areas").session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/keypersons/new?personId=" + person).session(session)).andExpect(status().isOk());
	}

	private long count() {
		return this.jdbc.sql("select count(*) from key_person").query(Long.class).single();
	}

	private ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(this.logins.as(user, request));
	}

	private long newPerson(String user, long node) throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", node).query(Long.class).single();
		int n = SEQ.incrementAndGet();
		String first17 = "110109" + (1960 + n % 40) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "1";
		String idNumber = first17 + ChineseIdNumber.checkCharacter(first17);
		return id(call(user, post("/api/v1/households/" + household + "/persons"), "{\"name\":\"重点测试" + n
				+ "\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"139" + String.format("%08d", n) + "\"}")
			.andExpect(status().isCreated()));
	}

	static long id(ResultActions result) throws Exception {
		String body = result.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("\"id\":");
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
