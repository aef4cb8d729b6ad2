package cn.shouwang.care;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.monitoring.MonitoringClock;
import cn.shouwang.monitoring.PersonalLinks;
import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Service requests (生活保障): who may ask, who may be sent, the status flow with its version
 * check, the household's own link, the overdue list and the export.
 */
@IntegrationTest
class CareTest {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final AtomicInteger SEQ = new AtomicInteger(3100);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	PersonalLinks links;

	@Autowired
	MonitoringClock clock;

	@Test
	void onlyAHouseholdUnderAMeasureOrWithAVulnerableMemberMayAskAndBadInputIsNamed() throws Exception {
		long plain = household();
		long before = requestCount();
		call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + plain + ",\"kind\":\"GROCERIES\",\"description\":\"买菜\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("householdId"))
			.andExpect(jsonPath("$.errors[0].code").value("care.notEligible"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("特殊群体")));
		call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + plain + "}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("kind")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("description")));
		long measured = householdUnderMeasure();
		call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + measured
				+ ",\"kind\":\"MEDICINE\",\"description\":\"降压药\",\"dueAt\":\"昨天\"}")
			.andExpect(jsonPath("$.errors[0].field").value("dueAt"))
			.andExpect(jsonPath("$.errors[0].code").value("care.dueAtFormat"));
		call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + measured
				+ ",\"kind\":\"MEDICINE\",\"description\":\"降压药\",\"dueAt\":\"2020-01-01T08:00\"}")
			.andExpect(jsonPath("$.errors[0].code").value("care.dueInPast"));
		// a household of another grid is not the grid worker's to enter
		long foreign = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", this.tree.grid(1, 1, 2)).query(Long.class).single();
		call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + foreign + ",\"kind\":\"OTHER\",\"description\":\"越界\"}")
			.andExpect(jsonPath("$.errors[0].code").value("care.householdNotFound"));
		call("volunteer", post("/api/v1/care/requests"), "{\"householdId\":" + measured + ",\"kind\":\"OTHER\",\"description\":\"x\"}")
			.andExpect(status().isForbidden());
		assertThat(requestCount()).as("nothing half-written").isEqualTo(before);

		Instant now = Instant.now();
		String groceries = call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + measured
				+ ",\"kind\":\"GROCERIES\",\"description\":\"一周的蔬菜\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("OPEN"))
			.andExpect(jsonPath("$.source").value("STAFF"))
			.andReturn().getResponse().getContentAsString();
		Instant due = Instant.parse(groceries.replaceAll("^.*\"dueAt\":\"([^\"]+)\".*$", "$1"));
		assertThat(Duration.between(now, due).toMinutes()).as("groceries are due within 4 hours").isBetween(235L, 245L);
		long vulnerable = household("ELDERLY_ALONE");
		call("grid", get("/api/v1/care/households/" + vulnerable), null).andExpect(jsonPath("$.eligibility.underMeasure").value(false))
			.andExpect(jsonPath("$.eligibility.tags[0]").value("ELDERLY_ALONE"));
		call("grid", post("/api/v1/care/requests"), "{\"householdId\":" + vulnerable
				+ ",\"kind\":\"PSYCHOLOGICAL\",\"description\":\"老人情绪低落\"}")
			.andExpect(status().isCreated());
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'serviceRequest' and after->>'householdId' = :h")
			.param("h", String.valueOf(vulnerable)).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void theDailyReportCountsTheDaysRequestsOpenedAndDoneOnceFromCaresOwnFigures() throws Exception {
		long c11 = this.tree.community(1, 1);
		long household = householdUnderMeasure();
		java.util.Map<String, Object> before = reportFigures(c11);
		long id = request("grid", household, "GROCERIES", "买菜送药");
		call("grid", post("/api/v1/care/requests/" + id + "/assign"), "{\"userId\":" + userId("volunteer") + ",\"version\":0}")
			.andExpect(status().isOk());
		call("volunteer", post("/api/v1/care/requests/" + id + "/done"), "{\"note\":\"已送到\",\"version\":1}")
			.andExpect(status().isOk());
		java.util.Map<String, Object> after = reportFigures(c11);
		// exactly one each: counted by care alone, not also by monitoring as before
		assertThat(figure(after, "monitoring.requestsOpened") - figure(before, "monitoring.requestsOpened")).isEqualTo(1);
		assertThat(figure(after, "monitoring.requestsDone") - figure(before, "monitoring.requestsDone")).isEqualTo(1);
	}

	private java.util.Map<String, Object> reportFigures(long community) throws Exception {
		return com.jayway.jsonpath.JsonPath.read(call("community", get("/api/v1/reports/" + community), null)
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.daily.figures");
	}

	private static long figure(java.util.Map<String, Object> figures, String code) {
		Object v = figures.get(code);
		return v == null ? 0 : ((Number) v).longValue();
	}

	@Test
	void aRequestGoesToAVolunteerWhoseJurisdictionCoversTheHouseholdAndFollowsTheStatusFlow() throws Exception {
		long id = request("grid", householdUnderMeasure(), "MEDICAL_VISIT", "陪同就医");
		long foreignVolunteer = user("VOLUNTEER", this.tree.community(1, 2));
		call("community", post("/api/v1/care/requests/" + id + "/assign"), "{\"userId\":" + foreignVolunteer + "}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("userId"))
			.andExpect(jsonPath("$.errors[0].code").value("care.volunteerNotServing"));
		call("community", post("/api/v1/care/requests/" + id + "/assign"), "{\"userId\":" + userId("medic") + "}")
			.andExpect(jsonPath("$.errors[0].code").value("care.volunteerNotServing"));
		call("community", get("/api/v1/care/requests/" + id + "/volunteers"), null)
			.andExpect(jsonPath("$[*].id", hasItem((int) userId("volunteer"))))
			.andExpect(jsonPath("$[*].id", not(hasItem((int) foreignVolunteer))));
		// done before anyone was sent is refused; a volunteer does not see what is not theirs
		call("community", post("/api/v1/care/requests/" + id + "/done"), "{\"note\":\"已办\"}")
			.andExpect(jsonPath("$.errors[0].code").value("care.notAssigned"));
		call("volunteer", get("/api/v1/care/requests/" + id), null).andExpect(status().isNotFound());
		call("community", post("/api/v1/care/requests/" + id + "/feedback"), "{\"satisfied\":true}")
			.andExpect(jsonPath("$.errors[0].code").value("care.feedbackOnlyWhenDone"));

		call("grid", post("/api/v1/care/requests/" + id + "/assign"), "{\"userId\":" + userId("volunteer") + ",\"version\":0}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ASSIGNED"))
			.andExpect(jsonPath("$.version").value(1));
		call("volunteer", get("/api/v1/care/my-tasks?size=200"), null).andExpect(jsonPath("$.items[*].id", hasItem((int) id)));
		assertThat(this.jdbc.sql("select title from notification where kind = 'CARE_ASSIGNED' and link = :l and user_id = :u")
			.param("l", "/care/requests/" + id).param("u", userId("volunteer")).query(String.class).single())
			.startsWith("新的生活保障任务：就医");
		call("volunteer", post("/api/v1/care/requests/" + id + "/cancel"), "{\"reason\":\"不想去\"}")
			.andExpect(status().isForbidden());
		call("volunteer", post("/api/v1/care/requests/" + id + "/done"), "{\"version\":1}")
			.andExpect(jsonPath("$.errors[0].field").value("note"));
		call("volunteer", post("/api/v1/care/requests/" + id + "/done"), "{\"note\":\"已陪同到区医院\",\"version\":1}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DONE"))
			.andExpect(jsonPath("$.doneNote").value("已陪同到区医院"));
		call("community", post("/api/v1/care/requests/" + id + "/cancel"), "{\"reason\":\"重复\"}")
			.andExpect(jsonPath("$.errors[0].code").value("care.alreadyClosed"));
		call("community", post("/api/v1/care/requests/" + id + "/feedback"), "{\"feedback\":\"很好\"}")
			.andExpect(jsonPath("$.errors[0].field").value("satisfied"));
		call("community", post("/api/v1/care/requests/" + id + "/feedback"), "{\"satisfied\":true,\"feedback\":\"很及时\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.satisfied").value(true))
			.andExpect(jsonPath("$.feedbackSource").value("STAFF"));
		call("community", post("/api/v1/care/requests/" + id + "/feedback"), "{\"satisfied\":false}")
			.andExpect(jsonPath("$.errors[0].code").value("care.feedbackGiven"));
		call("community", get("/api/v1/care/requests/" + id), null)
			.andExpect(jsonPath("$.events[*].kind").value(org.hamcrest.Matchers.contains("CREATED", "ASSIGNED", "DONE", "SATISFIED")));
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'serviceRequest' and entity_id = :id")
			.param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(4);

		long other = request("grid", householdUnderMeasure(), "OTHER", "代缴水电费");
		call("grid", post("/api/v1/care/requests/" + other + "/cancel"), "{}")
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		call("grid", post("/api/v1/care/requests/" + other + "/cancel"), "{\"reason\":\"住户已自行解决\"}")
			.andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void aChangeMadeMeanwhileBySomeoneElseIsRefusedNotOverwritten() throws Exception {
		long id = request("community", householdUnderMeasure(), "GROCERIES", "米和油");
		call("community", post("/api/v1/care/requests/" + id + "/assign"), "{\"userId\":" + userId("volunteer") + ",\"version\":0}")
			.andExpect(status().isOk());
		// the grid worker still has version 0 on the screen and cancels
		call("grid", post("/api/v1/care/requests/" + id + "/cancel"), "{\"reason\":\"重复登记\",\"version\":0}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("version"))
			.andExpect(jsonPath("$.errors[0].code").value("validation.staleVersion"));
		call("grid", get("/api/v1/care/requests/" + id), null).andExpect(jsonPath("$.request.status").value("ASSIGNED"))
			.andExpect(jsonPath("$.request.cancelReason").doesNotExist());
		// the same through the page: the form carries the version it showed
		var session = this.logins.session("grid");
		this.mvc.perform(post("/care/requests/" + id + "/done").session(session).with(csrf()).param("note", "送到了")
			.param("version", "0"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("errors"));
		assertThat(this.jdbc.sql("select status from service_request where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("ASSIGNED");
	}

	@Test
	void theHouseholdAsksForHelpAndGivesFeedbackThroughItsLink() throws Exception {
		long household = householdUnderMeasure();
		String token = this.links.issue(community(), household).token();
		String address = this.jdbc.sql("select address from household where id = :h").param("h", household).query(String.class).single();
		this.mvc.perform(get("/r/" + token + "/requests")).andExpect(status().isOk())
			.andExpect(content().string(containsString(address)))
			.andExpect(content().string(containsString("提交需求")));
		this.mvc.perform(post("/r/" + token + "/requests").with(csrf()).param("kind", "MEDICINE"))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("errors"));
		this.mvc.perform(post("/r/" + token + "/requests").with(csrf()).param("kind", "MEDICINE").param("description", "布洛芬一盒"))
			.andExpect(status().is3xxRedirection());
		long id = this.jdbc.sql("select id from service_request where household_id = :h and description = '布洛芬一盒'")
			.param("h", household).query(Long.class).single();
		assertThat(this.jdbc.sql("select source || ',' || created_by from service_request where id = :id").param("id", id)
			.query(String.class).single()).isEqualTo("LINK," + CareService.LINK_ACTOR);
		assertThat(this.jdbc.sql("select count(*) from notification where kind = 'CARE_REQUEST' and link = :l and user_id = :u")
			.param("l", "/care/requests/" + id).param("u", userId("grid")).query(Long.class).single())
			.as("the grid worker is told").isEqualTo(1);
		call("grid", get("/api/v1/care/requests?size=200&q=布洛芬一盒"), null).andExpect(jsonPath("$.items[0].id").value(id))
			.andExpect(jsonPath("$.items[0].source").value("LINK"));
		call("grid", post("/api/v1/care/requests/" + id + "/assign"), "{\"userId\":" + userId("volunteer") + "}");
		// feedback before it is done is refused
		this.mvc.perform(post("/r/" + token + "/requests/" + id + "/feedback").with(csrf()).param("satisfied", "true"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("errors"));
		call("volunteer", post("/api/v1/care/requests/" + id + "/done"), "{\"note\":\"已送药上门\"}").andExpect(status().isOk());
		this.mvc.perform(get("/r/" + token + "/requests")).andExpect(content().string(containsString("已送药上门")));
		this.mvc.perform(post("/r/" + token + "/requests/" + id + "/feedback").with(csrf()).param("satisfied", "false")
			.param("feedback", "送晚了").param("version", "2"))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("notice", "感谢您的评价"));
		call("grid", get("/api/v1/care/requests/" + id), null).andExpect(jsonPath("$.request.satisfied").value(false))
			.andExpect(jsonPath("$.request.feedback").value("送晚了"))
			.andExpect(jsonPath("$.request.feedbackSource").value("LINK"))
			.andExpect(jsonPath("$.events[3].kind").value("NOT_SATISFIED"));
		// the person's timeline names the household, not the link's internal actor
		long person = this.jdbc.sql("select person_id from control_measure where household_id = :h").param("h", household)
			.query(Long.class).single();
		this.mvc.perform(get("/monitoring/persons/" + person).session(this.logins.session("grid"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("布洛芬一盒")))
			.andExpect(content().string(containsString("住户自助提交")))
			.andExpect(content().string(not(containsString(CareService.LINK_ACTOR))));
		// another household's request is not reachable through this link
		long other = request("grid", householdUnderMeasure(), "OTHER", "别家的需求");
		this.mvc.perform(post("/r/" + token + "/requests/" + other + "/feedback").with(csrf()).param("satisfied", "true"))
			.andExpect(status().isNotFound());
	}

	@Test
	void anAlteredExpiredOrRevokedLinkIsRefusedWithItsReasonAndWritesNothing() throws Exception {
		long household = householdUnderMeasure();
		PersonalLinks.Issued issued = this.links.issue(community(), household);
		String token = issued.token();
		long before = requestCount();
		// a character in the middle: the last one of base64url also carries bits the decoder drops
		char middle = token.charAt(10);
		String tampered = token.substring(0, 10) + (middle == 'A' ? 'B' : 'A') + token.substring(11);
		this.mvc.perform(get("/r/" + tampered + "/requests")).andExpect(status().isForbidden())
			.andExpect(content().string(containsString("链接无效")));
		this.mvc.perform(post("/r/" + tampered + "/requests").with(csrf()).param("kind", "GROCERIES").param("description", "篡改"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/r/abc/requests")).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("链接不完整")));
		this.clock.fixAt(Instant.now().plus(Duration.ofDays(40)));
		try {
			this.mvc.perform(get("/r/" + token + "/requests")).andExpect(status().isGone())
				.andExpect(content().string(containsString("已过期")));
			this.mvc.perform(post("/r/" + token + "/requests").with(csrf()).param("kind", "GROCERIES").param("description", "过期"))
				.andExpect(status().isGone());
		}
		finally {
			this.clock.fixAt(null);
		}
		this.links.revoke(community(), issued.id());
		this.mvc.perform(get("/r/" + token + "/requests")).andExpect(status().isGone())
			.andExpect(content().string(containsString("已被社区停用")));
		assertThat(requestCount()).isEqualTo(before);
	}

	@Test
	void theOverdueListHoldsOpenRequestsPastTheirDueTimeAndTheHomePageCountsThem() throws Exception {
		long late = request("grid", householdUnderMeasure(), "GROCERIES", "超时测试-未办");
		long lateButDone = request("grid", householdUnderMeasure(), "GROCERIES", "超时测试-已办");
		long notYet = request("grid", householdUnderMeasure(), "GROCERIES", "超时测试-未到时限");
		call("grid", post("/api/v1/care/requests/" + lateButDone + "/assign"), "{\"userId\":" + userId("volunteer") + "}");
		call("volunteer", post("/api/v1/care/requests/" + lateButDone + "/done"), "{\"note\":\"送到\"}");
		this.jdbc.sql("update service_request set due_at = now() - interval '1 hour' where id in (:a, :b)")
			.param("a", late).param("b", lateButDone).update();
		String body = call("grid", get("/api/v1/care/requests?overdue=true&size=200&q=超时测试"), null)
			.andExpect(jsonPath("$.items[0].overdue").value(true))
			.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("\"id\":" + late + ",").doesNotContain("\"id\":" + lateButDone + ",")
			.doesNotContain("\"id\":" + notYet + ",");
		call("grid", get("/api/v1/care/requests/counts"), null)
			.andExpect(jsonPath("$.overdue").value(org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
		var session = this.logins.session("grid");
		this.mvc.perform(get("/").session(session)).andExpect(content().string(containsString("超时未办的生活保障需求")));
		this.mvc.perform(get("/care?overdue=true&q=超时测试").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("超时测试-未办")))
			.andExpect(content().string(not(containsString("超时测试-已办"))));
	}

	@Test
	void theExportListsTheFilteredRequestsInTheUsersLanguage() throws Exception {
		long id = request("community", householdUnderMeasure(), "GROCERIES", "导出测试-鸡蛋");
		MvcResult result = this.mvc.perform(get("/care/export.xlsx?q=导出测试").session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andReturn();
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			List<Row> rows = wb.getFirstSheet().read();
			assertThat(rows.get(0).getCellText(2)).isEqualTo("类别");
			assertThat(rows).hasSize(2);
			assertThat(rows.get(1).getCellText(0)).isEqualTo(String.valueOf(id));
			assertThat(rows.get(1).getCellText(2)).isEqualTo("买菜（生活物资）");
			assertThat(rows.get(1).getCellText(3)).isEqualTo("导出测试-鸡蛋");
			assertThat(rows.get(1).getCellText(5)).isEqualTo("待派单");
		}
		this.mvc.perform(get("/care/export.xlsx").session(this.logins.session("guard"))).andExpect(status().isForbidden());
	}

	@Test
	void thePagesWorkForWorkersAndTheVolunteersTasksOnAPhone() throws Exception {
		long household = householdUnderMeasure();
		var grid = this.logins.session("grid");
		long measure = this.jdbc.sql("select id from control_measure where household_id = :h").param("h", household)
			.query(Long.class).single();
		this.mvc.perform(get("/registry/households/" + household).session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/care/new?householdId=" + household)));
		this.mvc.perform(get("/monitoring/measures/" + measure).session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/care/new?householdId=" + household)));
		this.mvc.perform(get("/care/new").session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("/registry/households/options")));
		this.mvc.perform(get("/care/new?householdId=" + household).session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("有人正在接受管控措施")));
		this.mvc.perform(post("/care/requests").session(grid).with(csrf()).param("householdId", String.valueOf(household))
			.param("kind", "MEDICINE").param("description", "页面登记-感冒药"))
			.andExpect(status().is3xxRedirection());
		long id = this.jdbc.sql("select id from service_request where description = '页面登记-感冒药'").query(Long.class).single();
		this.mvc.perform(get("/care/requests/" + id).session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("派给志愿者")));
		this.mvc.perform(post("/care/requests/" + id + "/assign").session(grid).with(csrf())
			.param("userId", String.valueOf(userId("volunteer"))).param("version", "0"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("notice", "已派单"));
		this.mvc.perform(get("/care").session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("页面登记-感冒药")));
		this.mvc.perform(get("/care?householdId=" + household).session(grid)).andExpect(status().isOk())
			.andExpect(content().string(containsString("页面登记-感冒药")))
			.andExpect(content().string(containsString("共 1 条")));
		this.mvc.perform(get("/care/requests/" + id).session(grid).param("lang", "en")).andExpect(status().isOk())
			.andExpect(content().string(containsString("Timeline")));
		var volunteer = this.logins.session("volunteer");
		this.mvc.perform(get("/care/mine").session(volunteer)).andExpect(status().isOk())
			.andExpect(content().string(containsString("页面登记-感冒药")));
		this.mvc.perform(get("/").session(volunteer)).andExpect(content().string(containsString("待办的生活保障任务")));
		this.mvc.perform(post("/care/requests/" + id + "/done").session(volunteer).with(csrf()).param("note", "已送到门口")
			.param("version", "1").param("back", "mine"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/care/mine"));
		this.mvc.perform(get("/care/mine?closed=true").session(volunteer)).andExpect(content().string(containsString("已送到门口")));
		this.mvc.perform(get("/care").session(volunteer)).andExpect(status().isOk())
			.andExpect(content().string(containsString("页面登记-感冒药")));
		this.mvc.perform(get("/care").session(this.logins.session("resident"))).andExpect(status().isForbidden());
		this.mvc.perform(get("/care/new").session(volunteer)).andExpect(status().isForbidden());
	}

	@Test
	void theApiIsDescribedAndEveryCareMessageIsInBothLanguages() throws Exception {
		this.mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/care/requests'].post").exists())
			.andExpect(jsonPath("$.paths['/api/v1/care/requests/{id}/assign'].post.summary").value(containsString("volunteer")))
			.andExpect(jsonPath("$.paths['/api/v1/care/my-tasks'].get").exists());
		java.util.Properties zh = new java.util.Properties();
		java.util.Properties en = new java.util.Properties();
		try (var in = getClass().getResourceAsStream("/messages.properties")) {
			zh.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		try (var in = getClass().getResourceAsStream("/messages_en.properties")) {
			en.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		List<String> keys = zh.stringPropertyNames().stream().filter(k -> k.startsWith("care.")).toList();
		assertThat(keys).hasSizeGreaterThan(50);
		assertThat(keys).allSatisfy(k -> assertThat(en.getProperty(k)).as(k).isNotBlank());
		for (RequestKind k : RequestKind.values()) {
			assertThat(zh.getProperty(k.messageKey())).isNotBlank();
		}
		for (RequestStatus st : RequestStatus.values()) {
			assertThat(zh.getProperty(st.messageKey())).isNotBlank();
		}
	}

	// ---- fixtures

	/** A new household in the grid worker's grid, with one member carrying these tags (none: empty household). */
	long household(String... tags) throws Exception {
		int n = SEQ.incrementAndGet();
		long household = id(call("grid", post("/api/v1/households"), "{\"nodeId\":" + this.tree.grid(1, 1, 1)
				+ ",\"unitNo\":\"保障\",\"roomNo\":\"" + n + "\",\"address\":\"保障测试楼" + n + "号\"}"));
		if (tags.length > 0) {
			person(household, tags);
		}
		return household;
	}

	/** A new household with a member under a running measure (daily health monitoring). */
	long householdUnderMeasure() throws Exception {
		long household = household();
		long person = person(household);
		long kp = id(call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\""
				+ LocalDate.now(SHANGHAI).minusDays(1) + "\"}").andExpect(status().isCreated());
		return household;
	}

	long person(long household, String... tags) throws Exception {
		int n = SEQ.incrementAndGet();
		String first17 = "110109" + (1950 + n % 50) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "5";
		String tagJson = tags.length == 0 ? "" : ",\"tags\":[\"" + String.join("\",\"", tags) + "\"]";
		return id(call("grid", post("/api/v1/households/" + household + "/persons"), "{\"name\":\"保障测试" + n
				+ "\",\"idNumber\":\"" + first17 + ChineseIdNumber.checkCharacter(first17) + "\"" + tagJson + "}"));
	}

	long request(String user, long household, String kind, String description) throws Exception {
		return id(call(user, post("/api/v1/care/requests"), "{\"householdId\":" + household + ",\"kind\":\"" + kind
				+ "\",\"description\":\"" + description + "\"}").andExpect(status().isCreated()));
	}

	long user(String role, long node) throws Exception {
		return id(call("admin", post("/api/v1/users"), "{\"username\":\"care-" + SEQ.incrementAndGet()
				+ "\",\"displayName\":\"外社区志愿者\",\"role\":\"" + role + "\",\"nodeId\":" + node
				+ ",\"initialPassword\":\"Initial@Pass2026\"}"));
	}

	long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u").param("u", username).query(Long.class).single();
	}

	ShouwangPrincipal community() {
		long node = this.tree.nodeOf("community");
		String path = this.jdbc.sql("select path from jurisdiction_node where id = :n").param("n", node).query(String.class).single();
		return new ShouwangPrincipal(userId("community"), "community", "社区", Role.COMMUNITY_WORKER, node, path, "社区",
				false, false, true, null);
	}

	long requestCount() {
		return this.jdbc.sql("select count(*) from service_request").query(Long.class).single();
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
