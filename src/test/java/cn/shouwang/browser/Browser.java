package cn.shouwang.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium at phone size (360×740), driven through Debian's chromedriver.
 * Never lets Selenium Manager look for or download a driver or browser: both paths are fixed.
 * One instance per test class ({@code @BeforeAll} / {@code @AfterAll}); {@link #at(int)} points
 * it at the application's random port before each test.
 * <p>
 * Without Chromium the browser tests fail when {@code CI=true} (CI must run them) and are
 * skipped with a message otherwise.
 */
public final class Browser {

	public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	public static final int WIDTH = 360;

	public static final int HEIGHT = 740;

	public static final String DEMO_PASSWORD = "Demo@2026!";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	static {
		// Belt and braces: even a driver started elsewhere never makes Selenium Manager resolve one.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
	}

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	private final Path profile;

	private String base;

	private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
		this.service = service;
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts Chromium; fails in CI and skips elsewhere when it is not installed. */
	public static Browser start() {
		requireChromium();
		Path profile;
		try {
			profile = Files.createTempDirectory("shouwang-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		File log = new File("target/browser/chromedriver.log");
		log.getParentFile().mkdirs();
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(log)
			.withLogLevel(ChromiumDriverLogLevel.WARNING)
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toString());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
		// Headless Chromium will not make a window narrower than 500 px, so the phone's viewport
		// (360×740, honouring <meta name="viewport">) comes from chromedriver's mobile emulation.
		options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
				Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 2.0, "mobile", true, "touch", true)));
		try {
			return new Browser(service, new ChromeDriver(service, options), profile);
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteQuietly(profile);
			throw ex;
		}
	}

	private static void requireChromium() {
		boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (present) {
			return;
		}
		String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
				+ " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + " - missing on this CI machine, so the browser tests cannot run");
		}
		System.err.println("[browser tests] SKIPPED: " + message);
		Assumptions.abort(message + " - skipped outside CI");
	}

	public void quit() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			deleteQuietly(this.profile);
		}
	}

	/** Points the browser at the application on this port. */
	public Browser at(int port) {
		this.base = "http://localhost:" + port;
		return this;
	}

	public WebDriver driver() {
		return this.driver;
	}

	public String url(String path) {
		return this.base + path;
	}

	/** Loads a page and waits until it is complete. */
	public void open(String path) {
		this.driver.get(url(path));
		waitForReady();
	}

	/** Forgets the session and the language: opens the login page and deletes every cookie. */
	public void reset() {
		open("/login");
		this.driver.manage().deleteAllCookies();
		this.driver.navigate().refresh();
		waitForReady();
	}

	/** The path of the current page, without query. */
	public String path() {
		return URI.create(this.driver.getCurrentUrl()).getPath();
	}

	public String query() {
		String q = URI.create(this.driver.getCurrentUrl()).getQuery();
		return q == null ? "" : q;
	}

	/** Logs in through the form and waits for the page that follows. */
	public void login(String username, String password) {
		if (!"/login".equals(path())) {
			open("/login");
		}
		WebElement user = waitFor(By.id("username"));
		user.clear();
		user.sendKeys(username);
		WebElement pass = this.driver.findElement(By.id("password"));
		pass.clear();
		pass.sendKeys(password);
		clickAndWaitForPage(this.driver.findElement(By.id("login-submit")));
	}

	/** Logs a demo user in and checks that the home page greets them. */
	public void loginAs(String username) {
		login(username, DEMO_PASSWORD);
		waitFor(By.id("home-heading"));
	}

	/** Opens the menu on a narrow screen (where it is collapsed) and waits until it shows. */
	public WebElement openMenu() {
		WebElement nav = this.driver.findElement(By.id("mainnav"));
		if (!nav.isDisplayed()) {
			this.driver.findElement(By.cssSelector(".menu-toggle")).click();
			wait(TIMEOUT).until(ExpectedConditions.visibilityOf(nav));
		}
		return nav;
	}

	/** Logs out with the button in the menu and waits for the login page. */
	public void logout() {
		WebElement nav = openMenu();
		clickAndWaitForPage(nav.findElement(By.cssSelector("form.logout button")));
		wait(TIMEOUT).until(d -> "/login".equals(path()));
		waitFor(By.id("login-submit"));
	}

	/** Clicks something that loads a new page and waits until the new page is complete. */
	public void clickAndWaitForPage(WebElement element) {
		String marker = markPage();
		element.click();
		waitForNewPage(marker);
	}

	/**
	 * Waits until the document that carried {@code marker} has been replaced by a complete new
	 * one (a new document has a new window object, so the marker is gone).
	 */
	public void waitForNewPage(String marker) {
		wait(TIMEOUT).ignoring(WebDriverException.class)
			.until(d -> !marker.equals(js("return window.__browserTestMarker || null"))
					&& "complete".equals(js("return document.readyState")));
	}

	/** Marks the current document, for {@link #waitForNewPage(String)}. */
	public String markPage() {
		String marker = "p" + System.nanoTime();
		js("window.__browserTestMarker = arguments[0]", marker);
		return marker;
	}

	public void waitForReady() {
		wait(TIMEOUT).ignoring(WebDriverException.class)
			.until(d -> "complete".equals(js("return document.readyState")));
	}

	public WebElement waitFor(By by) {
		return wait(TIMEOUT).until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	public WebDriverWait waiting() {
		return wait(TIMEOUT);
	}

	public boolean present(By by) {
		return !this.driver.findElements(by).isEmpty();
	}

	public List<WebElement> all(By by) {
		return this.driver.findElements(by);
	}

	public WebElement find(By by) {
		return this.driver.findElement(by);
	}

	public Object js(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	private WebDriverWait wait(Duration timeout) {
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(100));
	}

	/** Keeps a screenshot and the page source of a failed test in target/browser. */
	public void capture(String name) {
		try {
			Path dir = Path.of("target/browser");
			Files.createDirectories(dir);
			String safe = name.replaceAll("[^A-Za-z0-9_.-]+", "_");
			Files.write(dir.resolve(safe + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
			Files.writeString(dir.resolve(safe + ".html"),
					"<!-- " + this.driver.getCurrentUrl() + " -->\n" + this.driver.getPageSource(), StandardCharsets.UTF_8);
		}
		catch (RuntimeException | IOException ex) {
			// diagnostics only: the test failure itself is what counts
		}
	}

	/** A JUnit extension that captures the page of each failed test of a class. */
	public static TestWatcher captureOnFailure(Supplier<Browser> browser) {
		return new TestWatcher() {
			@Override
			public void testFailed(ExtensionContext context, Throwable cause) {
				Browser b = browser.get();
				if (b != null) {
					b.capture(context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName());
				}
			}
		};
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temp dir left behind is harmless
		}
	}

}
