package cn.shouwang.browser;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A household reports through its personal link on a 390×844 phone, without an account: one
 * person with their own button (SELF), then the household head for two more at once, one of them
 * with one tap on "体温正常" (HOUSEHOLD_HEAD). The page fits the phone and offers the way to ask
 * for help.
 */
@IntegrationTest
class SelfReportBrowserTest extends BrowserTestBase {

	private static final Pattern TOKEN = Pattern.compile("/r/([A-Za-z0-9_-]{43})");

	private static int seq = 700;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aHouseholdReportsOnAPhoneThroughItsLink() throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", this.tree.grid(1, 1, 1)).query(Long.class).single();
		long self = measure(household);
		long normal = measure(household);
		long fever = measure(household);
		String token = link(household);
		phone(390, 844);

		browser.open("/r/" + token);
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("健康监测报告");
		assertThat(browser.find(By.id("report-help")).getText()).isEqualTo("需要帮助（买菜、买药、就医…）");
		browser.find(By.id("t" + self)).sendKeys("36.7");
		browser.clickAndWaitForPage(browser.find(By.cssSelector("button.report-one[value='" + self + "']")));
		assertThat(browser.find(By.id("report-outcomes")).getText()).contains("已记录");
		assertThat(sources(self)).containsExactly("SELF");

		browser.find(By.cssSelector("[data-fill-target='t" + normal + "']")).click();
		assertThat(browser.find(By.id("t" + normal)).getAttribute("value")).isEqualTo("36.5");
		browser.find(By.id("t" + fever)).sendKeys("38.3");
		browser.find(By.cssSelector("fieldset[data-measure='" + fever + "'] input[value='DRY_COUGH']")).click();
		browser.clickAndWaitForPage(browser.find(By.id("report-all")));
		assertThat(browser.all(By.cssSelector("#report-outcomes li"))).hasSize(2);
		assertThat(sources(normal)).containsExactly("HOUSEHOLD_HEAD");
		assertThat(sources(fever)).containsExactly("HOUSEHOLD_HEAD");
		assertThat(this.jdbc.sql("select count(*) from health_alert where measure_id = :m").param("m", fever)
			.query(Long.class).single()).isOne();
		Number width = (Number) browser.js("return document.documentElement.scrollWidth;");
		assertThat(width.intValue()).isLessThanOrEqualTo(390);
	}

	private void phone(int width, int height) {
		((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
	}

	private List<String> sources(long measure) {
		return this.jdbc.sql("select source from health_check where measure_id = :m").param("m", measure)
			.query(String.class).list();
	}

	private String link(long household) throws Exception {
		String panel = this.mvc.perform(post("/monitoring/households/" + household + "/links")
			.session(this.logins.session("grid")).with(csrf()).header("HX-Request", "true"))
			.andReturn().getResponse().getContentAsString();
		Matcher m = TOKEN.matcher(panel);
		assertThat(m.find()).as(panel).isTrue();
		return m.group(1);
	}

	/** A new person of the household, a key person, and a measure running from today. */
	private long measure(long household) throws Exception {
		int n = ++seq;
		String first17 = "110109" + (1960 + n % 40) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", n % 100) + "7";
		long person = id(api("/api/v1/households/" + household + "/persons", "{\"name\":\"自报测试" + n + "\",\"idNumber\":\""
				+ first17 + cn.shouwang.shared.ChineseIdNumber.checkCharacter(first17) + "\"}"));
		long kp = id(api("/api/v1/key-persons", "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		return id(api("/api/v1/measures", "{\"keyPersonId\":" + kp + ",\"lastExposure\":\""
				+ LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1) + "\"}"));
	}

	private String api(String path, String body) throws Exception {
		return this.mvc.perform(this.logins.as("grid", post(path)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse().getContentAsString();
	}

	private static long id(String body) {
		assertThat(body).contains("\"id\":");
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
