package cn.shouwang.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One headless Chromium per browser test class, a clean start (cookies, phone size) before each
 * test, and a screenshot with the page's HTML under target/browser when a test fails.
 */
abstract class BrowserTestBase {

	static Browser browser;

	@RegisterExtension
	static final TestWatcher capture = Browser.captureOnFailure(() -> browser);

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void quitBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	@BeforeEach
	void freshBrowser() {
		browser.at(this.port).reset();
	}

}
