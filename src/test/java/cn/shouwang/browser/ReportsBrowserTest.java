package cn.shouwang.browser;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import cn.shouwang.reporting.ReportingClock;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily report on a phone-sized Chromium: a community worker submits a zero report with one
 * tap, and the street sees it in its roll-up — the reporting rate, the community still to report —
 * and drills down to the community's report. The reporting clock is fixed on a quiet day of 2025,
 * when nothing was recorded, so "nothing happened" is true.
 */
@IntegrationTest
class ReportsBrowserTest extends BrowserTestBase {

	private static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	ReportingClock clock;

	@Autowired
	TestTree tree;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void realTime() {
		this.clock.fixAt(null);
	}

	@Test
	void aZeroReportIsOneTapAndTheStreetSeesItRolledUp() {
		LocalDate day = LocalDate.of(2025, 9, 1).plusDays(SEQ.incrementAndGet() * 2L);
		this.clock.fixAt(day.atTime(LocalTime.of(20, 0)).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
		long c11 = this.tree.community(1, 1);
		long c12 = this.tree.community(1, 2);

		browser.loginAs("community");
		WebElement nav = browser.openMenu();
		browser.clickAndWaitForPage(nav.findElement(By.cssSelector("a[href='/reports']")));
		assertThat(browser.find(By.id("report-day")).getAttribute("value")).isEqualTo(day.toString());
		assertThat(browser.find(By.id("daily-status")).getText()).isEqualTo("未上报");
		// computed from the records as they stood at the end of that (2025) day: a count, whatever it is
		assertThat(browser.find(By.cssSelector("#daily-figures td[data-code='registry.residents']")).getText())
			.matches("\\d+");
		browser.clickAndWaitForPage(browser.find(By.id("zero-report")));
		assertThat(browser.find(By.cssSelector(".notice")).getText()).contains("零报告已提交");
		assertThat(browser.find(By.id("daily-status")).getText()).isEqualTo("已上报");
		assertThat(browser.find(By.id("daily")).getText()).contains("零报告");
		assertThat(browser.present(By.id("zero-report"))).isFalse();
		assertFitsThePhone();

		browser.reset();
		browser.loginAs("street");
		browser.open("/reports?day=" + day);
		assertThat(browser.find(By.id("reporting-rate")).getText()).isEqualTo("50.0%");
		assertThat(browser.find(By.id("on-time-rate")).getText()).isEqualTo("50.0%");
		WebElement line = browser.find(By.cssSelector("#rollup-table tr[data-node='" + c11 + "']"));
		assertThat(line.getText()).contains("1/1");
		assertThat(browser.find(By.cssSelector("#rollup-table tr[data-node='" + c12 + "']")).getText()).contains("0/1");
		assertThat(browser.find(By.id("pending-list")).getText()).contains(name(c12)).doesNotContain(name(c11));
		assertThat(browser.find(By.id("export")).getAttribute("href")).contains("/reports/").contains("export.xlsx");
		assertFitsThePhone();
		// drill down to the community's report: submitted, as a zero report, by the worker
		browser.clickAndWaitForPage(line.findElement(By.tagName("a")));
		assertThat(browser.path()).isEqualTo("/reports/" + c11);
		assertThat(browser.find(By.id("daily-status")).getText()).isEqualTo("已上报");
		browser.clickAndWaitForPage(browser.find(By.id("approve")));
		assertThat(browser.find(By.id("daily-status")).getText()).isEqualTo("已审核");
	}

	@Test
	void theDashboardDrawsItsChartsFromTheApplicationAndDrillsDown() {
		long c12 = this.tree.community(1, 2);
		browser.loginAs("street");
		browser.open("/reports");
		browser.clickAndWaitForPage(browser.find(By.id("open-dashboard")));
		// ECharts (served by the application) has drawn the charts into canvases
		browser.waiting().until(d -> browser.find(By.id("dashboard")).getAttribute("data-drawn") != null);
		assertThat(browser.all(By.cssSelector("#chart-keypersons canvas"))).isNotEmpty();
		assertThat(browser.all(By.cssSelector("#chart-children canvas"))).isNotEmpty();
		browser.clickAndWaitForPage(browser.find(By.cssSelector("#dashboard-children a[href*='/reports/" + c12 + "/dashboard']")));
		assertThat(browser.path()).isEqualTo("/reports/" + c12 + "/dashboard");
		browser.waiting().until(d -> browser.find(By.id("dashboard")).getAttribute("data-drawn") != null);
		// a community drills down to its grids
		assertThat(browser.all(By.cssSelector("#dashboard-children a"))).isNotEmpty();
		assertFitsThePhone();
	}

	private String name(long node) {
		return this.jdbc.sql("select name from jurisdiction_node where id = :id").param("id", node).query(String.class).single();
	}

	private void assertFitsThePhone() {
		Number width = (Number) browser.js("return document.documentElement.scrollWidth;");
		assertThat(width.intValue()).isLessThanOrEqualTo(Browser.WIDTH);
	}

}
