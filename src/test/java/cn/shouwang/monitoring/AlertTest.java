package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.shouwang.keyperson.Symptom;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Alerts from abnormal checks: one per measure, one tap to acknowledge and one to handle,
 * escalation grid → community → street on the policy's minutes (the clock is fixed, never slept
 * on), overdue after the handle-by time. The checks are stored and their event published in one
 * transaction, as the health-check service does.
 */
@IntegrationTest
class AlertTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PolicyService policies;

	@Autowired
	MonitoringClock clock;

	@Autowired
	AlertEscalation escalation;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@AfterEach
	void realTimeAgain() {
		this.clock.fixAt(null);
	}

	@Test
	void aFeverOpensOneAlertAtTheGridAndFurtherAbnormalChecksGoOnItsTimeline() throws Exception {
		long measure = measure(1);
		check(measure, "36.6", List.of());
		assertThat(alerts(measure)).isZero();
		check(measure, "38.2", List.of());
		check(measure, "36.9", List.of(Symptom.DRY_COUGH));
		assertThat(alerts(measure)).isOne();
		long alert = alertOf(measure);
		call("grid", get("/api/v1/alerts/" + alert), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.alert.reason").value("FEVER"))
			.andExpect(jsonPath("$.alert.level").value("GRID"))
			.andExpect(jsonPath("$.alert.status").value("OPEN"))
			.andExpect(jsonPath("$.alert.temperature").value(38.2))
			.andExpect(jsonPath("$.events[0].kind").value("OPENED"))
			.andExpect(jsonPath("$.events[1].kind").value("ABNORMAL_AGAIN"));
		assertThat(this.jdbc.sql("select extract(epoch from handle_by - opened_at) from health_alert where id = :a")
			.param("a", alert).query(Long.class).single()).isEqualTo(120 * 60L);
		assertThat(notificationsOf("grid", alert)).isOne();
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'healthAlert' and entity_id = :a")
			.param("a", String.valueOf(alert)).query(Long.class).single()).isEqualTo(2);
		call("grid", get("/api/v1/alerts?q=" + name(measure)), null).andExpect(jsonPath("$.total").value(1));
		assertThat(this.mvc.perform(get("/").session(this.logins.session("grid"))).andReturn().getResponse()
			.getContentAsString()).contains("待处置的异常告警");
	}

	@Test
	void aSymptomWithoutFeverOpensASymptomAlertAndACheckThatRollsBackLeavesNoAlert() throws Exception {
		long measure = measure(1);
		assertThatThrownBy(() -> this.tx.executeWithoutResult(s -> {
			publishCheck(measure, "39.0", List.of());
			throw new IllegalStateException("the check failed after its event");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(alerts(measure)).isZero();
		check(measure, "36.8", List.of(Symptom.LOSS_OF_SMELL_OR_TASTE));
		call("community", get("/api/v1/alerts/" + alertOf(measure)), null)
			.andExpect(jsonPath("$.alert.reason").value("SYMPTOM"));
	}

	@Test
	void acknowledgeAndHandleAreOneTapEachAndNeitherHappensTwice() throws Exception {
		long measure = measure(1);
		check(measure, "38.5", List.of(Symptom.FATIGUE));
		long alert = alertOf(measure);
		long audits = audits(alert);
		call("grid", post("/api/v1/alerts/" + alert + "/handle"), "{\"note\":\"没选\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("alert.handlingRequired"));
		call("grid", post("/api/v1/alerts/" + alert + "/handle"), "{\"handling\":\"NOTE\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("alert.noteRequired"));
		call("grid", post("/api/v1/alerts/" + alert + "/handle"), "{\"handling\":\"BOGUS\"}")
			.andExpect(status().isBadRequest());
		assertThat(audits(alert)).isEqualTo(audits);
		// the phone: one tap, and the panel comes back with the new state
		MockHttpSession phone = this.logins.session("grid");
		this.mvc.perform(post("/alerts/" + alert + "/acknowledge").session(phone).with(csrf()).header("HX-Request", "true")
			.param("note", "已电话联系"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已确认收到")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"alert-status\"")));
		call("community", post("/api/v1/alerts/" + alert + "/acknowledge"), "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("alert.alreadyAcknowledged"));
		this.mvc.perform(post("/alerts/" + alert + "/handle").session(phone).with(csrf()).header("HX-Request", "true")
			.param("handling", "FEVER_CLINIC").param("note", "120转运至发热门诊"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("已处置")));
		call("grid", post("/api/v1/alerts/" + alert + "/handle"), "{\"handling\":\"TRANSFER\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("alert.alreadyHandled"));
		call("grid", get("/api/v1/alerts/" + alert), null).andExpect(jsonPath("$.alert.status").value("HANDLED"))
			.andExpect(jsonPath("$.alert.handling").value("FEVER_CLINIC"))
			.andExpect(jsonPath("$.alert.acknowledgedBy").value("grid"))
			.andExpect(jsonPath("$.alert.note").value("120转运至发热门诊"))
			.andExpect(jsonPath("$.events[1].kind").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.events[2].kind").value("HANDLED_FEVER_CLINIC"));
		assertThat(audits(alert)).isEqualTo(audits + 2);
		// handled: a new abnormal check opens a new alert
		check(measure, "38.0", List.of());
		assertThat(alerts(measure)).isEqualTo(2);
		call("volunteer", post("/api/v1/alerts/" + alertOf(measure) + "/acknowledge"), "{}")
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/alerts").session(phone)).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(name(measure))));
		this.mvc.perform(get("/alerts/export.xlsx").session(phone)).andExpect(status().isOk())
			.andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	}

	@Test
	void anUnacknowledgedAlertClimbsToTheCommunityThenTheStreetAndIsMarkedOverdue() throws Exception {
		Instant opened = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		long measure = measure(1);
		long quiet = measure(1);
		this.clock.fixAt(opened);
		check(measure, "38.8", List.of());
		check(quiet, "38.8", List.of());
		long alert = alertOf(measure);
		call("grid", post("/api/v1/alerts/" + alertOf(quiet) + "/acknowledge"), "{}").andExpect(status().isOk());

		tickAt(opened.plus(Duration.ofMinutes(29)));
		assertThat(level(alert)).isEqualTo("GRID");
		tickAt(opened.plus(Duration.ofMinutes(30)));
		assertThat(level(alert)).isEqualTo("COMMUNITY");
		assertThat(notificationsOf("community", alert)).isOne();
		assertThat(notificationsOf("street", alert)).isZero();
		tickAt(opened.plus(Duration.ofMinutes(59)));
		assertThat(level(alert)).isEqualTo("COMMUNITY");
		tickAt(opened.plus(Duration.ofMinutes(60)));
		assertThat(level(alert)).isEqualTo("STREET");
		assertThat(notificationsOf("street", alert)).isOne();
		// acknowledged in time: it stays with the grid
		assertThat(level(alertOf(quiet))).isEqualTo("GRID");

		call("street", get("/api/v1/alerts/" + alert), null).andExpect(jsonPath("$.alert.overdue").value(false));
		tickAt(opened.plus(Duration.ofMinutes(121)));
		tickAt(opened.plus(Duration.ofMinutes(125)));
		call("street", get("/api/v1/alerts/" + alert), null).andExpect(jsonPath("$.alert.overdue").value(true))
			.andExpect(jsonPath("$.events[1].kind").value("ESCALATED"))
			.andExpect(jsonPath("$.events[2].kind").value("ESCALATED"))
			.andExpect(jsonPath("$.events[3].kind").value("OVERDUE"))
			.andExpect(jsonPath("$.events.length()").value(4));
		call("street", get("/api/v1/alerts?overdue=true&q=" + name(measure)), null).andExpect(jsonPath("$.total").value(1));
		assertThat(notificationsOf("street", alert)).isEqualTo(2);
		// the acknowledged one is overdue too, as long as nobody handled it, but never escalated
		call("grid", get("/api/v1/alerts/" + alertOf(quiet)), null).andExpect(jsonPath("$.alert.overdue").value(true))
			.andExpect(jsonPath("$.alert.level").value("GRID"));
		call("grid", post("/api/v1/alerts/" + alertOf(quiet) + "/handle"), "{\"handling\":\"NOTE\",\"note\":\"复测正常\"}")
			.andExpect(status().isOk());
		call("grid", get("/api/v1/alerts/" + alertOf(quiet)), null).andExpect(jsonPath("$.alert.overdue").value(false))
			.andExpect(jsonPath("$.events[?(@.kind == 'HANDLED_LATE')]").exists());
	}

	@Test
	void aCheckpointFeverOpensAnAlertForAPersonUnderAMeasureOnly(@Autowired AlertService alerts) throws Exception {
		long measure = measure(1);
		long person = this.jdbc.sql("select person_id from control_measure where id = :m").param("m", measure)
			.query(Long.class).single();
		assertThat(alerts.openCheckpointFever(person, new BigDecimal("38.1"), "东门卡点", "guard")).isPresent();
		call("grid", get("/api/v1/alerts/" + alertOf(measure)), null)
			.andExpect(jsonPath("$.alert.reason").value("CHECKPOINT_FEVER"));
		assertThat(alerts.openCheckpointFever(987_654_321L, new BigDecimal("38.1"), "东门卡点", "guard")).isEmpty();
	}

	/** Runs the escalation job at that moment, waiting for a run of another node (a scheduled one) to finish. */
	private void tickAt(Instant at) {
		this.clock.fixAt(at);
		while (this.escalation.tick() < 0) {
			Thread.onSpinWait();
		}
	}

	/** A measure under the demo policy ("OTHER": 7 days of daily monitoring) from a last exposure days ago. */
	long measure(int exposureDaysAgo) throws Exception {
		long kp = measures().keyPerson("OTHER");
		return MeasureTest.id(call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\""
				+ LocalDate.now(MeasureTest.SHANGHAI).minusDays(exposureDaysAgo) + "\"}").andExpect(status().isCreated()));
	}

	/** Stores a check and publishes its event in one transaction, as the health-check service does. */
	UUID check(long measure, String temperature, List<Symptom> symptoms) {
		return this.tx.execute(s -> publishCheck(measure, temperature, symptoms));
	}

	private UUID publishCheck(long measure, String temperature, List<Symptom> symptoms) {
		record M(long person, String name, String path, long policy) {
		}
		M m = this.jdbc.sql("select person_id, name, jurisdiction_path, policy_id from control_measure where id = :m")
			.param("m", measure)
			.query((rs, i) -> new M(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.single();
		Policy policy = this.policies.byId(m.policy());
		BigDecimal t = new BigDecimal(temperature);
		boolean fever = policy.isFever(t);
		UUID id = UUID.randomUUID();
		Instant at = this.clock.clock().instant();
		this.jdbc.sql("""
				insert into health_check(id, measure_id, person_id, jurisdiction_path, taken_at, day, slot, temperature,
				  symptoms, fever, source, recorded_by)
				values (:id, :m, :p, :path, :at, :day, 'MORNING', :t, cast(:symptoms as text[]), :fever, 'WORKER', 'grid')
				""")
			.param("id", id).param("m", measure).param("p", m.person()).param("path", m.path())
			.param("at", java.sql.Timestamp.from(at)).param("day", LocalDate.ofInstant(at, MeasureTest.SHANGHAI))
			.param("t", t).param("symptoms", Alerts.names(symptoms)).param("fever", fever)
			.update();
		if (!fever && symptoms.isEmpty()) {
			this.jdbc.sql("update control_measure set last_normal_day = greatest(last_normal_day, :day) where id = :m")
				.param("day", LocalDate.ofInstant(at, MeasureTest.SHANGHAI)).param("m", measure).update();
		}
		this.events.publishEvent(new HealthCheckRecorded(id, measure, m.person(), m.name(), m.path(), t, symptoms, fever,
				policy.escalates(symptoms), "grid"));
		return id;
	}

	private long alerts(long measure) {
		return this.jdbc.sql("select count(*) from health_alert where measure_id = :m").param("m", measure)
			.query(Long.class).single();
	}

	private long alertOf(long measure) {
		return this.jdbc.sql("select max(id) from health_alert where measure_id = :m").param("m", measure)
			.query(Long.class).single();
	}

	private String name(long measure) {
		return this.jdbc.sql("select name from control_measure where id = :m").param("m", measure).query(String.class)
			.single();
	}

	private String level(long alert) {
		return this.jdbc.sql("select level from health_alert where id = :a").param("a", alert).query(String.class).single();
	}

	private long audits(long alert) {
		return this.jdbc.sql("select count(*) from audit_event where entity = 'healthAlert' and entity_id = :a")
			.param("a", String.valueOf(alert)).query(Long.class).single();
	}

	/** Notifications about this alert (the escalation job moves other tests' alerts too). */
	private long notificationsOf(String username, long alert) {
		return this.jdbc.sql("""
				select count(*) from notification n join app_user u on u.id = n.user_id
				where u.username = :u and n.kind = 'ALERT' and n.link = :link
				""").param("u", username).param("link", "/alerts/" + alert).query(Long.class).single();
	}

	ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		return measures().call(user, request, body);
	}

	/** The measure tests' own helpers (a key person through the API), on this test's beans. */
	MeasureTest measures() {
		MeasureTest measures = new MeasureTest();
		this.context.getAutowireCapableBeanFactory().autowireBean(measures);
		return measures;
	}

}
