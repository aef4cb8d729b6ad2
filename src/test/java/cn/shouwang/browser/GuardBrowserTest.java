package cn.shouwang.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
 * The guard's screen on a 390×844 phone: a pass code typed (or typed by a scanner gun) is decided
 * at once, full screen; a revoked pass is turned back with the reason; without network the screen
 * decides from the signature, expiry and the revocation list it keeps, says so, and uploads the
 * scan once when the network is back.
 */
@IntegrationTest
class GuardBrowserTest extends BrowserTestBase {

	private static final AtomicInteger SEQ = new AtomicInteger(500);

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	private static final Map<Long, String> ID_NUMBERS = new java.util.concurrent.ConcurrentHashMap<>();

	@Test
	void aResidentWithoutTheirCodeTypesTheirIdNumberInTheSameBoxAndOfflineIsToldItNeedsTheNetwork() throws Exception {
		long checkpoint = checkpoint();
		long person = person();
		openGuard(checkpoint);
		check(ID_NUMBERS.get(person).toLowerCase(java.util.Locale.ROOT));
		assertThat(waitForDecision("ALLOWED").getText()).contains("允许通行").contains("门");
		assertThat(count("select count(*) from passage where person_id = " + person + " and pass_id is null")).isEqualTo(1);
		browser.find(By.id("next")).click();

		network(false);
		browser.js("window.dispatchEvent(new Event('offline'));");
		check(ID_NUMBERS.get(person));
		WebElement decision = waitForDecision("TURNED_BACK");
		assertThat(decision.getText()).contains("须联网核验");
		assertThat(browser.find(By.id("decision-provisional")).isDisplayed()).isTrue();
		network(true);
		assertThat(count("select count(*) from passage where person_id = " + person)).isEqualTo(1);
	}

	@Test
	void aTypedCodeIsAllowedAndARevokedPassIsTurnedBackWithTheReason() throws Exception {
		long checkpoint = checkpoint();
		long person = person();
		String code = issue(person);
		openGuard(checkpoint);
		check(code);
		WebElement decision = waitForDecision("ALLOWED");
		assertThat(decision.getText()).contains("允许通行");
		assertThat(browser.find(By.id("decision-provisional")).isDisplayed()).isFalse();
		assertThat(count("select count(*) from passage where person_id = " + person + " and decision = 'ALLOWED'")).isEqualTo(1);
		Number width = (Number) browser.js("return document.documentElement.scrollWidth;");
		assertThat(width.intValue()).isLessThanOrEqualTo(390);
		browser.find(By.id("next")).click();

		revoke(person);
		check(code);
		assertThat(waitForDecision("TURNED_BACK").getText()).contains("劝返").contains("作废");
		browser.find(By.id("next")).click();

		// a fever: first reading asks for a second, one tap on + and the second turns back
		String other = issue(person());
		for (int i = 0; i < 10; i++) {
			browser.find(By.id("temp-up")).click();
		}
		assertThat(browser.find(By.id("temp")).getText()).isEqualTo("37.5");
		check(other);
		waitForDecision("REMEASURE");
		// measured again on the amber screen: down to 37.1 is normal, the holder passes
		for (int i = 0; i < 4; i++) {
			browser.find(By.id("re-down")).click();
		}
		assertThat(browser.find(By.id("re-temp")).getText()).isEqualTo("37.1");
		browser.find(By.id("remeasure")).click();
		waitForDecision("ALLOWED");
		browser.find(By.id("next")).click();
		// another one high twice: turned back
		String third = issue(person());
		for (int i = 0; i < 10; i++) {
			browser.find(By.id("temp-up")).click();
		}
		check(third);
		waitForDecision("REMEASURE");
		browser.find(By.id("remeasure")).click();
		assertThat(waitForDecision("TURNED_BACK").getText()).contains("复测体温仍偏高");
		assertThat(count("select count(*) from passage where checkpoint_id = " + checkpoint + " and decision = 'REMEASURE'"))
			.isEqualTo(2);
	}

	@Test
	void offlineTheScreenDecidesProvisionallyAndUploadsOnceWhenTheNetworkIsBack() throws Exception {
		long checkpoint = checkpoint();
		long person = person();
		String code = issue(person);
		long revokedPerson = person();
		String revoked = issue(revokedPerson);
		revoke(revokedPerson);
		openGuard(checkpoint);
		// the revocation list arrives while online
		browser.waiting().until(d -> !browser.find(By.id("revocations-state")).getText().isEmpty());
		network(false);
		check(code);
		waitForDecision("ALLOWED");
		assertThat(browser.find(By.id("decision-provisional")).isDisplayed()).isTrue();
		browser.find(By.id("next")).click();
		check(revoked);
		assertThat(waitForDecision("TURNED_BACK").getText()).contains("作废");
		browser.find(By.id("next")).click();
		// altered by one character: refused offline as forged
		String altered = code.substring(0, 40) + (code.charAt(40) == 'A' ? 'B' : 'A') + code.substring(41);
		check(altered);
		assertThat(waitForDecision("TURNED_BACK").getText()).contains("伪造");
		browser.find(By.id("next")).click();
		assertThat(count("select count(*) from passage where person_id = " + person)).isZero();
		assertThat(browser.find(By.id("pending-count")).getText()).contains("3");

		network(true);
		browser.js("window.dispatchEvent(new Event('online'));");
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.findElements(
				By.cssSelector("#recent .passage-item[data-status='PENDING']")).isEmpty());
		assertThat(count("select count(*) from passage where person_id = " + person + " and decision = 'ALLOWED'")).isEqualTo(1);
		assertThat(count("select count(*) from passage where person_id = " + revokedPerson + " and decision = 'TURNED_BACK'")).isEqualTo(1);
		// a reload uploads nothing twice
		browser.open("/guard/checkpoints/" + checkpoint);
		browser.waitFor(By.id("code"));
		Thread.sleep(1000);
		assertThat(count("select count(*) from passage where person_id = " + person)).isEqualTo(1);
	}

	@AfterEach
	void networkBack() {
		network(true);
	}

	private void openGuard(long checkpoint) {
		browser.driver().manage().window().setSize(new Dimension(390, 844));
		browser.loginAs("guard");
		browser.js("localStorage.clear();");
		browser.open("/guard/checkpoints/" + checkpoint);
		browser.waitFor(By.id("code"));
	}

	private void check(String code) {
		WebElement input = browser.find(By.id("code"));
		input.clear();
		browser.js("document.getElementById('code').value = arguments[0];", code);
		browser.find(By.id("check")).click();
	}

	private WebElement waitForDecision(String decision) {
		return new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> {
			WebElement box = d.findElement(By.id("decision"));
			return box.isDisplayed() && decision.equals(box.getAttribute("data-decision")) ? box : null;
		});
	}

	private void network(boolean online) {
		((ChromeDriver) browser.driver()).executeCdpCommand("Network.enable", Map.of());
		((ChromeDriver) browser.driver()).executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	private long checkpoint() throws Exception {
		return id(api("community", "/api/v1/checkpoints", "{\"name\":\"浏览器卡点" + SEQ.incrementAndGet() + "\",\"kind\":\"COMPOUND_GATE\"}"));
	}

	private long person() throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :g) || '%'
				order by id offset 5 limit 1
				""").param("g", this.tree.grid(1, 1, 2)).query(Long.class).single();
		int n = SEQ.incrementAndGet();
		String first17 = "110108" + (1960 + n % 40) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "7";
		String idNumber = first17 + ChineseIdNumber.checkCharacter(first17);
		long id = id(api("community", "/api/v1/households/" + household + "/persons", "{\"name\":\"门岗测试" + n
				+ "\",\"idNumber\":\"" + idNumber + "\"}"));
		ID_NUMBERS.put(id, idNumber);
		return id;
	}

	private String issue(long person) throws Exception {
		return api("community", "/api/v1/persons/" + person + "/passes",
				"{\"expiresOn\":\"" + LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30) + "\"}")
			.replaceAll("^.*\"code\":\"(SWP2\\.[A-Za-z0-9_-]+)\".*$", "$1");
	}

	private void revoke(long person) throws Exception {
		String pass = this.jdbc.sql("select id::text from pass where person_id = :p and revoked_at is null").param("p", person)
			.query(String.class).single();
		api("community", "/api/v1/passes/" + pass + "/revoke", "{\"reason\":\"遗失\"}");
	}

	private String api(String user, String path, String body) throws Exception {
		return this.mvc.perform(this.logins.as(user, post(path)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn().getResponse().getContentAsString();
	}

	private static long id(String body) {
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
