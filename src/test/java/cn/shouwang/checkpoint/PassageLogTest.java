package cn.shouwang.checkpoint;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The passage log, on passages written straight into the table (the fixture; recording them is
 * another feature's): its filters, its scope, the hourly counts, the export, the partitions a
 * search reads and the retention rule that drops old months.
 */
@IntegrationTest
class PassageLogTest {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final AtomicInteger SEQ = new AtomicInteger(1);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	FieldCipher cipher;

	@Autowired
	PassageLog log;

	@Autowired
	PassageLogRetention retention;

	@Autowired
	PassagePartitions partitions;

	@Autowired
	TransactionTemplate tx;

	/** The bulk fixture's street, made once (see {@link #bulk()}). */
	private static String bulkPath;

	/** A day of its own for each test, in the months ahead whose partitions exist already. */
	private static LocalDate day() {
		return LocalDate.now(ZONE).plusDays(33 + SEQ.incrementAndGet());
	}

	@Test
	void theLogIsSearchedByPersonNameCheckpointDirectionDecisionAndDays() throws Exception {
		LocalDate day = day();
		long gate = checkpoint("community", null, "北门");
		long road = checkpoint("community", null, "西路口");
		Resident r = resident("community", "通行居民" + SEQ.incrementAndGet());
		insert(at(day, 8, 5), gate, "IN", r, null, null, "36.5", "ALLOWED", null);
		insert(at(day, 9, 0), road, "OUT", r, null, null, "36.6", "ALLOWED", "京A12345");
		insert(at(day, 9, 30), gate, "IN", null, "王访客", "13812345678", "38.2", "TURNED_BACK", "发热劝返");
		insert(at(day.minusDays(1), 23, 59), gate, "IN", null, "王访客", "13812345678", "36.4", "ALLOWED", null);
		String d = "&from=" + day + "&to=" + day;
		api("community", "/api/v1/passages?checkpoint=" + gate + d).andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].name").value("王访客"))
			.andExpect(jsonPath("$.items[0].visitor").value(true))
			.andExpect(jsonPath("$.items[0].visitorPhone").value("138****5678"))
			.andExpect(jsonPath("$.items[0].fever").value(true))
			.andExpect(jsonPath("$.items[1].name").value(r.name()))
			.andExpect(jsonPath("$.items[1].visitor").value(false));
		api("community", "/api/v1/passages?q=" + r.name() + d).andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].plate").value("京A12345"))
			.andExpect(jsonPath("$.items[0].checkpointName").value(containsString("西路口")));
		api("community", "/api/v1/passages?q=" + r.personId() + d).andExpect(jsonPath("$.total").value(2));
		api("community", "/api/v1/passages?person=" + r.personId() + "&direction=OUT" + d).andExpect(jsonPath("$.total").value(1));
		api("community", "/api/v1/passages?q=王访客&decision=TURNED_BACK" + d).andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].reason").value("发热劝返"));
		// the day before is outside the range until the range takes it in
		api("community", "/api/v1/passages?q=王访客&from=" + day.minusDays(1) + "&to=" + day).andExpect(jsonPath("$.total").value(2));
		api("community", "/api/v1/passages?q=王%25" + d).andExpect(jsonPath("$.total").value(0));
		// the guard sees the gate's log by masked names, as on the scanning screen
		api("guard", "/api/v1/passages?checkpoint=" + gate + "&direction=in" + d).andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].name").value("王*客"))
			.andExpect(jsonPath("$.items[1].name").value(cn.shouwang.shared.crypto.Masking.name(r.name())));
		// pages of one, with the count
		api("community", "/api/v1/passages?checkpoint=" + gate + "&size=1&page=1" + d).andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].name").value(r.name()));
		// across checkpoints too (the newest of each checkpoint merged), page by page
		api("community", "/api/v1/passages?q=" + r.name() + "&size=1&page=1" + d).andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].checkpointName").value(containsString("北门")));
		api("community", "/api/v1/passages?q=" + r.name() + "&size=1&page=0" + d)
			.andExpect(jsonPath("$.items[0].checkpointName").value(containsString("西路口")));
		// the page, and its htmx refresh
		this.mvc.perform(get("/checkpoints/passages?checkpoint=" + gate + d).session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("王访客")))
			.andExpect(content().string(containsString("138****5678")))
			.andExpect(content().string(not(containsString("13812345678"))))
			.andExpect(content().string(containsString("劝返")));
		this.mvc.perform(get("/checkpoints/passages?q=" + r.name() + d).header("HX-Request", "true")
			.session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("passage-results")))
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("共 2 条")));
	}

	@Test
	void aForeignJurisdictionsPassagesAndCheckpointsAreInvisible() throws Exception {
		LocalDate day = day();
		long own = checkpoint("community", null, "东门");
		long foreign = checkpoint("admin", this.tree.community(2, 1), "外街道卡点");
		String visitor = "越界访客" + SEQ.incrementAndGet();
		insert(at(day, 10, 0), foreign, "IN", null, visitor, "13900001111", "36.5", "ALLOWED", null);
		insert(at(day, 10, 5), own, "IN", null, "本社区访客", "13900002222", "36.5", "ALLOWED", null);
		String d = "&from=" + day + "&to=" + day;
		api("community", "/api/v1/passages?q=访客" + d).andExpect(jsonPath("$.items[*].name", hasItem("本社区访客")))
			.andExpect(content().string(not(containsString(visitor))));
		api("admin", "/api/v1/passages?q=访客" + d).andExpect(jsonPath("$.items[*].name", hasItem(visitor)));
		api("community", "/api/v1/passages?checkpoint=" + foreign + d).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("checkpoint"))
			.andExpect(jsonPath("$.errors[0].code").value("passageLog.unknownCheckpoint"));
		api("community", "/api/v1/checkpoints/" + foreign + "/passages/hourly?day=" + day).andExpect(status().isNotFound());
		api("community", "/api/v1/passages/hourly?day=" + day).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("外街道卡点"))));
		api("admin", "/api/v1/checkpoints/" + foreign + "/passages/hourly?day=" + day).andExpect(status().isOk())
			.andExpect(jsonPath("$.total.in").value(1));
		byte[] xlsx = this.mvc.perform(get("/checkpoints/passages/export.xlsx?q=访客" + d).session(this.logins.session("community")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(String.join("|", rows(xlsx).stream().map(Object::toString).toList())).contains("本社区访客")
			.doesNotContain(visitor);
		// the guard sees the log, but may not download it
		this.mvc.perform(this.logins.as("guard", get("/api/v1/passages/export.xlsx" + "?from=" + day)))
			.andExpect(status().isForbidden());
	}

	@Test
	void aDayIsCountedHourByHourPerCheckpoint() throws Exception {
		LocalDate day = day();
		long gate = checkpoint("community", null, "南门");
		Resident r = resident("community", "计数居民" + SEQ.incrementAndGet());
		insert(at(day, 7, 0), gate, "OUT", r, null, null, "36.5", "ALLOWED", null);
		insert(at(day, 7, 10), gate, "OUT", r, null, null, "36.5", "ALLOWED", null);
		insert(at(day, 7, 59), gate, "IN", null, "李访客", "13700003333", "37.3", "TURNED_BACK", null);
		insert(at(day, 18, 30), gate, "IN", r, null, null, "37.2", "ALLOWED", null);
		insert(at(day, 18, 45), gate, "IN", r, null, null, "38.0", "REMEASURE", null);
		insert(at(day.plusDays(1), 0, 0), gate, "IN", r, null, null, "36.5", "ALLOWED", null);
		api("community", "/api/v1/checkpoints/" + gate + "/passages/hourly?day=" + day).andExpect(status().isOk())
			.andExpect(jsonPath("$.feverThreshold").value(37.3))
			.andExpect(jsonPath("$.checkpoints[0].hours[7].out").value(2))
			.andExpect(jsonPath("$.checkpoints[0].hours[7].in").value(1))
			.andExpect(jsonPath("$.checkpoints[0].hours[7].turnedBack").value(1))
			.andExpect(jsonPath("$.checkpoints[0].hours[7].fevers").value(1))
			.andExpect(jsonPath("$.checkpoints[0].hours[18].in").value(2))
			.andExpect(jsonPath("$.checkpoints[0].hours[18].fevers").value(1))
			.andExpect(jsonPath("$.checkpoints[0].hours[0].in").value(0))
			.andExpect(jsonPath("$.checkpoints[0].total.in").value(3))
			.andExpect(jsonPath("$.checkpoints[0].total.out").value(2))
			.andExpect(jsonPath("$.checkpoints[0].total.fevers").value(2));
		api("community", "/api/v1/passages/hourly?day=" + day + "&checkpoint=" + gate)
			.andExpect(jsonPath("$.total.turnedBack").value(1));
		this.mvc.perform(get("/checkpoints/passages/hourly?day=" + day).session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hourly-" + gate)))
			.andExpect(content().string(containsString("18:00")));
	}

	@Test
	void theExportHasTheFilteredPassagesWithVisitorsPhonesMasked() throws Exception {
		LocalDate day = day();
		long gate = checkpoint("community", null, "导出门");
		Resident r = resident("community", "导出居民" + SEQ.incrementAndGet());
		insert(at(day, 8, 0), gate, "IN", r, null, null, "36.5", "ALLOWED", "京B99999");
		insert(at(day, 9, 0), gate, "IN", null, "赵访客", "13611112222", "38.5", "TURNED_BACK", "发热");
		insert(at(day, 10, 0), gate, "OUT", r, null, null, "36.5", "ALLOWED", null);
		byte[] xlsx = this.mvc.perform(this.logins.as("community",
				get("/api/v1/passages/export.xlsx?checkpoint=" + gate + "&direction=IN&from=" + day)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = rows(xlsx);
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).contains("时间", "卡点", "姓名", "访客电话", "体温（℃）", "结果");
		assertThat(rows.get(1)).contains("赵访客", "访客", "136****2222", "劝返", "发热", "38.5");
		assertThat(rows.get(2)).contains(r.name(), "居民", String.valueOf(r.personId()), "放行", "京B99999");
		assertThat(rows.toString()).doesNotContain("13611112222");
	}

	@Test
	void badParametersAreNamed() throws Exception {
		api("community", "/api/v1/passages?from=2026-13-01").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"))
			.andExpect(jsonPath("$.errors[0].code").value("validation.date"));
		api("community", "/api/v1/passages?from=2026-01-01&to=2026-02-15").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("passageLog.rangeTooLong"));
		api("community", "/api/v1/passages?from=2026-01-01&to=2026-01-31").andExpect(status().isOk());
		api("community", "/api/v1/passages?from=2026-01-02&to=2026-01-01")
			.andExpect(jsonPath("$.errors[0].code").value("passageLog.toBeforeFrom"));
		api("community", "/api/v1/passages?direction=SIDEWAYS&decision=MAYBE&checkpoint=abc&person=-3")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("direction")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("decision")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("checkpoint")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("person")));
		api("community", "/api/v1/passages?checkpoint=999999999").andExpect(jsonPath("$.errors[0].code").value("passageLog.unknownCheckpoint"));
		api("community", "/api/v1/passages/hourly?day=yesterday").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("day"));
		api("community", "/api/v1/passages?size=500").andExpect(status().isBadRequest());
		this.mvc.perform(get("/checkpoints/passages?from=2026-01-01&to=2026-03-01").session(this.logins.session("community")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("一次最多查询 31 天")));
		this.mvc.perform(get("/checkpoints/passages/hourly?day=2026-02-30").session(this.logins.session("community")))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("日期格式不正确")));
		this.mvc.perform(get("/checkpoints/passages/export.xlsx?from=x").session(this.logins.session("community")))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aSearchReadsOnlyTheMonthsItsDaysFallIn() {
		LocalDate first = LocalDate.now(ZONE).withDayOfMonth(1).plusMonths(1);
		JurisdictionScope scope = JurisdictionScope.of("/1/");
		PageQuery firstPage = PageQuery.of(0, 20);
		// the whole jurisdiction (checkpoint by checkpoint), one checkpoint, a page deep in the log
		for (PassageLogFilter oneDay : List.of(filter(null, first.plusDays(3), first.plusDays(3)),
				filter(7L, first.plusDays(3), first.plusDays(3)))) {
			for (PageQuery page : List.of(firstPage, PageQuery.of(150, 20))) {
				String plan = this.log.explain(scope, oneDay, page);
				assertThat(plan).as(plan).contains(name(first))
					.doesNotContain(name(first.minusMonths(1)))
					.doesNotContain(name(first.plusMonths(1)))
					.doesNotContain("passage_default");
			}
		}
		String wide = this.log.explain(scope, filter(null, first.plusDays(3), first.plusDays(3)), firstPage);
		assertThat(wide).as(wide).contains("checkpoint_id_at_");
		PassageLogFilter twoMonths = filter(null, first.minusDays(2), first.plusDays(2));
		assertThat(this.log.explain(scope, twoMonths, firstPage)).contains(name(first))
			.contains(name(first.minusMonths(1)))
			.doesNotContain(name(first.plusMonths(1)))
			.doesNotContain("passage_default");
	}

	@Test
	void retentionDropsOnlyTheMonthsOlderThanTheRetentionPeriod() throws Exception {
		LocalDate thisMonth = LocalDate.now(ZONE).withDayOfMonth(1);
		int months = this.retention.months();
		LocalDate tooOld = thisMonth.minusMonths(months + 3);
		LocalDate lastTooOld = thisMonth.minusMonths(months + 1);
		// its last days are within the period: kept
		LocalDate straddling = thisMonth.minusMonths(months);
		LocalDate recent = thisMonth.minusMonths(2);
		for (LocalDate m : List.of(tooOld, lastTooOld, straddling, recent)) {
			this.partitions.ensure(m);
		}
		long gate = checkpoint("community", null, "保留门");
		for (LocalDate m : List.of(tooOld, lastTooOld, straddling, recent)) {
			rawInsert(m.plusDays(20).atTime(12, 0).atZone(ZONE).toInstant(), gate, "/1/");
		}
		// a row of a month without a partition lands in the default partition: old ones are deleted from it
		Instant stray = thisMonth.minusMonths(months + 14).plusDays(3).atStartOfDay(ZONE).toInstant();
		rawInsert(stray, gate, "/1/");
		long audits = this.jdbc.sql("select count(*) from audit_event where entity = 'passagePartition'").query(Long.class).single();

		List<String> dropped = this.retention.apply(LocalDate.now(ZONE));

		assertThat(dropped).contains(name(tooOld), name(lastTooOld)).doesNotContain(name(straddling), name(recent));
		assertThat(this.retention.partitions()).doesNotContain(name(tooOld), name(lastTooOld))
			.contains(name(straddling), name(recent), name(thisMonth), name(thisMonth.plusMonths(1)), name(thisMonth.plusMonths(2)));
		assertThat(this.jdbc.sql("select count(*) from passage where at = :at").param("at", Timestamp.from(stray))
			.query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from passage where at >= :from").param("from",
				Timestamp.from(straddling.atStartOfDay(ZONE).toInstant())).query(Long.class).single()).isPositive();
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'passagePartition'").query(Long.class).single())
			.isEqualTo(audits + dropped.size() + 1);
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'passagePartition' and entity_id = :n and action = 'DELETE'")
			.param("n", name(tooOld)).query(Long.class).single()).isEqualTo(1);
		// a second run finds nothing left to drop
		assertThat(this.retention.apply(LocalDate.now(ZONE))).isEmpty();
	}


	@Test
	void hourlyCountsEqualTheTableIncludingALateUploadIntoAPastHour() throws Exception {
		LocalDate day = day();
		long gate = checkpoint("community", null, "计时门");
		long road = checkpoint("community", null, "计时路口");
		Resident r = resident("community", "计时居民" + SEQ.incrementAndGet());
		for (int i = 0; i < 60; i++) {
			insert(at(day, i % 24, i % 60), i % 3 == 0 ? road : gate, i % 2 == 0 ? "IN" : "OUT", i % 5 == 0 ? null : r,
					i % 5 == 0 ? "计时访客" : null, i % 5 == 0 ? "13500001111" : null, i % 7 == 0 ? "38.0" : "36.5",
					i % 11 == 0 ? "TURNED_BACK" : "ALLOWED", null);
		}
		assertHourlyEqualsTable(day, gate, road);
		// a device that was offline uploads, hours later, a scan dated into the small hours
		insert(at(day, 3, 40), gate, "OUT", r, null, null, "37.5", "TURNED_BACK", null);
		insert(at(day, 3, 41), road, "IN", r, null, null, "36.5", "ALLOWED", null);
		assertHourlyEqualsTable(day, gate, road);
		api("community", "/api/v1/checkpoints/" + gate + "/passages/hourly?day=" + day)
			.andExpect(jsonPath("$.checkpoints[0].hours[3].out").value(direct(day, gate, 3, "direction = 'OUT'")))
			.andExpect(jsonPath("$.checkpoints[0].hours[3].turnedBack").value(direct(day, gate, 3, "decision = 'TURNED_BACK'")));
	}

	@Test
	void aStreetsDayIsCountedFromTheCountersWithoutReadingThePassages() {
		LocalDate day = bulk();
		String plan = this.log.explainHourly(JurisdictionScope.of(bulkPath), null, day.atStartOfDay(ZONE).toInstant(),
				day.plusDays(1).atStartOfDay(ZONE).toInstant(), ZONE);
		assertThat(plan).contains("on passage_hour").doesNotContainPattern("on passage(_\\d|_default| )");
		// and the counters of the 200,000 bulk passages (inserted in one statement) equal the table
		long counted = JurisdictionScope.of(bulkPath).bind(this.jdbc.sql("""
				select coalesce(sum(ins + outs), 0) from passage_hour
				where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi and hour >= :from and hour < :to
				"""))
			.param("from", java.sql.Timestamp.from(day.atStartOfDay(ZONE).toInstant()))
			.param("to", java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(ZONE).toInstant()))
			.query(Long.class).single();
		long stored = JurisdictionScope.of(bulkPath).bind(this.jdbc.sql("""
				select count(*) from passage
				where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi and at >= :from and at < :to
				"""))
			.param("from", java.sql.Timestamp.from(day.atStartOfDay(ZONE).toInstant()))
			.param("to", java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(ZONE).toInstant()))
			.query(Long.class).single();
		assertThat(counted).isEqualTo(stored).isGreaterThan(100_000);
	}

	@Test
	void aNameIsFoundThroughThePassesAndTheVisitorsIndexesWithTheSameMatchesAsLike() {
		LocalDate day = bulk();
		JurisdictionScope street = JurisdictionScope.of(bulkPath);
		this.tx.executeWithoutResult(status -> {
			// passes for a crowd of persons, in this transaction only: other tests count passes
			this.jdbc.sql("""
					insert into pass (id, person_id, household_id, jurisdiction_path, name, expires_at, revoked_at, issued_by)
					select gen_random_uuid(), p.id, p.household_id, p.jurisdiction_path, n.name, now() - interval '1 day', now(), 'bulk'
					from (select id, household_id, jurisdiction_path, cast(row_number() over (order by id) as int) as i from person limit 2000) p
					cross join generate_series(1, 20) g
					cross join lateral (select substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗', (p.i * 7 + g) % 20 + 1, 1)
					  || substr('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚', (p.i * 3 + g * 5) % 23 + 1, 1)
					  || case when g % 3 = 0 then '' else substr('华玉萍红梅鹏飞文斌宇浩凯玲雪峰海燕波辉晶宁', (p.i + g) % 20 + 1, 1) end as name) n
					""").update();
			this.jdbc.sql("analyze pass").update();
			for (String text : List.of("张伟", "王秀华", "访客李3")) {
				PassageLogFilter f = new PassageLogFilter(null, null, text, day, day, day.atStartOfDay(ZONE).toInstant(),
						day.plusDays(1).atStartOfDay(ZONE).toInstant(), null, null);
				String plan = this.log.explain(street, f, PageQuery.of(0, 20));
				assertThat(plan).as(plan).contains("pass_name_grams_idx")
					.contains(name(day.withDayOfMonth(1)) + "_person_id_at_idx")
					.contains(name(day.withDayOfMonth(1)) + "_name_grams_idx")
					.doesNotContain("Seq Scan on passage")
					.doesNotContain("Seq Scan on pass x");
			}
			// the same passages as LIKE alone, including one character, a wildcard typed as text and no match
			for (String text : List.of("张伟", "王秀华", "访客李3", "李", "秀", "3", "%", "张伟x")) {
				PassageLogFilter f = new PassageLogFilter(null, null, text, day, day, day.atStartOfDay(ZONE).toInstant(),
						day.plusDays(1).atStartOfDay(ZONE).toInstant(), null, null);
				List<UUID> expected = this.jdbc.sql("""
						select p.id from passage p
						where p.at >= :from and p.at < :to and p.jurisdiction_path >= :lo and p.jurisdiction_path < :hi
						  and (strpos(p.visitor_name, :t) > 0 or p.person_id in (select x.person_id from pass x where strpos(x.name, :t) > 0))
						order by p.at desc, p.id limit 20
						""").param("from", Timestamp.from(f.from())).param("to", Timestamp.from(f.to()))
					.param("lo", bulkPath).param("hi", street.upper()).param("t", text)
					.query(UUID.class).list();
				long expectedCount = this.jdbc.sql("""
						select count(*) from passage p
						where p.at >= :from and p.at < :to and p.jurisdiction_path >= :lo and p.jurisdiction_path < :hi
						  and (strpos(p.visitor_name, :t) > 0 or p.person_id in (select x.person_id from pass x where strpos(x.name, :t) > 0))
						""").param("from", Timestamp.from(f.from())).param("to", Timestamp.from(f.to()))
					.param("lo", bulkPath).param("hi", street.upper()).param("t", text)
					.query(Long.class).single();
				assertThat(this.log.page(street, f, new BigDecimal("37.3"), PageQuery.of(0, 20)).stream().map(PassageLogRow::id))
					.as(text).containsExactlyElementsOf(expected);
				assertThat(this.log.count(street, f, 1_000_000)).as(text).isEqualTo(expectedCount);
			}
			assertThat(this.log.count(street, new PassageLogFilter(null, null, "张伟", day, day, day.atStartOfDay(ZONE).toInstant(),
					day.plusDays(1).atStartOfDay(ZONE).toInstant(), null, null), 1_000_000)).isPositive();
			status.setRollbackOnly();
		});
	}

	// ---- fixtures

	record Resident(long personId, UUID passId, String name, String path) {
	}

	private void assertHourlyEqualsTable(LocalDate day, long... gates) throws Exception {
		for (long gate : gates) {
			ResultActions result = api("community", "/api/v1/checkpoints/" + gate + "/passages/hourly?day=" + day);
			for (int h = 0; h < 24; h++) {
				String hour = "$.checkpoints[0].hours[" + h + "]";
				result.andExpect(jsonPath(hour + ".in").value(direct(day, gate, h, "direction = 'IN'")))
					.andExpect(jsonPath(hour + ".out").value(direct(day, gate, h, "direction = 'OUT'")))
					.andExpect(jsonPath(hour + ".turnedBack").value(direct(day, gate, h, "decision = 'TURNED_BACK'")))
					.andExpect(jsonPath(hour + ".fevers").value(direct(day, gate, h, "temperature >= 37.3")));
			}
		}
	}

	/** Passages of a checkpoint in an hour of the day, counted straight from the table. */
	private int direct(LocalDate day, long checkpoint, int hour, String condition) {
		return this.jdbc.sql("select count(*) from passage where checkpoint_id = :cp and at >= :from and at < :to and " + condition)
			.param("cp", checkpoint)
			.param("from", Timestamp.from(at(day, hour, 0)))
			.param("to", Timestamp.from(at(day, hour, 0).plusSeconds(3600)))
			.query(Integer.class)
			.single();
	}

	/**
	 * 200,000 passages of one day in a street of its own (the second street, foreign to every
	 * demo user but the district's), three months back where no other test looks: 40
	 * checkpoints, one passage in twenty a visitor's; committed and vacuumed as autovacuum
	 * would, so that the planner sees a month worth indexing. Made once per test database.
	 */
	private synchronized LocalDate bulk() {
		LocalDate day = LocalDate.now(ZONE).withDayOfMonth(1).minusMonths(3).plusDays(9);
		if (bulkPath != null) {
			return day;
		}
		this.partitions.ensure(day.withDayOfMonth(1));
		long node = this.tree.community(2, 2);
		String path = this.jdbc.sql("select path from jurisdiction_node where id = :id").param("id", node).query(String.class).single();
		this.jdbc.sql("""
				insert into checkpoint (node_id, jurisdiction_path, name, kind, created_by)
				select :node, :path, '批量卡点' || g, 'COMPOUND_GATE', 'bulk' from generate_series(1, 40) g
				on conflict do nothing
				""").param("node", node).param("path", path).update();
		this.jdbc.sql("""
				insert into passage (id, at, checkpoint_id, jurisdiction_path, direction, person_id, visitor_name, temperature, decision)
				select gen_random_uuid(), cast(:from as timestamptz) + g * interval '432 milliseconds', k.ids[1 + g % 40], :path,
				  case when g % 2 = 0 then 'IN' else 'OUT' end,
				  case when g % 20 <> 0 then persons.ids[1 + (hashint4(g) & 2147483647) % cardinality(persons.ids)] end,
				  case when g % 20 = 0 then '访客' || substr('王李张刘陈杨黄赵吴周', g % 10 + 1, 1) || (g % 1000) end,
				  case when g % 50 = 0 then 38.1 else 36.5 end,
				  case when g % 50 = 0 then 'TURNED_BACK' else 'ALLOWED' end
				from generate_series(1, 199999) g,
				  (select array_agg(id order by id) as ids from checkpoint where jurisdiction_path = :path and created_by = 'bulk') k,
				  (select array_agg(id) as ids from (select id from person order by id limit 2000) x) persons
				""").param("from", Timestamp.from(day.atStartOfDay(ZONE).toInstant())).param("path", path).update();
		// that partition only: analysing the others' nearly empty months would change their plans. A
		// transaction still open elsewhere (the application's own start-up work) keeps vacuum from
		// marking the pages all-visible; autovacuum would come back, and so does this
		for (int i = 0; i < 30; i++) {
			this.jdbc.sql("vacuum analyze " + name(day.withDayOfMonth(1))).update();
			if (this.jdbc.sql("select relallvisible > relpages / 2 from pg_class where relname = :n")
				.param("n", name(day.withDayOfMonth(1))).query(Boolean.class).single()) {
				break;
			}
			try {
				Thread.sleep(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		bulkPath = path;
		return day;
	}

	private PassageLogFilter filter(Long checkpoint, LocalDate from, LocalDate to) {
		return new PassageLogFilter(checkpoint, null, null, from, to, from.atStartOfDay(ZONE).toInstant(),
				to.plusDays(1).atStartOfDay(ZONE).toInstant(), null, null);
	}

	private static String name(LocalDate month) {
		return "passage_" + month.getYear() + "_" + String.format("%02d", month.getMonthValue());
	}

	private static Instant at(LocalDate day, int hour, int minute) {
		return day.atTime(hour, minute).atZone(ZONE).toInstant();
	}

	private long checkpoint(String user, Long nodeId, String name) throws Exception {
		String body = this.mvc.perform(this.logins.as(user, post("/api/v1/checkpoints"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{" + (nodeId == null ? "" : "\"nodeId\":" + nodeId + ",") + "\"name\":\"" + name + SEQ.incrementAndGet()
					+ "\",\"kind\":\"COMPOUND_GATE\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

	/** A person of the user's jurisdiction with a pass in the given name. */
	private Resident resident(String user, String name) {
		long node = this.tree.nodeOf(user);
		String path = this.jdbc.sql("select path from jurisdiction_node where id = :id").param("id", node).query(String.class).single();
		var row = this.jdbc.sql("""
				select id, household_id, jurisdiction_path from person
				where jurisdiction_path >= :lo and jurisdiction_path < :hi and status = 'ACTIVE' order by id offset :n limit 1
				""").param("lo", path).param("hi", JurisdictionScope.of(path).upper()).param("n", SEQ.get())
			.query((rs, i) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3) })
			.single();
		UUID pass = UUID.randomUUID();
		this.jdbc.sql("""
				insert into pass(id, person_id, household_id, jurisdiction_path, name, expires_at, issued_by)
				values (:id, :p, :h, :path, :name, now() + interval '90 days', 'test')
				""").param("id", pass).param("p", row[0]).param("h", row[1]).param("path", row[2]).param("name", name).update();
		return new Resident((Long) row[0], pass, name, (String) row[2]);
	}

	private void insert(Instant at, long checkpoint, String direction, Resident r, String visitor, String phone,
			String temperature, String decision, String reasonOrPlate) {
		String path = this.jdbc.sql("select jurisdiction_path from checkpoint where id = :id").param("id", checkpoint)
			.query(String.class).single();
		boolean plate = reasonOrPlate != null && reasonOrPlate.matches("^[京沪].*");
		this.jdbc.sql("""
				insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, pass_id, person_id, visitor_name,
				  visitor_phone_enc, visitor_reason, host_household_id, temperature, decision, reason, plate)
				values (:id, :at, :cp, :path, :dir, :pass, :person, :visitor, :phone, :vreason, :host, :t, :decision, :reason, :plate)
				""")
			.param("id", UUID.randomUUID())
			.param("at", Timestamp.from(at))
			.param("cp", checkpoint)
			.param("path", path)
			.param("dir", direction)
			.param("pass", r == null ? null : r.passId())
			.param("person", r == null ? null : r.personId())
			.param("visitor", visitor)
			.param("phone", phone == null ? null : this.cipher.encrypt(phone))
			.param("vreason", visitor == null ? null : "探亲")
			.param("host", null)
			.param("t", new BigDecimal(temperature))
			.param("decision", decision)
			.param("reason", plate ? null : reasonOrPlate)
			.param("plate", plate ? reasonOrPlate : null)
			.update();
	}

	private void rawInsert(Instant at, long checkpoint, String path) {
		this.jdbc.sql("""
				insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, visitor_name, temperature, decision)
				values (:id, :at, :cp, :path, 'IN', '保留测试', 36.5, 'ALLOWED')
				""").param("id", UUID.randomUUID()).param("at", Timestamp.from(at)).param("cp", checkpoint).param("path", path)
			.update();
	}

	private ResultActions api(String user, String uri) throws Exception {
		return this.mvc.perform(this.logins.as(user, get(uri)));
	}

	private static List<List<String>> rows(byte[] xlsx) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
			try (var stream = wb.getFirstSheet().openStream()) {
				for (Row r : (Iterable<Row>) stream::iterator) {
					List<String> cells = new ArrayList<>();
					for (int c = 0; c < r.getCellCount(); c++) {
						cells.add(r.getCellText(c));
					}
					rows.add(cells);
				}
			}
		}
		return rows;
	}

}
