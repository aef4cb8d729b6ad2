package cn.shouwang.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Health checks through the API, on a fixed clock in Asia/Shanghai: the slot a check fills, a
 * fever opening an alert, a retried id stored once, a repeat within the policy's minutes dropped,
 * an ended measure and bad readings refused with the field named and nothing written.
 */
@IntegrationTest
class HealthCheckTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MonitoringClock clock;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void realTimeAgain() {
		this.clock.fixAt(null);
	}

	@Test
	void aCheckFillsItsSlotInShanghaiTimeAndAFeverOpensAnAlert() throws Exception {
		long measure = measure();
		LocalDate tomorrow = LocalDate.now(MeasureTest.SHANGHAI).plusDays(1);
		at(tomorrow, LocalTime.of(23, 30));
		// 16:30 UTC today is 00:30 tomorrow in Shanghai: tomorrow's morning
		UUID early = UUID.randomUUID();
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"id\":\"" + early + "\",\"temperature\":\"36.6\","
				+ "\"takenAt\":\"" + tomorrow.minusDays(1) + "T16:30:00Z\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.result").value("RECORDED"))
			.andExpect(jsonPath("$.check.day").value(tomorrow.toString()))
			.andExpect(jsonPath("$.check.slot").value("MORNING"))
			.andExpect(jsonPath("$.check.fever").value(false))
			.andExpect(jsonPath("$.check.source").value("WORKER"));
		assertThat(slotCheck(measure, tomorrow, "MORNING")).isEqualTo(early);
		assertThat(alerts(measure)).isZero();
		// evening window opens at 16:00 local; a number is taken as well as text
		UUID evening = UUID.randomUUID();
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"id\":\"" + evening + "\",\"temperature\":38.4,"
				+ "\"symptoms\":[\"DRY_COUGH\"],\"takenAt\":\"" + tomorrow + "T16:00:00\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.check.slot").value("EVENING"))
			.andExpect(jsonPath("$.check.fever").value(true));
		assertThat(slotCheck(measure, tomorrow, "EVENING")).isEqualTo(evening);
		assertThat(alerts(measure)).isOne();
		assertThat(this.jdbc.sql("select reason from health_alert where measure_id = :m").param("m", measure)
			.query(String.class).single()).isEqualTo("FEVER_AND_SYMPTOM");
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'healthCheck' and entity_id = :id")
			.param("id", evening.toString()).query(Long.class).single()).isOne();
		call("grid", get("/api/v1/measures/" + measure + "/checks"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value(evening.toString()))
			.andExpect(jsonPath("$[1].id").value(early.toString()));
	}

	@Test
	void theSameIdAgainGetsTheSameAnswerAndARepeatWithinMinutesIsDropped() throws Exception {
		long measure = measure();
		LocalDate tomorrow = LocalDate.now(MeasureTest.SHANGHAI).plusDays(1);
		at(tomorrow, LocalTime.of(8, 0));
		UUID id = UUID.randomUUID();
		String body = "{\"id\":\"" + id + "\",\"temperature\":\"36.5\",\"symptoms\":[]}";
		call("grid", post("/api/v1/measures/" + measure + "/checks"), body).andExpect(status().isCreated());
		for (int i = 0; i < 3; i++) {
			call("grid", post("/api/v1/measures/" + measure + "/checks"), body).andExpect(status().isOk())
				.andExpect(jsonPath("$.result").value("ALREADY_RECORDED"))
				.andExpect(jsonPath("$.check.id").value(id.toString()));
		}
		assertThat(checks(measure)).isOne();
		// another submission five minutes later, a new id: the repeat is dropped and says which check stands
		at(tomorrow, LocalTime.of(8, 5));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.7\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.result").value("DUPLICATE_DROPPED"))
			.andExpect(jsonPath("$.check.id").value(id.toString()));
		assertThat(checks(measure)).isOne();
		at(tomorrow, LocalTime.of(8, 11));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.7\"}")
			.andExpect(status().isCreated());
		assertThat(checks(measure)).isEqualTo(2);
		// an id already used for another person's check is refused, not taken over
		call("grid", post("/api/v1/measures/" + measure() + "/checks"), body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("check.idTaken"));
	}

	@Test
	void badReadingsAreRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
		long measure = measure();
		long audits = this.jdbc.sql("select count(*) from audit_event where entity = 'healthCheck'").query(Long.class).single();
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"43.5\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("temperature"))
			.andExpect(jsonPath("$.errors[0].code").value("health.temperature.range"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("体温")));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"33.9\"}")
			.andExpect(jsonPath("$.errors[0].code").value("health.temperature.range"));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"三十六\"}")
			.andExpect(jsonPath("$.errors[0].field").value("temperature"))
			.andExpect(jsonPath("$.errors[0].code").value("health.temperature.notANumber"));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"symptoms\":[\"COUGHING\"]}")
			.andExpect(jsonPath("$.errors[0].field").value("temperature"))
			.andExpect(jsonPath("$.errors[0].code").value("check.temperature.required"))
			.andExpect(jsonPath("$.errors[1].field").value("symptoms"))
			.andExpect(jsonPath("$.errors[1].code").value("check.symptomUnknown"));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.5\",\"takenAt\":\""
				+ LocalDate.now(MeasureTest.SHANGHAI).plusDays(2) + "T08:00\"}")
			.andExpect(jsonPath("$.errors[0].field").value("takenAt"))
			.andExpect(jsonPath("$.errors[0].code").value("check.takenAt.future"));
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.5\",\"takenAt\":\"昨天\"}")
			.andExpect(jsonPath("$.errors[0].code").value("check.takenAt.format"));
		call("volunteer", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.5\"}")
			.andExpect(status().isForbidden());
		assertThat(checks(measure)).isZero();
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'healthCheck'").query(Long.class).single())
			.isEqualTo(audits);
	}

	@Test
	void anEndedMeasureTakesNoMoreChecks() throws Exception {
		long measure = measure();
		call("grid", post("/api/v1/measures/" + measure + "/end"), "{\"status\":\"REFERRED\",\"note\":\"送医\"}")
			.andExpect(status().isOk());
		call("grid", post("/api/v1/measures/" + measure + "/checks"), "{\"temperature\":\"36.5\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"))
			.andExpect(jsonPath("$.errors[0].code").value("check.measureEnded"));
		assertThat(checks(measure)).isZero();
	}

	private void at(LocalDate day, LocalTime time) {
		this.clock.fixAt(day.atTime(time).atZone(MeasureTest.SHANGHAI).toInstant());
	}

	private UUID slotCheck(long measure, LocalDate day, String slot) {
		return this.jdbc.sql("select check_id from followup_slot where measure_id = :m and day = :d and slot = :s")
			.param("m", measure).param("d", day).param("s", slot).query(UUID.class).single();
	}

	private long checks(long measure) {
		return this.jdbc.sql("select count(*) from health_check where measure_id = :m").param("m", measure)
			.query(Long.class).single();
	}

	private long alerts(long measure) {
		return this.jdbc.sql("select count(*) from health_alert where measure_id = :m").param("m", measure)
			.query(Long.class).single();
	}

	/** A measure (demo policy, "OTHER": 7 days from today) for a new person; the clock is real while it starts. */
	long measure() throws Exception {
		Instant fixed = this.clock.clock().instant();
		this.clock.fixAt(null);
		try {
			long kp = measures().keyPerson("OTHER");
			return MeasureTest.id(call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\""
					+ LocalDate.now(MeasureTest.SHANGHAI).minusDays(1) + "\"}").andExpect(status().isCreated()));
		}
		finally {
			if (Math.abs(fixed.toEpochMilli() - Instant.now().toEpochMilli()) > 1000) {
				this.clock.fixAt(fixed);
			}
		}
	}

	ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		return measures().call(user, request, body);
	}

	MeasureTest measures() {
		MeasureTest measures = new MeasureTest();
		this.context.getAutowireCapableBeanFactory().autowireBean(measures);
		return measures;
	}

}
