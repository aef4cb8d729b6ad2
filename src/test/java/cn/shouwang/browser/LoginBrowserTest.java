package cn.shouwang.browser;

import java.util.List;

import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;


import static org.assertj.core.api.Assertions.assertThat;

/** Logging in through the real form, and switching the language, in a phone-sized Chromium. */
@IntegrationTest
class LoginBrowserTest extends BrowserTestBase {

	@Test
	void logsInInChineseAndRejectsAWrongPassword() {
		browser.open("/");
		assertThat(browser.path()).as("an anonymous visitor is sent to the login page").isEqualTo("/login");
		assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("登录守望");
		assertThat(browser.find(By.id("login-submit")).getText()).isEqualTo("登录");
		assertThat(browser.present(By.id("login-error"))).isFalse();

		browser.login("volunteer", "Wrong@2026!");
		assertThat(browser.path()).isEqualTo("/login");
		assertThat(browser.waitFor(By.id("login-error")).getText()).isEqualTo("用户名或密码错误");
		assertThat(browser.present(By.id("home-heading"))).isFalse();

		browser.login("volunteer", Browser.DEMO_PASSWORD);
		assertThat(browser.path()).isEqualTo("/");
		assertThat(browser.waitFor(By.id("home-heading")).getText()).isEqualTo("志愿者，您好");
		assertThat(browser.present(By.id("login-error"))).isFalse();
	}

	@Test
	void switchesToEnglishKeepsItAndSwitchesBack() {
		browser.loginAs("medic");
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo("社区医生，您好");
		assertThat(navTexts()).contains("首页", "退出登录");

		browser.clickAndWaitForPage(browser.find(By.id("lang-en")));
		assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo("Hello, 社区医生");
		assertThat(navTexts()).contains("Home", "Change password", "Log out").doesNotContain("首页", "退出登录");
		assertThat(browser.find(By.id("lang-en")).getDomAttribute("class")).contains("active");

		// The choice is kept: the next page, reached without ?lang, is English too ...
		WebElement password = browser.openMenu().findElement(By.cssSelector("a[href='/account/password']"));
		browser.clickAndWaitForPage(password);
		assertThat(browser.path()).isEqualTo("/account/password");
		assertThat(browser.query()).doesNotContain("lang");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Change password");
		// ... and so is the login page after logging out.
		browser.logout();
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Log in to Shouwang");

		browser.loginAs("medic");
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo("Hello, 社区医生");
		browser.clickAndWaitForPage(browser.find(By.id("lang-zh")));
		assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo("社区医生，您好");
		assertThat(navTexts()).contains("首页", "退出登录").doesNotContain("Home", "Log out");
		browser.open("/account/password");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("修改密码");
	}

	/** Link and button texts of the menu, opened as a phone user would. */
	private static List<String> navTexts() {
		WebElement nav = browser.openMenu();
		return nav.findElements(By.cssSelector("a, button")).stream().map(WebElement::getText).toList();
	}

}
