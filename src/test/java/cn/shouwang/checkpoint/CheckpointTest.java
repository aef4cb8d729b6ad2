package cn.shouwang.checkpoint;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Checkpoints and their roster, as a community sets them up. */
@IntegrationTest
class CheckpointTest {

	private static final AtomicInteger SEQ = new AtomicInteger(1);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aCheckpointIsAddedWithItsHoursAndBadHoursAreNamed() throws Exception {
		String name = "东门" + SEQ.incrementAndGet();
		long before = count();
		call("community", post("/api/v1/checkpoints"), "{\"name\":\"\",\"kind\":\"COMPOUND_GATE\",\"opensAt\":\"25:00\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("checkpoint.badTime")));
		call("community", post("/api/v1/checkpoints"), "{\"name\":\"" + name + "\",\"kind\":\"COMPOUND_GATE\",\"opensAt\":\"06:00\"}")
			.andExpect(jsonPath("$.errors[0].code").value("checkpoint.hoursBoth"));
		call("community", post("/api/v1/checkpoints"), "{\"name\":\"" + name + "\",\"kind\":\"COMPOUND_GATE\",\"opensAt\":\"06:00\",\"closesAt\":\"06:00\"}")
			.andExpect(jsonPath("$.errors[0].code").value("checkpoint.hoursEqual"));
		call("guard", post("/api/v1/checkpoints"), "{\"name\":\"" + name + "\",\"kind\":\"COMPOUND_GATE\"}").andExpect(status().isForbidden());
		assertThat(count()).isEqualTo(before);
		long id = id(call("community", post("/api/v1/checkpoints"), "{\"name\":\"" + name + "\",\"kind\":\"VILLAGE_ROAD\",\"opensAt\":\"20:00\",\"closesAt\":\"06:00\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.roundTheClock").doesNotExist()));
		call("community", post("/api/v1/checkpoints"), "{\"name\":\"" + name + "\",\"kind\":\"COMPOUND_GATE\"}")
			.andExpect(jsonPath("$.errors[0].code").value("checkpoint.nameTaken"));
		call("community", patch("/api/v1/checkpoints/" + id), "{\"name\":\"" + name + "\",\"kind\":\"VILLAGE_ROAD\",\"open\":false,\"version\":0}")
			.andExpect(jsonPath("$.open").value(false));
		call("community", patch("/api/v1/checkpoints/" + id), "{\"name\":\"" + name + "\",\"kind\":\"VILLAGE_ROAD\",\"version\":0}")
			.andExpect(jsonPath("$.errors[0].code").value("validation.staleVersion"));
		// the guard sees the checkpoints of the community; another street's are not found
		call("guard", get("/api/v1/checkpoints/" + id), null).andExpect(status().isOk());
		long foreign = id(call("admin", post("/api/v1/checkpoints"), "{\"nodeId\":" + this.tree.community(2, 1) + ",\"name\":\"外街道卡点" + SEQ.incrementAndGet() + "\",\"kind\":\"STREET\"}"));
		call("community", get("/api/v1/checkpoints/" + foreign), null).andExpect(status().isNotFound());
	}

	@Test
	void theCoverageShowsTheGapsAndSomeoneOnDutyTooManyDaysIsNamed() throws Exception {
		LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(20 + SEQ.incrementAndGet());
		long id = id(call("community", post("/api/v1/checkpoints"), "{\"name\":\"南门" + SEQ.incrementAndGet() + "\",\"kind\":\"COMPOUND_GATE\"}"));
		String guard = "值守员" + SEQ.incrementAndGet();
		call("community", post("/api/v1/checkpoints/" + id + "/shifts"), shift(guard, day + "T08:00", day + "T08:00"))
			.andExpect(jsonPath("$.errors[0].code").value("validation.endBeforeStart"));
		call("community", post("/api/v1/checkpoints/" + id + "/shifts"), shift(guard, day + "T08:00", day.plusDays(1) + "T09:00"))
			.andExpect(jsonPath("$.errors[0].code").value("checkpoint.shiftTooLong"));
		call("community", post("/api/v1/checkpoints/" + id + "/shifts"), shift(guard, day + "T00:00", day + "T12:00"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.warnings").isEmpty());
		call("community", post("/api/v1/checkpoints/" + id + "/shifts"), shift(guard, day + "T11:00", day + "T13:00"))
			.andExpect(jsonPath("$.errors[0].code").value("checkpoint.shiftOverlaps"));
		call("community", get("/api/v1/checkpoints/coverage?day=" + day), null)
			.andExpect(jsonPath("$.lines[?(@.checkpoint.id == " + id + ")].gapMinutes").value(hasItem(720)));
		// six days before: seven in a row is one too many
		for (int i = 1; i <= 6; i++) {
			LocalDate d = day.minusDays(i);
			call("community", post("/api/v1/checkpoints/" + id + "/shifts"), shift(guard, d + "T00:00", d + "T08:00")).andExpect(status().isCreated());
		}
		call("community", post("/api/v1/checkpoints/" + id + "/shifts"), shift(guard, day + "T12:00", day + "T23:00"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.warnings[0]").value(containsString(guard)));
		call("community", get("/api/v1/checkpoints/coverage?day=" + day), null)
			.andExpect(jsonPath("$.tired[*].guardName", hasItem(guard)));
		this.mvc.perform(get("/checkpoints?day=" + day).session(this.logins.session("community"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("连续值守")));
		this.mvc.perform(get("/checkpoints/" + id).session(this.logins.session("guard"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("值班安排")));
	}

	private static String shift(String guard, String from, String to) {
		return "{\"guardName\":\"" + guard + "\",\"startsAt\":\"" + from + "\",\"endsAt\":\"" + to + "\"}";
	}

	private long count() {
		return this.jdbc.sql("select count(*) from checkpoint").query(Long.class).single();
	}

	private ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(this.logins.as(user, request));
	}

	private static long id(ResultActions result) throws Exception {
		String body = result.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("\"id\":");
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
