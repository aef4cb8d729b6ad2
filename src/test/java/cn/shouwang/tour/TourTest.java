package cn.shouwang.tour;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TourTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void tour() throws Exception {
		ChromeOptions o = new ChromeOptions();
		o.setBinary("/usr/bin/chromium");
		o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=360,740", "--user-data-dir=" + Files.createTempDirectory("chr"));
		ChromeDriver d = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), o);
		d.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
		Path out = Path.of("/tmp/tour");
		Files.createDirectories(out);
		String base = "http://localhost:" + this.port;
		d.get(base + "/login");
		shot(d, out, "01-login");
		d.findElement(By.id("username")).sendKeys("admin");
		d.findElement(By.id("password")).sendKeys("Demo@2026!");
		d.findElement(By.id("login-submit")).click();
		shot(d, out, "02-home");
		d.findElement(By.cssSelector(".menu-toggle")).click();
		shot(d, out, "03-menu");
		TestTree t = new TestTree(this.jdbc);
		d.get(base + "/jurisdictions/" + t.community(1, 1));
		shot(d, out, "04-community");
		d.get(base + "/users");
		shot(d, out, "05-users");
		d.get(base + "/users/new");
		shot(d, out, "06-user-new");
		d.get(base + "/audit");
		shot(d, out, "07-audit");
		d.get(base + "/jurisdictions/" + t.street(1) + "/import");
		shot(d, out, "08-import");
		d.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
		d.get(base + "/jurisdictions/" + t.street(1));
		shot(d, out, "09-desktop-street");
		d.get(base + "/no/such");
		shot(d, out, "10-404");
		d.quit();
	}

	private static void shot(ChromeDriver d, Path out, String name) throws Exception {
		byte[] png = d.getScreenshotAs(OutputType.BYTES);
		Files.write(out.resolve(name + ".png"), png);
	}

}
