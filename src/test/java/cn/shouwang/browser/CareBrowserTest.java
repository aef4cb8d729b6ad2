package cn.shouwang.browser;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.monitoring.PersonalLinks;
import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Care on a phone, end to end: the household asks through its link, the grid worker sends a
 * volunteer, the volunteer completes the task from "我的任务", the household says how it went.
 */
@IntegrationTest
class CareBrowserTest extends BrowserTestBase {

	private static final AtomicInteger SEQ = new AtomicInteger(4100);

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestTree tree;

	@Autowired
	PersonalLinks links;

	@Test
	void aHouseholdAsksAVolunteerDeliversAndTheHouseholdGivesFeedbackAllOnAPhone() throws Exception {
		long household = householdUnderMeasure();
		String token = this.links.issue(community(), household).token();

		// the household, no login: asks for medicine
		browser.open("/r/" + token + "/requests");
		assertNoSideways();
		new Select(browser.find(By.id("kind"))).selectByValue("MEDICINE");
		browser.find(By.id("description")).sendKeys("手机提交-退烧药");
		browser.clickAndWaitForPage(browser.find(By.id("ask")));
		assertThat(browser.find(By.cssSelector(".notice")).getText()).contains("已提交");
		assertThat(browser.find(By.id("link-requests")).getText()).contains("手机提交-退烧药", "待派单");

		// the grid worker sends the demo volunteer
		browser.reset();
		browser.loginAs("grid");
		long id = this.jdbc.sql("select id from service_request where description = '手机提交-退烧药'").query(Long.class).single();
		browser.open("/care/requests/" + id);
		assertNoSideways();
		new Select(browser.find(By.id("userId"))).selectByVisibleText(volunteerOption());
		browser.clickAndWaitForPage(browser.find(By.id("assign")));
		assertThat(browser.find(By.id("request-status")).getText()).isEqualTo("已派单");

		// the volunteer: home page to-do, then the task list from the menu
		browser.reset();
		browser.loginAs("volunteer");
		assertThat(browser.find(By.id("todos")).getText()).contains("待办的生活保障任务");
		WebElement menu = browser.openMenu();
		browser.clickAndWaitForPage(menu.findElement(By.cssSelector("a[href='/care/mine']")));
		assertNoSideways();
		WebElement task = browser.all(By.cssSelector("#tasks li"))
			.stream()
			.filter(li -> li.getText().contains("手机提交-退烧药"))
			.findFirst()
			.orElseThrow();
		task.findElement(By.name("note")).sendKeys("已送到门口");
		browser.clickAndWaitForPage(task.findElement(By.cssSelector("button[type=submit]")));
		assertThat(browser.find(By.cssSelector(".notice")).getText()).isEqualTo("已办结");
		assertThat(browser.find(By.id("tasks")).getText()).doesNotContain("手机提交-退烧药");
		browser.clickAndWaitForPage(browser.find(By.id("tasks-done")));
		assertThat(browser.find(By.id("tasks")).getText()).contains("手机提交-退烧药", "已送到门口");

		// the household sees what was done and is satisfied
		browser.reset();
		browser.open("/r/" + token + "/requests");
		WebElement mine = browser.find(By.id("link-requests"));
		assertThat(mine.getText()).contains("已送到门口");
		mine.findElement(By.name("feedback")).sendKeys("谢谢志愿者");
		browser.clickAndWaitForPage(mine.findElement(By.cssSelector("button[value=true]")));
		assertThat(browser.find(By.cssSelector(".notice")).getText()).isEqualTo("感谢您的评价");
		assertThat(browser.find(By.id("link-requests")).getText()).contains("是否满意：满意");
		assertThat(this.jdbc.sql("select feedback_source from service_request where id = :id").param("id", id)
			.query(String.class).single()).isEqualTo("LINK");
	}

	@Test
	void anAlteredLinkShowsWhyAndNoForm() {
		browser.open("/r/not-a-token/requests");
		assertThat(browser.find(By.id("link-refused")).getText()).contains("链接");
		assertThat(browser.present(By.id("ask-form"))).isFalse();
	}

	private void assertNoSideways() {
		Object wide = browser.js("return document.documentElement.scrollWidth > window.innerWidth + 1");
		assertThat(wide).as("the page fits a phone's width: %s", browser.path()).isEqualTo(false);
	}

	private String volunteerOption() {
		return this.jdbc.sql("""
				select u.display_name || '（' || n.name || '）' from app_user u join jurisdiction_node n on n.id = u.node_id
				where u.username = 'volunteer'
				""").query(String.class).single();
	}

	private long householdUnderMeasure() throws Exception {
		int n = SEQ.incrementAndGet();
		long household = id(api("/api/v1/households", "{\"nodeId\":" + this.tree.grid(1, 1, 1)
				+ ",\"unitNo\":\"手机\",\"roomNo\":\"" + n + "\",\"address\":\"手机测试楼" + n + "号\"}"));
		String first17 = "110109" + (1950 + n % 50) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "6";
		long person = id(api("/api/v1/households/" + household + "/persons", "{\"name\":\"手机测试" + n
				+ "\",\"idNumber\":\"" + first17 + ChineseIdNumber.checkCharacter(first17) + "\"}"));
		long kp = id(api("/api/v1/key-persons", "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		id(api("/api/v1/measures", "{\"keyPersonId\":" + kp + ",\"lastExposure\":\""
				+ LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1) + "\"}"));
		return household;
	}

	private String api(String path, String body) throws Exception {
		return this.mvc.perform(this.logins.as("grid", post(path)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private ShouwangPrincipal community() {
		long node = this.tree.nodeOf("community");
		String path = this.jdbc.sql("select path from jurisdiction_node where id = :n").param("n", node).query(String.class).single();
		long user = this.jdbc.sql("select id from app_user where username = 'community'").query(Long.class).single();
		return new ShouwangPrincipal(user, "community", "社区", Role.COMMUNITY_WORKER, node, path, "社区", false, false, true,
				null);
	}

	private static long id(String body) {
		assertThat(body).contains("\"id\":");
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
