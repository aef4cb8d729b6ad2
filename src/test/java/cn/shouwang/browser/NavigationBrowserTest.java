package cn.shouwang.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The menu each role sees, and the phone layout: every demo user logs in, opens the collapsed
 * menu, finds exactly the links their role may use, and each of those links opens a real page.
 */
@IntegrationTest
class NavigationBrowserTest extends BrowserTestBase {

	/** Links only administrators (district, street, community) see. */
	private static final Set<String> ADMIN_LINKS = Set.of("/users", "/tokens", "/audit");

	@Autowired
	JdbcClient jdbc;

	enum Kind {

		ADMIN, STAFF, RESIDENT

	}

	@ParameterizedTest(name = "{0} ({2})")
	@CsvSource({ "admin, 区指挥部管理员, 区级管理员, ADMIN", "street, 街道管理员, 街道管理员, ADMIN",
			"community, 社区工作者, 社区工作者, ADMIN", "grid, 网格员, 网格员, STAFF", "medic, 社区医生, 医务人员, STAFF",
			"police, 社区民警, 民警, STAFF", "volunteer, 志愿者, 志愿者, STAFF", "guard, 卡点值守员, 卡点值守员, STAFF",
			"school, 学校防疫专员, 单位防疫专员, STAFF", "resident, 居民, 居民, RESIDENT" })
	void eachRoleSeesItsOwnMenuAndEveryLinkWorks(String username, String displayName, String roleLabel, Kind kind) {
		browser.loginAs(username);
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo(displayName + "，您好");

		WebElement nav = browser.openMenu();
		assertThat(nav.findElement(By.cssSelector(".whoami")).getText()).contains(displayName, roleLabel);
		Map<String, String> links = visibleLinks(nav);
		assertThat(links).as("menu of %s", username)
			.containsEntry("/", "首页")
			.containsEntry("/account/password", "修改密码");
		assertThat(nav.findElement(By.cssSelector("form.logout button")).getText()).isEqualTo("退出登录");
		switch (kind) {
			case ADMIN -> assertThat(links).containsEntry("/users", "用户管理")
				.containsEntry("/tokens", "接口令牌")
				.containsEntry("/audit", "操作日志")
				.containsEntry("/jurisdictions", "辖区与包保");
			case STAFF -> assertThat(links).doesNotContainKeys(ADMIN_LINKS.toArray(String[]::new))
				.containsEntry("/jurisdictions", "辖区与包保");
			case RESIDENT -> assertThat(links).doesNotContainKeys(ADMIN_LINKS.toArray(String[]::new))
				.doesNotContainKey("/jurisdictions")
				.doesNotContainValue("辖区与包保");
		}

		// Follow every link the way a phone user would: open the menu, tap the link.
		for (String href : links.keySet()) {
			WebElement link = browser.openMenu().findElement(By.cssSelector("a[href='" + href + "']"));
			browser.clickAndWaitForPage(link);
			assertThat(browser.present(By.id("error-message")))
				.as("%s: %s opens %s without an error page", username, href, browser.path())
				.isFalse();
			assertThat(browser.path()).as("%s stays logged in", username).isNotEqualTo("/login");
			assertThat(browser.path()).as("%s lands where the link points", href)
				.isEqualTo(href.equals("/jurisdictions") ? "/jurisdictions/" + new TestTree(this.jdbc).nodeOf(username)
						: href);
			assertThat(browser.find(By.tagName("h1")).getText()).isNotBlank();
		}

		browser.logout();
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("登录守望");
		assertThat(browser.present(By.id("mainnav"))).isFalse();
		browser.open("/");
		assertThat(browser.path()).as("after logging out the home page needs a login again").isEqualTo("/login");
	}

	@Test
	void phoneWidthPagesFitAndTheMenuOpens() {
		browser.open("/login");
		assertThat(browser.js("return window.innerWidth")).as("the browser really is phone-sized")
			.isEqualTo((long) Browser.WIDTH);
		assertFitsWidth("/login");
		assertTapTargets("/login");

		browser.loginAs("admin");
		long ownNode = new TestTree(this.jdbc).nodeOf("admin");
		for (String page : List.of("/", "/jurisdictions/" + ownNode, "/users", "/users/new")) {
			browser.open(page);
			assertThat(browser.present(By.id("error-message"))).as(page).isFalse();
			assertFitsWidth(page);

			WebElement toggle = browser.find(By.cssSelector(".menu-toggle"));
			WebElement nav = browser.find(By.id("mainnav"));
			assertThat(toggle.isDisplayed()).as("menu toggle on %s", page).isTrue();
			assertThat(nav.isDisplayed()).as("menu starts closed on %s", page).isFalse();
			assertThat(toggle.getDomAttribute("aria-expanded")).isEqualTo("false");
			toggle.click();
			browser.waiting().until(d -> nav.isDisplayed());
			assertThat(toggle.getDomAttribute("aria-expanded")).as("the toggle tells screen readers it is open")
				.isEqualTo("true");
			assertThat(nav.findElements(By.tagName("a")).stream().filter(WebElement::isDisplayed).count())
				.isGreaterThanOrEqualTo(6);
			assertFitsWidth(page + " with the menu open");
			assertTapTargets(page);
		}
	}

	/** No horizontal scrolling: the page is no wider than the phone's viewport. */
	private static void assertFitsWidth(String page) {
		Map<?, ?> size = (Map<?, ?>) browser
			.js("return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth}");
		assertThat(((Number) size.get("scroll")).longValue()).as("scrollWidth of %s (viewport %s)", page, size.get("inner"))
			.isLessThanOrEqualTo(((Number) size.get("inner")).longValue());
	}

	/**
	 * Every visible button, menu link and top-bar link (brand, language) is at least 40 px high,
	 * big enough for a thumb. Links inside running text and tables are not checked.
	 */
	private static void assertTapTargets(String page) {
		List<String> small = new ArrayList<>();
		List<WebElement> targets = new ArrayList<>(browser.all(By.cssSelector("button, .button, input[type=submit]")));
		targets.addAll(browser.all(By.cssSelector("#mainnav a, .topbar a")));
		int checked = 0;
		for (WebElement e : targets) {
			if (!e.isDisplayed()) {
				continue;
			}
			checked++;
			int height = e.getRect().getHeight();
			if (height < 40) {
				small.add(e.getTagName() + " '" + e.getText() + "' " + height + "px");
			}
		}
		assertThat(checked).as("tap targets found on %s", page).isPositive();
		assertThat(small).as("tap targets under 40px on %s", page).isEmpty();
	}

	private static Map<String, String> visibleLinks(WebElement nav) {
		Map<String, String> links = new LinkedHashMap<>();
		for (WebElement a : nav.findElements(By.tagName("a"))) {
			if (a.isDisplayed()) {
				links.put(a.getDomProperty("pathname"), a.getText());
			}
		}
		return links;
	}

}
