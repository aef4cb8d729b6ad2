package cn.shouwang.reporting;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The daily report and its roll-up by DHIS2's rules: reporting rate = complete ÷ expected, on-time
 * rate = complete by the deadline ÷ expected, late and missing lists, figures that add up from
 * communities to streets to the district, computed from the records and kept as submitted.
 * Quiet days in 2025 (nothing recorded then) keep the tests apart from the rest of the suite's data.
 */
@IntegrationTest
class ReportingTest {

	private static final AtomicInteger SEQ = new AtomicInteger();

	private static final AtomicInteger PEOPLE = new AtomicInteger();

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	ReportingClock clock;

	@Autowired
	ReportReminders reminders;

	@AfterEach
	void realTime() {
		this.clock.fixAt(null);
	}

	@Test
	void reportingAndOnTimeRatesCountCompleteReportsAgainstTheExpectedOnes() throws Exception {
		LocalDate day = quietDay();
		long c11 = this.tree.community(1, 1);
		long c12 = this.tree.community(1, 2);
		long street = this.tree.street(1);
		at(day, "20:00");
		call("community", post("/api/v1/reports/" + c11 + "/zero"), "{\"day\":\"" + day + "\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUBMITTED"))
			.andExpect(jsonPath("$.zero").value(true))
			.andExpect(jsonPath("$.onTime").value(true));
		// before the deadline the other community is pending, not missing
		call("street", get("/api/v1/reports/" + street + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.total.expected").value(2))
			.andExpect(jsonPath("$.rollup.total.submitted").value(1))
			.andExpect(jsonPath("$.rollup.total.reportingRate").value(50.0))
			.andExpect(jsonPath("$.rollup.total.onTimeRate").value(50.0))
			.andExpect(jsonPath("$.rollup.pending[*].nodeId", hasItem((int) c12)))
			.andExpect(jsonPath("$.rollup.missing").isEmpty());
		// past the deadline (10:00 the next day): missing, and locked
		at(day.plusDays(1), "10:01");
		call("street", get("/api/v1/reports/" + street + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.missing[0].nodeId").value((int) c12))
			.andExpect(jsonPath("$.rollup.pending").isEmpty());
		call("street", post("/api/v1/reports/" + c12 + "/submit"), "{\"day\":\"" + day + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("day"))
			.andExpect(jsonPath("$.errors[0].code").value("report.locked"));
		// the street reopens it; submitted now, it is complete but late
		call("community", post("/api/v1/reports/" + c11 + "/reopen"), "{\"day\":\"" + day + "\"}")
			.andExpect(status().isForbidden());
		call("street", post("/api/v1/reports/" + c12 + "/reopen"), "{\"day\":\"" + day + "\",\"reason\":\"补报\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locked").value(false));
		call("street", post("/api/v1/reports/" + c12 + "/submit"), "{\"day\":\"" + day + "\",\"note\":\"补报：无异常\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.onTime").value(false));
		call("street", get("/api/v1/reports/" + street + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.total.submitted").value(2))
			.andExpect(jsonPath("$.rollup.total.onTime").value(1))
			.andExpect(jsonPath("$.rollup.total.reportingRate").value(100.0))
			.andExpect(jsonPath("$.rollup.total.onTimeRate").value(50.0))
			.andExpect(jsonPath("$.rollup.late[0].nodeId").value((int) c12))
			.andExpect(jsonPath("$.rollup.missing").isEmpty());
		// the district expects all four communities: two reported, one on time
		call("admin", get("/api/v1/reports/" + this.tree.district() + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.total.expected").value(4))
			.andExpect(jsonPath("$.rollup.total.reportingRate").value(50.0))
			.andExpect(jsonPath("$.rollup.total.onTimeRate").value(25.0))
			.andExpect(jsonPath("$.rollup.lines[0].reportingRate").value(100.0))
			.andExpect(jsonPath("$.rollup.lines[1].reportingRate").value(0.0))
			.andExpect(jsonPath("$.rollup.missing[*].nodeId", hasItem((int) this.tree.community(2, 1))));
		// a second submission is refused; approval is the street's
		call("community", post("/api/v1/reports/" + c11 + "/zero"), "{\"day\":\"" + day + "\"}")
			.andExpect(jsonPath("$.errors[0].code").value("report.locked"));
		call("community", post("/api/v1/reports/" + c11 + "/approve"), "{\"day\":\"" + day + "\"}")
			.andExpect(status().isForbidden());
		call("street", post("/api/v1/reports/" + c11 + "/approve"), "{\"day\":\"" + day + "\"}")
			.andExpect(jsonPath("$.status").value("APPROVED"));
		call("street", get("/api/v1/reports/" + street + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.total.approved").value(1));
		call("street", get("/api/v1/reports/" + c11 + "/history?day=" + day), null)
			.andExpect(jsonPath("$[*].kind", hasItem("ZERO_SUBMITTED")))
			.andExpect(jsonPath("$[*].kind", hasItem("APPROVED")));
	}

	@Test
	void theRollUpIsTheSumOfTheCommunitiesReportsAsSubmittedAndAsComputedLive() throws Exception {
		LocalDate day = quietDay();
		at(day, "21:00");
		List<Long> communities = List.of(this.tree.community(1, 1), this.tree.community(1, 2), this.tree.community(2, 1),
				this.tree.community(2, 2));
		// the quiet day had passages in two streets' communities; its stock figures are as they stood then
		for (long c : List.of(communities.get(0), communities.get(2))) {
			this.jdbc.sql("""
					insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, temperature, decision, reason)
					values (gen_random_uuid(), :at, -1, :p, 'IN', 36.5, 'ALLOWED', 'allowed')
					""").param("at", java.sql.Timestamp.from(day.atTime(12, 0).atZone(ZONE).toInstant())).param("p", path(c))
				.update();
		}
		Map<Long, Map<String, Long>> submitted = new HashMap<>();
		for (long c : communities) {
			String body = call("admin", post("/api/v1/reports/" + c + "/submit"), "{\"day\":\"" + day + "\"}")
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			submitted.put(c, figures(JsonPath.read(body, "$.figures")));
		}
		assertThat(submitted.get(communities.get(0)).get("checkpoint.passages")).isEqualTo(1);
		assertThat(submitted.get(communities.get(2)).get("checkpoint.passages")).isEqualTo(1);
		Map<String, Long> street1 = sum(submitted.get(communities.get(0)), submitted.get(communities.get(1)));
		Map<String, Long> all = sum(street1, sum(submitted.get(communities.get(2)), submitted.get(communities.get(3))));
		String district = call("admin", get("/api/v1/reports/" + this.tree.district() + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.total.reportingRate").value(100.0))
			.andReturn().getResponse().getContentAsString();
		assertThat(figures(JsonPath.read(district, "$.rollup.lines[0].figures"))).isEqualTo(street1);
		assertThat(figures(JsonPath.read(district, "$.rollup.total.figures"))).isEqualTo(all);
		// computed from the records now: the same, nothing having changed since
		String live = call("admin", get("/api/v1/reports/" + this.tree.district() + "?day=" + day + "&live=true"), null)
			.andReturn().getResponse().getContentAsString();
		assertThat(figures(JsonPath.read(live, "$.rollup.total.figures"))).isEqualTo(all);
		assertThat(figures(JsonPath.read(live, "$.rollup.lines[0].figures"))).isEqualTo(street1);
	}

	@Test
	void theDraftCountsTheDaysRecordsAndAZeroReportIsRefusedWhenSomethingHappened() throws Exception {
		long c11 = this.tree.community(1, 1);
		long grid = this.tree.grid(1, 1, 1);
		String gridPath = path(grid);
		Map<String, Long> before = figures(JsonPath.read(call("community", get("/api/v1/reports/" + c11), null)
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(), "$.daily.figures"));
		Map<String, Long> streetBefore = lineFigures("street", this.tree.street(1), c11);
		// a fever turned back at a checkpoint of the grid, and a new key person
		this.jdbc.sql("""
				insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, temperature, decision, reason)
				values (gen_random_uuid(), now(), -1, :p, 'IN', 38.2, 'TURNED_BACK', 'fever')
				""").param("p", gridPath).update();
		this.jdbc.sql("""
				insert into key_person(person_id, name, jurisdiction_path, category, source, created_by)
				select p.id, p.name, p.jurisdiction_path, 'OTHER', 'MANUAL', 'test' from person p
				where p.jurisdiction_path like :p || '%' and p.status = 'ACTIVE'
				  and not exists (select 1 from key_person k where k.person_id = p.id and k.category = 'OTHER'
				                  and k.status in ('NEW', 'VERIFIED', 'UNDER_MEASURE'))
				limit 1
				""").param("p", gridPath).update();
		String body = call("community", get("/api/v1/reports/" + c11), null).andReturn().getResponse().getContentAsString();
		Map<String, Long> after = figures(JsonPath.read(body, "$.daily.figures"));
		assertThat(delta(before, after, "checkpoint.passages")).isEqualTo(1);
		assertThat(delta(before, after, "checkpoint.turnedBack")).isEqualTo(1);
		assertThat(delta(before, after, "checkpoint.fevers")).isEqualTo(1);
		assertThat(delta(before, after, "keyperson.new")).isEqualTo(1);
		assertThat(delta(before, after, "keyperson.new.OTHER")).isEqualTo(1);
		assertThat(delta(before, after, "keyperson.open")).isEqualTo(1);
		assertThat((Boolean) JsonPath.read(body, "$.daily.zeroAllowed")).isFalse();
		assertThat((String) JsonPath.read(body, "$.daily.status")).isIn("NOT_STARTED", "DRAFT");
		// the street's live roll-up counts them in the community's line
		Map<String, Long> streetAfter = lineFigures("street", this.tree.street(1), c11);
		assertThat(delta(streetBefore, streetAfter, "checkpoint.turnedBack")).isEqualTo(1);
		assertThat(delta(streetBefore, streetAfter, "keyperson.new")).isEqualTo(1);
		// "nothing happened" would be untrue: refused, naming the figures
		call("community", post("/api/v1/reports/" + c11 + "/zero"), "{}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("zero"))
			.andExpect(jsonPath("$.errors[0].code").value("report.zeroRefused"))
			.andExpect(jsonPath("$.errors[0].message", containsString("劝返")));
	}

	@Test
	void aPastDaysStockFiguresAreAsTheRecordsStoodAtTheEndOfThatDay() throws Exception {
		LocalDate day = LocalDate.now(ZONE).minusDays(1);
		java.time.Instant onTheDay = day.atTime(10, 0).atZone(ZONE).toInstant();
		long c11 = this.tree.community(1, 1);
		long c12 = this.tree.community(1, 2);
		Map<String, Long> before11 = dayFigures(c11, day);
		Map<String, Long> before12 = dayFigures(c12, day);
		// on the day: two residents registered in community 1, one of them found a key person
		long leaving = resident(c11);
		long moving = resident(c11);
		long keyPerson = id(call("admin", post("/api/v1/key-persons"), "{\"personId\":" + leaving + ",\"category\":\"OTHER\"}"));
		backdate(List.of(leaving, moving), keyPerson, onTheDay);
		Map<String, Long> atTheEnd = dayFigures(c11, day);
		assertThat(delta(before11, atTheEnd, "registry.residents")).isEqualTo(2);
		assertThat(delta(before11, atTheEnd, "keyperson.open")).isEqualTo(1);
		assertThat(delta(before11, atTheEnd, "keyperson.open.OTHER")).isEqualTo(1);
		// after the day: one moves out, the other moves to community 2, the key person is cleared,
		// and someone new registers; none of it changes what stood at the end of the day
		call("admin", post("/api/v1/persons/" + leaving + "/move-out"), "{\"note\":\"迁往外省\"}").andExpect(status().isOk());
		call("admin", post("/api/v1/persons/" + moving + "/transfer"), "{\"householdId\":" + household(c12) + "}")
			.andExpect(status().isOk());
		call("admin", post("/api/v1/key-persons/" + keyPerson + "/status"), "{\"status\":\"CLEARED\"}").andExpect(status().isOk());
		resident(c11);
		Map<String, Long> later = dayFigures(c11, day);
		for (String code : List.of("registry.residents", "keyperson.open", "keyperson.open.OTHER", "keyperson.new")) {
			assertThat(later.getOrDefault(code, 0L)).as(code).isEqualTo(atTheEnd.getOrDefault(code, 0L));
		}
		assertThat(delta(before12, dayFigures(c12, day), "registry.residents")).isZero();
		// today is read as the records stand now
		Map<String, Long> today = dayFigures(c11, LocalDate.now(ZONE));
		assertThat(this.jdbc.sql("select count(*) from person where id in (:a, :b) and status = 'ACTIVE' and jurisdiction_path like :p")
			.param("a", leaving).param("b", moving).param("p", path(c11) + "%").query(Long.class).single()).isZero();
		assertThat(today.get("registry.residents")).isPositive();
	}

	@Test
	void badInputIsRefusedNamingTheField() throws Exception {
		long c11 = this.tree.community(1, 1);
		call("community", post("/api/v1/reports/" + c11 + "/submit"), "{\"day\":\"2025-13-01\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("day"))
			.andExpect(jsonPath("$.errors[0].code").value("validation.date"));
		call("community", post("/api/v1/reports/" + c11 + "/submit"), "{\"day\":\"2999-01-01\"}")
			.andExpect(jsonPath("$.errors[0].code").value("report.futureDay"));
		call("community", post("/api/v1/reports/" + c11 + "/note"), "{\"note\":\"" + "很".repeat(2001) + "\"}")
			.andExpect(jsonPath("$.errors[0].field").value("note"));
		call("admin", post("/api/v1/reports/" + this.tree.grid(1, 1, 1) + "/submit"), "{}")
			.andExpect(jsonPath("$.errors[0].field").value("nodeId"))
			.andExpect(jsonPath("$.errors[0].code").value("report.notCommunity"));
		call("grid", post("/api/v1/reports/" + c11 + "/submit"), "{}").andExpect(status().isNotFound());
		call("volunteer", get("/api/v1/reports"), null).andExpect(status().isForbidden());
		call("community", get("/api/v1/reports/" + this.tree.community(1, 2)), null).andExpect(status().isNotFound());
	}

	@Test
	void theExportHasATitleRowUnitsAsRowsFiguresAsColumnsAndATotalsRow() throws Exception {
		LocalDate day = quietDay();
		at(day, "19:00");
		long street = this.tree.street(1);
		call("community", post("/api/v1/reports/" + this.tree.community(1, 1) + "/zero"), "{\"day\":\"" + day + "\"}")
			.andExpect(status().isOk());
		MvcResult result = call("street", get("/api/v1/reports/" + street + "/export.xlsx?day=" + day), null)
			.andExpect(status().isOk())
			.andReturn();
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()));
				var stream = wb.getFirstSheet().openStream()) {
			for (Row r : (Iterable<Row>) stream::iterator) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < r.getCellCount(); c++) {
					cells.add(r.getCellText(c));
				}
				rows.add(cells);
			}
		}
		String streetName = this.jdbc.sql("select name from jurisdiction_node where id = :id").param("id", street)
			.query(String.class).single();
		assertThat(rows.get(0).get(0)).contains(streetName).contains(day.toString()).contains("日报");
		assertThat(rows.get(1).subList(0, 6)).containsExactly("单位", "应报数", "已报数", "按时报数", "报告率", "及时率");
		assertThat(rows.get(1)).contains("实有人口", "新增重点人员", "劝返", "卡点通行人次");
		assertThat(rows).hasSize(2 + 2 + 1);
		List<String> total = rows.get(4);
		assertThat(total.get(0)).isEqualTo("合计");
		assertThat(total.subList(1, 6)).containsExactly("2", "1", "1", "50.0%", "50.0%");
		int residents = rows.get(1).indexOf("实有人口");
		assertThat(Long.parseLong(total.get(residents))).isEqualTo(Long.parseLong(rows.get(2).get(residents))
				+ Long.parseLong(rows.get(3).get(residents)));
	}

	@Test
	void theStreetSubmitsItsRollUpAsItsCommunitiesSubmittedItAndTheDistrictApprovesIt() throws Exception {
		LocalDate day = quietDay();
		long street = this.tree.street(1);
		at(day, "20:00");
		String c11 = call("community", post("/api/v1/reports/" + this.tree.community(1, 1) + "/zero"),
				"{\"day\":\"" + day + "\"}").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		// only the first community has reported: the street's roll-up is its figures
		String body = call("street", get("/api/v1/reports/" + street + "?day=" + day), null)
			.andExpect(jsonPath("$.daily.status").value("NOT_STARTED"))
			.andReturn().getResponse().getContentAsString();
		assertThat(figures(JsonPath.read(body, "$.daily.figures"))).isEqualTo(figures(JsonPath.read(c11, "$.figures")));
		call("community", post("/api/v1/reports/" + street + "/submit"), "{\"day\":\"" + day + "\"}")
			.andExpect(status().isNotFound());
		call("street", post("/api/v1/reports/" + street + "/submit"), "{\"day\":\"" + day + "\",\"note\":\"本街道情况平稳\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUBMITTED"));
		// the street cannot approve itself; the district does, and sees it on the street's line
		call("street", post("/api/v1/reports/" + street + "/approve"), "{\"day\":\"" + day + "\"}")
			.andExpect(jsonPath("$.errors[0].code").value("report.reopenFromAbove"));
		call("admin", post("/api/v1/reports/" + street + "/approve"), "{\"day\":\"" + day + "\"}")
			.andExpect(jsonPath("$.status").value("APPROVED"));
		call("admin", get("/api/v1/reports/" + this.tree.district() + "?day=" + day), null)
			.andExpect(jsonPath("$.rollup.lines[0].own").value("APPROVED"))
			.andExpect(jsonPath("$.rollup.lines[1].own").value("NOT_STARTED"))
			// the street's own report is not a community's: the rates count communities only
			.andExpect(jsonPath("$.rollup.total.expected").value(4))
			.andExpect(jsonPath("$.rollup.total.submitted").value(1));
	}

	@Test
	void workersAreRemindedBeforeTheDeadlineAndTheStreetIsToldOfMissingReportsOnce() throws Exception {
		LocalDate day = quietDay();
		long c11 = this.tree.community(1, 1);
		long c12 = this.tree.community(1, 2);
		at(day, "20:00");
		call("admin", post("/api/v1/reports/" + c12 + "/zero"), "{\"day\":\"" + day + "\"}").andExpect(status().isOk());
		at(day.plusDays(1), "07:00");
		this.reminders.tick();
		assertThat(notices("community", "REPORT_REMINDER", c11, day)).isZero();
		// from two hours before 10:00 the worker of the community still to report is reminded, once
		at(day.plusDays(1), "08:30");
		this.reminders.tick();
		this.reminders.tick();
		assertThat(notices("community", "REPORT_REMINDER", c11, day)).isEqualTo(1);
		assertThat(notices(null, "REPORT_REMINDER", c12, day)).isZero();
		// past the deadline: the street admin hears of the missing community, once
		at(day.plusDays(1), "10:30");
		this.reminders.tick();
		this.reminders.tick();
		assertThat(notices("street", "REPORT_MISSING", c11, day)).isEqualTo(1);
		assertThat(notices(null, "REPORT_MISSING", c12, day)).isZero();
	}

	private long notices(String username, String kind, long node, LocalDate day) {
		return this.jdbc.sql("""
				select count(*) from notification n join app_user u on u.id = n.user_id
				where n.kind = :k and n.link = :l and (cast(:u as text) is null or u.username = :u)
				""").param("k", kind).param("l", "/reports/" + node + "?day=" + day).param("u", username)
			.query(Long.class).single();
	}

	private Map<String, Long> lineFigures(String user, long node, long line) throws Exception {
		String body = call(user, get("/api/v1/reports/" + node + "?live=true"), null).andReturn().getResponse()
			.getContentAsString();
		List<Map<String, Object>> lines = JsonPath.read(body, "$.rollup.lines[?(@.nodeId == " + line + ")].figures");
		return figures(lines.get(0));
	}

	/** The community's figures of the day computed from the records (a draft: nobody submits these days). */
	private Map<String, Long> dayFigures(long community, LocalDate day) throws Exception {
		return figures(JsonPath.read(call("admin", get("/api/v1/reports/" + community + "?day=" + day), null)
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.daily.figures"));
	}

	/** A new resident of the community's first household, registered through the API. */
	private long resident(long community) throws Exception {
		int n = PEOPLE.incrementAndGet();
		String first17 = "110105" + (19800101 + n) + "041";
		return id(call("admin", post("/api/v1/households/" + household(community) + "/persons"), "{\"name\":\"存量测试" + n
				+ "\",\"idNumber\":\"" + first17 + cn.shouwang.shared.ChineseIdNumber.checkCharacter(first17) + "\"}"));
	}

	private long household(long community) {
		return this.jdbc.sql("select id from household where jurisdiction_path like :p || '%' order by id limit 1")
			.param("p", path(community)).query(Long.class).single();
	}

	/** Moves the records' creation, their registration and their status history back to the given moment. */
	private void backdate(List<Long> persons, long keyPerson, java.time.Instant at) {
		java.sql.Timestamp t = java.sql.Timestamp.from(at);
		this.jdbc.sql("update person set created_at = :t, updated_at = :t where id in (:ids)").param("t", t).param("ids", persons).update();
		this.jdbc.sql("update person_movement set at = :t where person_id in (:ids)").param("t", t).param("ids", persons).update();
		this.jdbc.sql("update key_person set created_at = :t, updated_at = :t where id = :k").param("t", t).param("k", keyPerson).update();
		this.jdbc.sql("update key_person_status_change set at = :t where key_person_id = :k").param("t", t).param("k", keyPerson).update();
	}

	private long id(ResultActions result) throws Exception {
		String body = result.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	private static long delta(Map<String, Long> before, Map<String, Long> after, String code) {
		return after.getOrDefault(code, 0L) - before.getOrDefault(code, 0L);
	}

	private static Map<String, Long> figures(Map<String, ?> raw) {
		Map<String, Long> m = new HashMap<>();
		raw.forEach((k, v) -> {
			long n = ((Number) v).longValue();
			if (n != 0) {
				m.put(k, n);
			}
		});
		return m;
	}

	private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
		Map<String, Long> m = new HashMap<>(a);
		b.forEach((k, v) -> m.merge(k, v, Long::sum));
		return m;
	}

	/** A day of 2025 (nothing is recorded then), different for every test. */
	private static LocalDate quietDay() {
		return LocalDate.of(2025, 2, 1).plusDays(SEQ.incrementAndGet() * 3L);
	}

	private void at(LocalDate day, String time) {
		this.clock.fixAt(day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant());
	}

	private String path(long node) {
		return this.jdbc.sql("select path from jurisdiction_node where id = :id").param("id", node).query(String.class).single();
	}

	private ResultActions call(String user, MockHttpServletRequestBuilder request, String json) throws Exception {
		MockHttpServletRequestBuilder r = this.logins.as(user, request);
		if (json != null) {
			r.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(r);
	}

}
