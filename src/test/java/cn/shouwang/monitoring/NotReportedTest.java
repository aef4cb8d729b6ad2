package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The not-reported list, its reminders and the outbox, on a fixed clock: a slot past its deadline
 * without a check is listed (for the team, "mine"), reminded once (a notification to each team
 * user and an SMS to the person, through the outbox), and leaves the list when a check fills it;
 * the dispatcher retries a failing message with backoff and gives up after the set attempts.
 */
@IntegrationTest
class NotReportedTest {

	private static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	MonitoringClock clock;

	@Autowired
	NotReportedReminders reminders;

	@Autowired
	OutboxDispatcher dispatcher;

	@Autowired
	Notifications notifications;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void realTimeAgain() {
		this.clock.fixAt(null);
	}

	@Test
	void aMissedCheckIsListedForTheTeamRemindedOnceAndLeavesWhenReported() throws Exception {
		long measure = measureWithGridOnTheTeam();
		String name = this.jdbc.sql("select name from control_measure where id = :m").param("m", measure)
			.query(String.class).single();
		LocalDate tomorrow = LocalDate.now(MeasureTest.SHANGHAI).plusDays(1);
		this.clock.fixAt(tomorrow.atTime(LocalTime.of(12, 30)).atZone(MeasureTest.SHANGHAI).toInstant());

		measures().call("grid", get("/api/v1/monitoring/not-reported?mine=true&size=200&q=" + name), null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].measureId").value(measure))
			.andExpect(jsonPath("$.items[0].day").value(tomorrow.toString()))
			.andExpect(jsonPath("$.items[0].slot").value("MORNING"))
			.andExpect(jsonPath("$.items[0].remindedAt").doesNotExist());
		long overdue = overdue(measure);
		assertThat(overdue).isBetween(1L, 3L);
		// the community worker is on no team: nothing of this measure is "theirs"
		measures().call("community", get("/api/v1/monitoring/not-reported?mine=true&q=" + name), null)
			.andExpect(jsonPath("$.total").value(0));
		measures().call("community", get("/api/v1/monitoring/not-reported?q=" + name), null)
			.andExpect(jsonPath("$.total").value(overdue));

		// today's slots are more than 12 hours late: marked, but nobody is texted about them now
		long fresh = this.jdbc.sql("""
				select count(*) from followup_slot where measure_id = :m and check_id is null and due_at < :now
				  and due_at > cast(:now as timestamptz) - interval '12 hours'
				""").param("m", measure).param("now", Timestamp.from(this.clock.clock().instant())).query(Long.class).single();
		assertThat(fresh).isOne();
		remind();
		remind();
		assertThat(this.jdbc.sql("select count(*) from followup_slot where measure_id = :m and reminded_at is not null")
			.param("m", measure).query(Long.class).single()).isEqualTo(overdue);
		assertThat(this.jdbc.sql("""
				select count(*) from notification n join app_user u on u.id = n.user_id
				where u.username = 'grid' and n.kind = 'NOT_REPORTED' and n.link = :link
				""").param("link", "/monitoring/measures/" + measure).query(Long.class).single()).isEqualTo(fresh);
		assertThat(this.jdbc.sql("select count(*) from outbox_message where channel = 'SMS' and body like :b")
			.param("b", "%" + name + "%").query(Long.class).single()).isEqualTo(fresh);

		// the page, the export, the bell
		var session = this.logins.session("grid");
		this.mvc.perform(get("/monitoring/not-reported?mine=true&q=" + name).session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("data-measure=\"" + measure + "\"")))
			.andExpect(content().string(containsString("已提醒")));
		this.mvc.perform(get("/monitoring/not-reported/export.xlsx?mine=true").session(session)).andExpect(status().isOk())
			.andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
		this.mvc.perform(get("/notifications").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("未报告：" + name)));
		this.mvc.perform(get("/notifications/bell").session(session)).andExpect(status().isOk())
			.andExpect(content().string(containsString("badge red")));
		this.mvc.perform(get("/").session(session)).andExpect(content().string(containsString("未读通知")));

		// a late morning check fills the morning slot: off the list at once
		measures().call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.5\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.check.slot").value("MORNING"));
		assertThat(overdue(measure)).isEqualTo(overdue - 1);
		measures().call("grid", get("/api/v1/monitoring/not-reported?mine=true&size=200&q=" + name), null)
			.andExpect(jsonPath("$.items[?(@.day == '" + tomorrow + "' && @.slot == 'MORNING')]").isEmpty());
		measures().call("volunteer", get("/api/v1/monitoring/not-reported"), null).andExpect(status().isForbidden());
	}

	@Test
	void theDispatcherRetriesWithBackoffGivesUpAfterTheSetAttemptsAndSendsEachMessageOnce() {
		String failing = "1390000" + String.format("%04d", SEQ.incrementAndGet());
		String flaky = "1390001" + String.format("%04d", SEQ.incrementAndGet());
		// the rows are due a month from now, so the scheduled dispatcher (on the real clock) leaves them to this test
		Instant start = Instant.now().plus(Duration.ofDays(30));
		this.tx.executeWithoutResult(s -> {
			this.notifications.send(Notifications.Channel.SMS, failing, "测试：总是失败");
			this.notifications.send(Notifications.Channel.SMS, flaky, "测试：第二次成功");
			this.jdbc.sql("update outbox_message set next_attempt_at = :at where body like '测试：%' and status = 'PENDING'")
				.param("at", Timestamp.from(start)).update();
		});
		AtomicInteger flakyCalls = new AtomicInteger();
		List<String> delivered = new java.util.ArrayList<>();
		MessageSender gateway = (channel, to, body) -> {
			if (to.equals(failing) || to.equals(flaky) && flakyCalls.incrementAndGet() == 1) {
				throw new IllegalStateException("gateway timeout");
			}
			delivered.add(to);
		};
		Instant now = start;
		this.dispatcher.dispatch(gateway, now);
		assertThat(row(failing)).containsExactly("PENDING", "1");
		// not due again before its backoff (1 minute after the first failure)
		this.dispatcher.dispatch(gateway, now.plusSeconds(30));
		assertThat(row(failing)).containsExactly("PENDING", "1");
		now = now.plus(Duration.ofMinutes(1));
		this.dispatcher.dispatch(gateway, now);
		assertThat(row(flaky)).containsExactly("SENT", "2");
		for (int i = 2; i <= 6; i++) {
			now = now.plus(OutboxDispatcher.backoff(i));
			this.dispatcher.dispatch(gateway, now);
		}
		assertThat(row(failing)).containsExactly("FAILED", "5");
		assertThat(this.jdbc.sql("select last_error from outbox_message where body = '测试：总是失败' order by id desc limit 1")
			.query(String.class).single()).contains("gateway timeout");
		assertThat(delivered.stream().filter(flaky::equals)).hasSize(1);
		assertThat(OutboxDispatcher.backoff(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(OutboxDispatcher.backoff(3)).isEqualTo(Duration.ofMinutes(4));
		assertThat(OutboxDispatcher.backoff(9)).isEqualTo(Duration.ofHours(1));
	}

	/** Status and attempts of the newest test message to this number (numbers are stored encrypted). */
	private List<String> row(String number) {
		String body = number.startsWith("1390000") ? "测试：总是失败" : "测试：第二次成功";
		return this.jdbc.sql("select status, attempts::text from outbox_message where body = :b order by id desc limit 1")
			.param("b", body).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).single();
	}

	private void remind() {
		while (this.reminders.remind() < 0) {
			Thread.onSpinWait();
		}
	}

	private long overdue(long measure) {
		return this.jdbc.sql("select count(*) from followup_slot where measure_id = :m and check_id is null and due_at < :now")
			.param("m", measure).param("now", Timestamp.from(this.clock.clock().instant())).query(Long.class).single();
	}

	private long measureWithGridOnTheTeam() throws Exception {
		long kp = measures().keyPerson("OTHER");
		long measure = MeasureTest.id(measures().call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp
				+ ",\"lastExposure\":\"" + LocalDate.now(MeasureTest.SHANGHAI).minusDays(1) + "\"}").andExpect(status().isCreated()));
		long grid = this.jdbc.sql("select id from app_user where username = 'grid'").query(Long.class).single();
		measures().call("grid", put("/api/v1/measures/" + measure + "/team"), "[{\"duty\":\"COMMUNITY_CADRE\",\"userId\":" + grid
				+ "}]").andExpect(status().isOk());
		return measure;
	}

	MeasureTest measures() {
		MeasureTest measures = new MeasureTest();
		this.context.getAutowireCapableBeanFactory().autowireBean(measures);
		return measures;
	}

}
