package cn.shouwang.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Self-reports through a household's personal link, without an account: the worker issues the
 * link (QR code and address), the page shows only that household's persons under a running
 * measure, one person reports (SELF) or the household head for several (HOUSEHOLD_HEAD, all or
 * nothing); an altered, revoked or expired link shows why with a 4xx and nothing else.
 */
@IntegrationTest
class SelfReportTest {

	private static final Pattern TOKEN = Pattern.compile("/r/([A-Za-z0-9_-]{43})");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	MonitoringClock clock;

	@Autowired
	ApplicationContext context;

	@AfterEach
	void realTimeAgain() {
		this.clock.fixAt(null);
	}

	@Test
	void aPersonReportsThroughTheLinkAndTheHouseholdHeadForEveryoneAtOnce() throws Exception {
		long first = measure();
		long second = measure();
		long household = household(first);
		String token = issue(household);
		long elsewhere = measureInAnotherHousehold();

		this.mvc.perform(get("/r/" + token)).andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().string(containsString("data-measure=\"" + first + "\"")))
			.andExpect(content().string(containsString("data-measure=\"" + second + "\"")))
			.andExpect(content().string(not(containsString("data-measure=\"" + elsewhere + "\""))))
			.andExpect(content().string(containsString("需要帮助（买菜、买药、就医…）")))
			.andExpect(content().string(containsString("/r/" + token + "/requests")));

		// one person, through the form with its own button
		this.mvc.perform(post("/r/" + token).with(csrf()).param("only", String.valueOf(first))
			.param("t" + first, "36.6").param("id" + first, java.util.UUID.randomUUID().toString()))
			.andExpect(status().is3xxRedirection());
		assertThat(sources(first)).containsExactly("SELF");

		// the household head, for both: one bad reading and nothing is stored
		this.clock.fixAt(Instant.now().plus(Duration.ofMinutes(30)));
		this.mvc.perform(post("/api/v1/links/" + token + "/checks").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"measureId\":" + first + ",\"temperature\":\"36.8\"},{\"measureId\":" + second + ",\"temperature\":\"45\"}]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reports[1].temperature"));
		assertThat(sources(first)).containsExactly("SELF");
		this.mvc.perform(post("/api/v1/links/" + token + "/checks").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"measureId\":" + first + ",\"temperature\":\"36.8\"},{\"measureId\":" + second + ",\"temperature\":\"38.1\"}]"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$[1].check.source").value("HOUSEHOLD_HEAD"))
			.andExpect(jsonPath("$[1].check.fever").value(true));
		assertThat(sources(second)).containsExactly("HOUSEHOLD_HEAD");
		assertThat(this.jdbc.sql("select count(*) from health_alert where measure_id = :m").param("m", second)
			.query(Long.class).single()).isOne();
		// a person of another household cannot be reported through this link
		this.mvc.perform(post("/api/v1/links/" + token + "/checks").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"measureId\":" + elsewhere + ",\"temperature\":\"36.5\"}]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("check.notInHousehold"));

		// the form names whose reading is wrong
		MockHttpSession phone = new MockHttpSession();
		this.mvc.perform(post("/r/" + token).session(phone).with(csrf()).param("t" + first, "36.5").param("t" + second, "二十"))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/r/" + token).session(phone)).andExpect(content().string(containsString("体温须是数字")));
	}

	@Test
	void anAlteredRevokedOrExpiredLinkShowsWhyAndNothingElse() throws Exception {
		long measure = measure();
		long household = household(measure);
		String token = issue(household);
		char last = token.charAt(20);
		String altered = token.substring(0, 20) + (last == 'A' ? 'B' : 'A') + token.substring(21);
		this.mvc.perform(get("/r/" + altered)).andExpect(status().isNotFound())
			.andExpect(content().string(containsString("这个链接无效")))
			.andExpect(content().string(not(containsString("data-measure"))));
		this.mvc.perform(get("/r/abc")).andExpect(status().isNotFound())
			.andExpect(content().string(containsString("这个链接不完整")));
		this.mvc.perform(post("/api/v1/links/" + altered + "/checks").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"measureId\":" + measure + ",\"temperature\":\"36.5\"}]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("link.tampered"));

		// expired: three weeks on
		this.clock.fixAt(Instant.now().plus(Duration.ofDays(22)));
		this.mvc.perform(get("/r/" + token)).andExpect(status().isGone())
			.andExpect(content().string(containsString("这个链接已过期")));
		this.clock.fixAt(null);

		String id = this.jdbc.sql("select id::text from personal_link where household_id = :h order by created_at desc limit 1")
			.param("h", household).query(String.class).single();
		this.mvc.perform(post("/monitoring/links/" + id + "/revoke").session(this.logins.session("grid")).with(csrf())
			.header("HX-Request", "true").param("household", String.valueOf(household)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("已停用该链接")));
		this.mvc.perform(get("/r/" + token)).andExpect(status().isGone())
			.andExpect(content().string(containsString("这个链接已被社区停用")));
		this.mvc.perform(post("/r/" + token).with(csrf()).param("t" + measure, "36.5")).andExpect(status().isGone());
		assertThat(sources(measure)).isEmpty();
	}

	/** Issues a link from the measure page's panel and reads the token from its address. */
	private String issue(long household) throws Exception {
		String panel = this.mvc.perform(post("/monitoring/households/" + household + "/links")
			.session(this.logins.session("grid")).with(csrf()).header("HX-Request", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<svg")))
			.andReturn().getResponse().getContentAsString();
		Matcher m = TOKEN.matcher(panel);
		assertThat(m.find()).as(panel).isTrue();
		return m.group(1);
	}

	private java.util.List<String> sources(long measure) {
		return this.jdbc.sql("select source from health_check where measure_id = :m order by taken_at").param("m", measure)
			.query(String.class).list();
	}

	private long household(long measure) {
		return this.jdbc.sql("select household_id from control_measure where id = :m").param("m", measure)
			.query(Long.class).single();
	}

	long measure() throws Exception {
		return measure(measures().keyPerson("OTHER"));
	}

	private long measure(long keyPerson) throws Exception {
		return MeasureTest.id(measures().call("grid", post("/api/v1/measures"), "{\"keyPersonId\":" + keyPerson
				+ ",\"lastExposure\":\"" + LocalDate.now(MeasureTest.SHANGHAI).minusDays(1) + "\"}")
			.andExpect(status().isCreated()));
	}

	/** A person in the grid's second household, under a measure. */
	private long measureInAnotherHousehold() throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id offset 1 limit 1
				""").param("n", this.tree.grid(1, 1, 1)).query(Long.class).single();
		int n = (int) (System.nanoTime() % 9000) + 500;
		String first17 = "110109" + (1950 + n % 50) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", n % 100) + "5";
		MeasureTest mt = measures();
		long person = MeasureTest.id(mt.call("grid", post("/api/v1/households/" + household + "/persons"),
				"{\"name\":\"别户测试" + n + "\",\"idNumber\":\"" + first17 + ChineseIdNumber.checkCharacter(first17) + "\"}"));
		long kp = MeasureTest.id(mt.call("grid", post("/api/v1/key-persons"), "{\"personId\":" + person
				+ ",\"category\":\"OTHER\"}"));
		return measure(kp);
	}

	MeasureTest measures() {
		MeasureTest measures = new MeasureTest();
		this.context.getAutowireCapableBeanFactory().autowireBean(measures);
		return measures;
	}

}
