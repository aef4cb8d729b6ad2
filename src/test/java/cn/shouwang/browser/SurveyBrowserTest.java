package cn.shouwang.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The door form on a phone-sized Chromium, as a grid worker uses it: the common case in two
 * taps, and a visit saved while the network is down (Chrome DevTools network emulation), kept
 * on the phone through a reload, uploaded once when the network is back, and stored once however
 * often the upload is repeated. (The service worker that serves the page offline is not used
 * under automation: see door.js.)
 */
@IntegrationTest
class SurveyBrowserTest extends BrowserTestBase {

	private static final AtomicInteger SEQ = new AtomicInteger(900);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void allHomeAllWellIsTwoTapsAndIsStoredAtOnce() throws Exception {
		long round = newRound();
		openDoorPage(round);
		WebElement door = firstDoor();
		long household = Long.parseLong(door.getAttribute("data-household"));
		door.click();
		browser.find(By.id("all-well")).click();
		waitForStatus("UPLOADED");
		assertThat(this.jdbc.sql("select outcome from survey_visit where campaign_id = :c and household_id = :h")
			.param("c", round).param("h", household).query(String.class).list()).containsExactly("VISITED");
		// the household leaves the list of doors still to knock on
		assertThat(browser.all(By.cssSelector("#doors .door[data-household='" + household + "']"))).isEmpty();
		assertFitsThePhone();
	}

	@Test
	void aVisitSavedOfflineSurvivesAReloadAndIsUploadedOnceWhenTheNetworkIsBack() throws Exception {
		long round = newRound();
		openDoorPage(round);
		WebElement door = firstDoor();
		long household = Long.parseLong(door.getAttribute("data-household"));
		network(false);
		door.click();
		WebElement temperature = browser.find(By.cssSelector("#members .temperature"));
		temperature.sendKeys("38.6");
		browser.find(By.id("submit-visit")).click();
		waitForStatus("PENDING");
		browser.waiting().until(d -> browser.find(By.id("net-state")).getText().contains("离线"));
		assertThat(visits(round, household)).isZero();

		// the page is closed while still offline, the network comes back and the page is opened
		// again: the visit saved only on the phone is still there and goes up once
		browser.driver().get("about:blank");
		network(true);
		browser.open("/survey/campaigns/" + round + "/door");
		waitForStatus("UPLOADED");
		assertThat(visits(round, household)).isEqualTo(1);
		// the fever made (or added to) the member's open key-person record
		assertThat(this.jdbc.sql("""
				select count(*) from key_person k join survey_person_check c on c.key_person_id = k.id
				join survey_visit v on v.id = c.visit_id
				where v.campaign_id = :c and k.category = 'SYMPTOMATIC' and k.temperature >= 38.6
				""").param("c", round).query(Long.class).single()).isEqualTo(1);

		// the same upload repeated (a flaky connection retrying) is stored once
		String saved = (String) browser.js("return JSON.stringify(JSON.parse(localStorage.getItem('shouwang.door.v1.grid.outbox'))"
				+ ".filter(function (i) { return i.status === 'UPLOADED'; }).pop().visit);");
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(this.logins.as("grid", post("/api/v1/survey/visits"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(saved)).andReturn();
		}
		assertThat(visits(round, household)).isEqualTo(1);
	}

	@Test
	void aVisitTheServerRefusesStaysOnThePhoneWithTheReason() throws Exception {
		long round = newRound();
		openDoorPage(round);
		firstDoor().click();
		browser.find(By.id("add-resident")).click();
		browser.find(By.cssSelector(".new-resident input[data-field='name']")).sendKeys("新来的");
		browser.find(By.cssSelector(".new-resident input[data-field='idNumber']")).sendKeys("1.10101E+17");
		browser.find(By.id("submit-visit")).click();
		waitForStatus("REJECTED");
		assertThat(browser.find(By.cssSelector("#outbox .outbox-item.rejected .field-error")).getText()).contains("科学计数法");
		// corrected and sent again
		browser.find(By.cssSelector("#outbox .outbox-item.rejected button.secondary")).click();
		WebElement id = browser.find(By.cssSelector(".new-resident input[data-field='idNumber']"));
		id.clear();
		id.sendKeys(idNumber());
		browser.find(By.id("submit-visit")).click();
		waitForStatus("UPLOADED");
		assertThat(this.jdbc.sql("select count(*) from person where name = '新来的'").query(Long.class).single()).isEqualTo(1);
	}

	@org.junit.jupiter.api.AfterEach
	void networkBack() {
		network(true);
	}

	private void openDoorPage(long round) {
		browser.loginAs("grid");
		// each test starts with an empty phone
		browser.js("localStorage.clear();");
		browser.open("/survey/campaigns/" + round + "/door");
		browser.waitFor(By.cssSelector("#doors .door"));
	}

	private WebElement firstDoor() {
		return browser.all(By.cssSelector("#doors .door")).get(0);
	}

	private void waitForStatus(String status) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
			.until(d -> !d.findElements(By.cssSelector("#outbox .outbox-item[data-status='" + status + "']")).isEmpty());
	}

	private void network(boolean online) {
		((ChromeDriver) browser.driver()).executeCdpCommand("Network.enable", Map.of());
		((ChromeDriver) browser.driver()).executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	private void assertFitsThePhone() {
		Number width = (Number) browser.js("return document.documentElement.scrollWidth;");
		assertThat(width.intValue()).isLessThanOrEqualTo(Browser.WIDTH);
	}

	private long visits(long round, long household) {
		return this.jdbc.sql("select count(*) from survey_visit where campaign_id = :c and household_id = :h")
			.param("c", round).param("h", household).query(Long.class).single();
	}

	private long newRound() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String body = this.mvc.perform(this.logins.as("community", post("/api/v1/survey/campaigns"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"nodeId\":" + this.tree.grid(1, 1, 1) + ",\"name\":\"浏览器测试第" + SEQ.incrementAndGet() + "轮\","
					+ "\"deadline\":\"" + today.plusDays(5) + "\"}"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

	private static String idNumber() {
		int n = SEQ.incrementAndGet();
		String first17 = "110109" + (1980 + n % 20) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "1";
		return first17 + cn.shouwang.shared.ChineseIdNumber.checkCharacter(first17);
	}

	static List<String> texts(List<WebElement> elements) {
		return elements.stream().map(WebElement::getText).toList();
	}

}
