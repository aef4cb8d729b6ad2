package cn.shouwang.browser;

import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in a real browser: an htmx request after the session is gone reloads the whole page
 * to the login form, and a new user must replace the initial password before anything else.
 */
@IntegrationTest
class SessionBrowserTest extends BrowserTestBase {

	@Autowired
	JdbcClient jdbc;

	@Test
	void htmxRequestWithoutSessionCookieReloadsToTheLoginPage() {
		openUserListAsAdmin();
		browser.driver().manage().deleteCookieNamed("JSESSIONID");
		assertThat(browser.driver().manage().getCookieNamed("JSESSIONID")).isNull();

		searchAndExpectTheLoginPage();
	}

	@Test
	void htmxRequestWithAnExpiredSessionReloadsToTheLoginPage() {
		openUserListAsAdmin();
		// The server no longer knows the session the browser still sends, as after a timeout.
		browser.driver().manage().deleteCookieNamed("JSESSIONID");
		browser.driver().manage().addCookie(new Cookie.Builder("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF")
			.path("/")
			.isHttpOnly(true)
			.build());

		searchAndExpectTheLoginPage();
	}

	@Test
	void theLoginPageSaysWhenTheSessionHadExpired() {
		openUserListAsAdmin();
		browser.driver().manage().deleteCookieNamed("JSESSIONID");
		browser.driver().manage().addCookie(new Cookie.Builder("JSESSIONID", "FEDCBA9876543210FEDCBA9876543210")
			.path("/")
			.isHttpOnly(true)
			.build());
		browser.driver().findElement(By.id("q")).sendKeys("grid");
		browser.waiting().until(d -> "/login".equals(browser.path()) && browser.present(By.id("login-submit")));
		assertThat(browser.waitFor(By.cssSelector(".notice")).getText()).isEqualTo("登录已过期，请重新登录");
	}

	/** Logs in as admin, checks that htmx works at all (a user's history loads), opens the user list. */
	private void openUserListAsAdmin() {
		browser.loginAs("admin");
		long grid = this.jdbc.sql("select id from app_user where username = 'grid'").query(Long.class).single();
		browser.open("/users/" + grid);
		browser.waiting()
			.withMessage("the history of /users/" + grid + " is loaded by htmx into #history")
			.until(d -> browser.present(By.cssSelector("#history .history")));

		browser.open("/users");
		assertThat(browser.present(By.id("user-results"))).isTrue();
		assertThat(browser.find(By.id("user-results")).getText()).contains("admin");
	}

	private void searchAndExpectTheLoginPage() {
		String marker = browser.markPage();
		browser.find(By.id("q")).sendKeys("adm");
		browser.waiting()
			.withMessage("the htmx search (after its 400 ms debounce) without a valid session reloads the whole page"
					+ " to /login")
			.until(d -> "/login".equals(browser.path()) && browser.present(By.id("login-submit")));
		browser.waitForNewPage(marker);

		assertThat(browser.present(By.id("user-results"))).as("nothing of the user list is left").isFalse();
		assertThat(browser.present(By.id("q"))).isFalse();
		assertThat(browser.all(By.id("login-submit"))).hasSize(1);
		assertThat(browser.all(By.id("username"))).hasSize(1);
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("登录守望");
		assertThat(browser.present(By.id("mainnav"))).as("the login page has no menu").isFalse();
		WebElement form = browser.find(By.id("login-submit")).findElement(By.xpath("ancestor::form"));
		assertThat(form.getDomAttribute("action")).isEqualTo("/login");

		// Logging in again returns to the page the user was on.
		browser.login("admin", Browser.DEMO_PASSWORD);
		assertThat(browser.path()).isEqualTo("/users");
		assertThat(browser.present(By.id("error-message"))).isFalse();
		assertThat(browser.waitFor(By.id("user-results")).getText()).contains("admin");
		assertThat(browser.present(By.id("mainnav"))).isTrue();
	}

	@Test
	void newUserMustChangeTheInitialPasswordFirst() {
		String username = "bt" + Long.toString(System.currentTimeMillis(), 36);
		String displayName = "浏览器" + username.substring(username.length() - 4);
		String initial = "Start#2026pw";
		String chosen = "Chosen!Pass2026";

		browser.loginAs("admin");
		browser.open("/users");
		browser.clickAndWaitForPage(browser.find(By.id("new-user")));
		assertThat(browser.path()).isEqualTo("/users/new");
		browser.find(By.id("username")).sendKeys(username);
		browser.find(By.id("displayName")).sendKeys(displayName);
		new Select(browser.find(By.id("role"))).selectByValue("GRID_WORKER");
		Select node = new Select(browser.find(By.id("nodeId-select")));
		WebElement firstNode = node.getOptions()
			.stream()
			.filter(o -> !o.getDomAttribute("value").isEmpty())
			.findFirst()
			.orElseThrow(() -> new AssertionError("the node picker offers no node"));
		node.selectByValue(firstNode.getDomAttribute("value"));
		browser.find(By.id("initialPassword")).sendKeys(initial);
		browser.clickAndWaitForPage(browser.find(By.cssSelector("form.card button[type=submit]")));

		assertThat(browser.path()).as("after creating, the new user's page").matches("/users/\\d+");
		assertThat(browser.find(By.cssSelector(".notice")).getText()).contains(username);
		assertThat(browser.find(By.tagName("h1")).getText()).contains(displayName, username);
		assertThat(browser.find(By.cssSelector("section")).getText()).contains("需修改初始密码");

		browser.logout();
		browser.login(username, initial);
		assertThat(browser.path()).as("first login goes to the password form").isEqualTo("/account/password");
		assertThat(browser.find(By.cssSelector("section .notice")).getText()).isEqualTo("首次登录，请先修改管理员设置的初始密码");
		browser.open("/");
		assertThat(browser.path()).as("no other page before the password is changed").isEqualTo("/account/password");
		browser.open("/jurisdictions");
		assertThat(browser.path()).isEqualTo("/account/password");

		browser.find(By.id("currentPassword")).sendKeys(initial);
		browser.find(By.id("newPassword")).sendKeys(chosen);
		browser.find(By.id("confirmPassword")).sendKeys(chosen);
		browser.clickAndWaitForPage(browser.find(By.cssSelector("form.card button[type=submit]")));

		assertThat(browser.path()).isEqualTo("/");
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo(displayName + "，您好");
		assertThat(browser.find(By.cssSelector("section .notice")).getText()).isEqualTo("密码已修改");
		browser.open("/jurisdictions");
		assertThat(browser.path()).as("other pages open now").startsWith("/jurisdictions/");
		assertThat(browser.present(By.id("error-message"))).isFalse();

		// The new password is the one that works from now on, without another detour.
		browser.logout();
		browser.login(username, initial);
		assertThat(browser.path()).isEqualTo("/login");
		assertThat(browser.find(By.id("login-error")).getText()).isEqualTo("用户名或密码错误");
		browser.login(username, chosen);
		assertThat(browser.path()).isEqualTo("/");
		assertThat(browser.find(By.id("home-heading")).getText()).isEqualTo(displayName + "，您好");
	}

}
