package cn.shouwang.survey;

import java.time.LocalDate;
import java.time.OffsetDateTime;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A survey round as a community organises it and its teams knock on doors. */
@IntegrationTest
class SurveyTest {

	private static final AtomicInteger SEQ = new AtomicInteger(600);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aRoundListsEveryHouseholdAndAVisitWithAFeverMakesAKeyPersonAndMovesTheCounters() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		long households = this.jdbc.sql("""
				select count(*) from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				""").param("n", this.tree.community(1, 1)).query(Long.class).single();
		progress("community", round).andExpect(jsonPath("$.total.households").value(households))
			.andExpect(jsonPath("$.total.done").value(0));
		long household = pendingHousehold(round, this.tree.grid(1, 1, 1));
		long member = member(household);
		String visit = UUID.randomUUID().toString();
		String body = "{\"id\":\"" + visit + "\",\"campaignId\":" + round + ",\"householdId\":" + household
				+ ",\"outcome\":\"VISITED\",\"persons\":[{\"personId\":" + member + ",\"present\":true,\"temperature\":\"38.2\","
				+ "\"symptoms\":[\"DRY_COUGH\"]}]}";
		call("grid", post("/api/v1/survey/visits"), body).andExpect(status().isCreated())
			.andExpect(jsonPath("$.replayed").value(false))
			.andExpect(jsonPath("$.findings").value(1));
		// the same upload again (a retried sync): stored once
		for (int i = 0; i < 3; i++) {
			call("grid", post("/api/v1/survey/visits"), body).andExpect(status().isOk()).andExpect(jsonPath("$.replayed").value(true));
		}
		assertThat(this.jdbc.sql("select count(*) from survey_visit where household_id = :h and campaign_id = :c")
			.param("h", household).param("c", round).query(Long.class).single()).isEqualTo(1);
		String kp = this.jdbc.sql("select category || '/' || source || '/' || temperature from key_person where person_id = :p and survey_campaign_id = :c")
			.param("p", member).param("c", round).query(String.class).single();
		assertThat(kp).isEqualTo("SYMPTOMATIC/SURVEY/38.2");
		progress("community", round).andExpect(jsonPath("$.total.done").value(1))
			.andExpect(jsonPath("$.total.findings").value(1))
			.andExpect(jsonPath("$.total.findingsOpen").value(1))
			.andExpect(jsonPath("$.total.controlClear").value(false));
		// another visit of a settled household is refused with that reason
		call("grid", post("/api/v1/survey/visits"), "{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round
				+ ",\"householdId\":" + household + ",\"outcome\":\"VISITED\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("survey.alreadySettled"));
		call("grid", get("/api/v1/survey/campaigns/" + round + "/households/" + household + "/visits"), null)
			.andExpect(jsonPath("$[0].checks[0].temperature").value(38.2));
	}

	@Test
	void nobodyHomeGoesToTheRevisitListUntilSomeoneIsMet() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		long household = pendingHousehold(round, this.tree.grid(1, 1, 1));
		call("grid", post("/api/v1/survey/visits"), visit(round, household, "NOBODY_HOME")).andExpect(status().isCreated());
		progress("grid", round).andExpect(jsonPath("$.total.revisit").value(1)).andExpect(jsonPath("$.total.done").value(0));
		call("grid", post("/api/v1/survey/visits"), visit(round, household, "NOBODY_HOME")).andExpect(status().isCreated());
		progress("grid", round).andExpect(jsonPath("$.total.revisit").value(1));
		call("grid", get("/api/v1/survey/campaigns/" + round + "/households?state=REVISIT"), null)
			.andExpect(jsonPath("$.items[*].householdId", hasItem((int) household)));
		call("grid", post("/api/v1/survey/visits"), visit(round, household, "VISITED")).andExpect(status().isCreated());
		progress("grid", round).andExpect(jsonPath("$.total.revisit").value(0)).andExpect(jsonPath("$.total.done").value(1));
		call("grid", get("/api/v1/survey/campaigns/" + round + "/households?state=REVISIT"), null)
			.andExpect(jsonPath("$.items[*].householdId", org.hamcrest.Matchers.not(hasItem((int) household))));
		call("grid", get("/api/v1/survey/campaigns/" + round + "/households?state=DONE"), null)
			.andExpect(jsonPath("$.items[0].visits").value(3));
		// a grid worker's progress is their grid; the community sees its grids with the four clears
		progress("community", round).andExpect(jsonPath("$.lines[*].name", hasItem(gridName(this.tree.grid(1, 1, 1)))));
	}

	@Test
	void aNewResidentIsRegisteredFromTheSameFormAndALeaverIsMarkedMovedOut() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		long household = pendingHousehold(round, this.tree.grid(1, 1, 1));
		long leaver = member(household);
		long before = this.jdbc.sql("select count(*) from person").query(Long.class).single();
		String bad = "{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round + ",\"householdId\":" + household
				+ ",\"outcome\":\"VISITED\",\"persons\":[{\"personId\":" + leaver + ",\"movedOut\":true}],"
				+ "\"newResidents\":[{\"name\":\"新住户\",\"idNumber\":\"1.10101E+17\"}]}";
		call("grid", post("/api/v1/survey/visits"), bad).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("newResidents[0].idNumber"))
			.andExpect(jsonPath("$.errors[0].code").value("idnumber.SCIENTIFIC_NOTATION"));
		// nothing half-written: the leaver is still registered, nobody new, no visit
		assertThat(personStatus(leaver)).isEqualTo("ACTIVE");
		assertThat(this.jdbc.sql("select count(*) from person").query(Long.class).single()).isEqualTo(before);
		String good = bad.replace("1.10101E+17", idNumber()).replaceFirst("\"id\":\"[^\"]+\"", "\"id\":\"" + UUID.randomUUID() + "\"");
		call("grid", post("/api/v1/survey/visits"), good).andExpect(status().isCreated())
			.andExpect(jsonPath("$.newPersonIds[0]").isNumber());
		assertThat(personStatus(leaver)).isEqualTo("MOVED_OUT");
		assertThat(this.jdbc.sql("select count(*) from person where household_id = :h and name = '新住户'").param("h", household)
			.query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void travelThroughARiskAreaInForceMakesAReturnee() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String region = "排查风险区" + SEQ.incrementAndGet();
		call("street", post("/api/v1/risk-areas"), "{\"region\":\"" + region + "\",\"level\":\"HIGH\",\"effectiveFrom\":\""
				+ today.minusDays(10) + "\"}").andExpect(status().isCreated());
		long round = newRound("community", this.tree.community(1, 1));
		long household = pendingHousehold(round, this.tree.grid(1, 1, 1));
		long member = member(household);
		call("grid", post("/api/v1/survey/visits"), "{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round
				+ ",\"householdId\":" + household + ",\"outcome\":\"VISITED\",\"persons\":[{\"personId\":" + member
				+ ",\"present\":true,\"travel\":[{\"place\":\"" + region + "某小区\",\"from\":\"" + today.minusDays(5)
				+ "\",\"to\":\"" + today.minusDays(3) + "\"}]}]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.findings").value(1));
		assertThat(this.jdbc.sql("select category || '/' || return_date from key_person where person_id = :p and survey_campaign_id = :c")
			.param("p", member).param("c", round).query(String.class).single())
			.isEqualTo("RISK_AREA_RETURNEE/" + today.minusDays(3));
	}

	@Test
	void badVisitsAreRefusedWithTheFieldNamedAndNothingStored() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		long household = pendingHousehold(round, this.tree.grid(1, 1, 1));
		long member = member(household);
		long visits = visitCount();
		String head = "{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round + ",\"householdId\":" + household;
		call("grid", post("/api/v1/survey/visits"), head + ",\"outcome\":\"VISITED\",\"persons\":[{\"personId\":" + member
				+ ",\"present\":true,\"temperature\":\"45\"}]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("persons[0].temperature"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("34 到 43")));
		call("grid", post("/api/v1/survey/visits"), head + ",\"outcome\":\"VISITED\",\"visitedAt\":\""
				+ OffsetDateTime.now().plusDays(1) + "\"}")
			.andExpect(jsonPath("$.errors[0].code").value("survey.visitedAt.future"));
		call("grid", post("/api/v1/survey/visits"), head + ",\"outcome\":\"VISITED\",\"persons\":[{\"personId\":" + member
				+ ",\"present\":true,\"travel\":[{\"place\":\"某地\",\"from\":\"2026-11-20\",\"to\":\"2026-11-01\"}]}]}")
			.andExpect(jsonPath("$.errors[0].field").value("persons[0].travel[0].to"));
		call("grid", post("/api/v1/survey/visits"), head + ",\"outcome\":\"NOBODY_HOME\",\"persons\":[{\"personId\":" + member
				+ ",\"present\":true}]}")
			.andExpect(jsonPath("$.errors[0].code").value("survey.nobodyMetButPersons"));
		call("grid", post("/api/v1/survey/visits"), "{\"campaignId\":" + round + ",\"householdId\":" + household
				+ ",\"outcome\":\"VISITED\"}")
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		call("grid", post("/api/v1/survey/visits"), head + ",\"outcome\":\"MAYBE\"}").andExpect(status().isBadRequest());
		// a household of the next grid is outside the grid worker's jurisdiction
		long other = pendingHousehold(round, this.tree.grid(1, 1, 2));
		call("grid", post("/api/v1/survey/visits"), visit(round, other, "VISITED")).andExpect(status().isNotFound());
		assertThat(visitCount()).isEqualTo(visits);
	}

	@Test
	void aVolunteerKnocksOnlyOnTheGridsOfTheirTeam() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		long volunteer = this.jdbc.sql("select id from app_user where username = 'volunteer'").query(Long.class).single();
		long mine = pendingHousehold(round, this.tree.grid(1, 1, 1));
		long other = pendingHousehold(round, this.tree.grid(1, 1, 2));
		call("volunteer", post("/api/v1/survey/visits"), visit(round, mine, "VISITED")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("survey.notYourGrid"));
		call("community", post("/api/v1/survey/campaigns/" + round + "/teams"), "{\"name\":\"第一队\",\"memberIds\":[" + volunteer
				+ "],\"gridIds\":[" + this.tree.grid(1, 1, 1) + "]}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.members[0].displayName").value("志愿者"));
		call("volunteer", post("/api/v1/survey/visits"), visit(round, mine, "VISITED")).andExpect(status().isCreated());
		call("volunteer", post("/api/v1/survey/visits"), visit(round, other, "VISITED")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("survey.notYourGrid"));
		call("volunteer", get("/api/v1/survey/campaigns/" + round + "/doors"), null)
			.andExpect(jsonPath("$[*].householdId", hasItem((int) mine)));
		// a team needs grids of the round and members who can see them
		call("community", post("/api/v1/survey/campaigns/" + round + "/teams"), "{\"name\":\"第二队\",\"memberIds\":[],"
				+ "\"gridIds\":[" + this.tree.community(1, 1) + "]}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].code", hasItem("survey.team.notAGridOfTheRound")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("survey.team.noMembers")));
	}

	@Test
	void anOfflineBatchIsStoredOnceAndARejectedVisitDoesNotHoldBackTheOthers() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		long a = pendingHousehold(round, this.tree.grid(1, 1, 1));
		String first = visit(round, a, "VISITED");
		String bad = "{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round + ",\"householdId\":" + a
				+ ",\"outcome\":\"VISITED\",\"persons\":[{\"personId\":1,\"present\":true}]}";
		call("grid", post("/api/v1/survey/visits/batch"), "[" + first + "," + bad + "," + first + "]")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].status").value("STORED"))
			.andExpect(jsonPath("$[1].status").value("REJECTED"))
			.andExpect(jsonPath("$[1].errors[0].field").value("persons[0].personId"))
			.andExpect(jsonPath("$[2].status").value("REPLAYED"));
	}

	@Test
	void thePagesAndTheDoorFormWorkForAGridWorker() throws Exception {
		long round = newRound("community", this.tree.community(1, 1));
		var session = this.logins.session("grid");
		this.mvc.perform(get("/survey").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("入户排查")));
		this.mvc.perform(get("/survey/campaigns/" + round).session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("人数清")));
		this.mvc.perform(get("/survey/campaigns/" + round + "/households?state=REVISIT").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("走访台账")));
		this.mvc.perform(get("/survey/campaigns/" + round + "/households.xlsx").session(session)).andExpect(status().isOk());
		this.mvc.perform(get("/survey/campaigns/" + round + "/progress.xlsx").session(this.logins.session("community")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/survey/campaigns/" + round + "/door").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("全部在家")));
		this.mvc.perform(get("/survey/campaigns/" + round + "/doors.json").session(session)).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].members").isArray());
		long household = pendingHousehold(round, this.tree.grid(1, 1, 1));
		this.mvc.perform(post("/survey/visits.json").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content(visit(round, household, "REFUSED"))).andExpect(status().isCreated());
		this.mvc.perform(post("/survey/visits.json").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("householdId"));
		var organiser = this.logins.session("community");
		this.mvc.perform(post("/survey/campaigns").session(organiser).with(csrf()).param("name", "").param("deadline", "明天"))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("errors"));
	}

	private long newRound(String user, long node) throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String body = call(user, post("/api/v1/survey/campaigns"), "{\"nodeId\":" + node + ",\"name\":\"第" + SEQ.incrementAndGet()
				+ "轮排查\",\"startsOn\":\"" + today.minusDays(1) + "\",\"deadline\":\"" + today.plusDays(7) + "\"}")
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

	private ResultActions progress(String user, long round) throws Exception {
		return call(user, get("/api/v1/survey/campaigns/" + round + "/progress"), null).andExpect(status().isOk());
	}

	private String visit(long round, long household, String outcome) {
		return "{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round + ",\"householdId\":" + household
				+ ",\"outcome\":\"" + outcome + "\"}";
	}

	/** A household of the grid with members that no visit of this round has reached. */
	private long pendingHousehold(long round, long grid) {
		return this.jdbc.sql("""
				select s.household_id from survey_household s
				where s.campaign_id = :c and s.grid_id = :g and s.outcome is null
				  and exists (select 1 from person p where p.household_id = s.household_id and p.status = 'ACTIVE')
				  -- nobody there with an open key-person record, which a finding would add to instead
				  and not exists (select 1 from key_person k join person p on p.id = k.person_id
				                  where p.household_id = s.household_id and k.status in ('NEW', 'VERIFIED', 'UNDER_MEASURE'))
				order by random() limit 1
				""").param("c", round).param("g", grid).query(Long.class).single();
	}

	private long member(long household) {
		return this.jdbc.sql("select min(id) from person where household_id = :h and status = 'ACTIVE'").param("h", household)
			.query(Long.class).single();
	}

	private String personStatus(long person) {
		return this.jdbc.sql("select status from person where id = :p").param("p", person).query(String.class).single();
	}

	private String gridName(long grid) {
		return this.jdbc.sql("select name from jurisdiction_node where id = :g").param("g", grid).query(String.class).single();
	}

	private long visitCount() {
		return this.jdbc.sql("select count(*) from survey_visit").query(Long.class).single();
	}

	private static String idNumber() {
		int n = SEQ.incrementAndGet();
		String first17 = "110109" + (1970 + n % 30) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "2";
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

	private ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(this.logins.as(user, request));
	}

}
