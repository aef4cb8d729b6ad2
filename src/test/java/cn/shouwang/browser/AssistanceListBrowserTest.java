package cn.shouwang.browser;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * An assistance list in a real browser at phone width, as the community worker: a GBK list with a
 * title row is uploaded from the menu's page, the detected columns are shown, matching runs, and a
 * candidate found by name and address is confirmed with one tap.
 */
@IntegrationTest
class AssistanceListBrowserTest extends BrowserTestBase {

	@TempDir
	Path temp;

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestTree tree;

	@Test
	void aListIsUploadedMappedMatchedAndACandidateConfirmedAtPhoneWidth() throws Exception {
		long community = this.tree.community(1, 1);
		long household = this.jdbc.sql("""
				select h.id from household h join jurisdiction_node j on j.id = :node
				where h.jurisdiction_path >= j.path and h.jurisdiction_path < left(j.path, -1) || '0' order by h.id offset 3 limit 1
				""").param("node", community).query(Long.class).single();
		String address = this.jdbc.sql("select address from household where id = :id").param("id", household)
			.query(String.class).single();
		String first17 = "320103198805" + String.format("%02d", 1 + (int) (System.nanoTime() % 28)) + "371";
		String id = first17 + ChineseIdNumber.checkCharacter(first17);
		this.mvc.perform(this.logins.as("community", post("/api/v1/households/" + household + "/persons"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(("{\"name\":\"浏览协查\",\"idNumber\":\"" + id + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		Path list = this.temp.resolve("协查名单.csv");
		Files.write(list, ("协查人员名单\r\n姓名,身份证号,住址\r\n浏览协查,," + address + "\r\n查无此人甲,,某地\r\n")
			.getBytes(Charset.forName("GBK")));

		browser.loginAs("community");
		WebElement link = browser.openMenu().findElement(By.cssSelector("a[href='/assistance-lists']"));
		assertThat(link.getText()).isEqualTo("协查名单");
		browser.clickAndWaitForPage(link);
		assertFitsThePhone();
		browser.find(By.id("name")).sendKeys("浏览器协查名单");
		browser.find(By.id("issuedBy")).sendKeys("区指挥部");
		browser.js("arguments[0].value = arguments[1]", browser.find(By.id("deadline")),
				LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString());
		browser.find(By.id("file")).sendKeys(list.toAbsolutePath().toString());
		browser.clickAndWaitForPage(browser.find(By.id("upload")));

		assertThat(browser.path()).matches("/assistance-lists/[0-9a-f-]{36}");
		assertThat(browser.present(By.cssSelector(".alert"))).isFalse();
		assertThat(browser.find(By.id("mapping-form")).getText()).contains("第 2 行是标题行");
		assertThat(new Select(browser.find(By.cssSelector("select[name='column_0']"))).getFirstSelectedOption()
			.getDomAttribute("value")).isEqualTo("NAME");
		assertThat(new Select(browser.find(By.cssSelector("select[name='column_2']"))).getFirstSelectedOption()
			.getDomAttribute("value")).isEqualTo("ADDRESS");
		assertThat(browser.all(By.cssSelector("#sample li"))).hasSize(2);
		assertFitsThePhone();
		browser.clickAndWaitForPage(browser.find(By.id("run")));

		assertThat(browser.find(By.cssSelector("#count-candidates .num")).getText()).isEqualTo("1");
		assertThat(browser.find(By.cssSelector("#count-unmatched .num")).getText()).isEqualTo("1");
		assertFitsThePhone();
		List<WebElement> rows = browser.all(By.cssSelector("#rows li.row-card"));
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).getText()).contains("浏览协查", "待确认", "住址相似度 100%");
		assertThat(rows.get(1).getText()).contains("查无此人甲", "未匹配", "本辖区查无此人");
		browser.find(By.cssSelector("#row-3 button.confirm")).click();
		browser.waiting()
			.ignoring(StaleElementReferenceException.class)
			.withMessage("the row is swapped for its matched state")
			.until(d -> browser.find(By.id("row-3")).getText().contains("已匹配"));
		assertThat(browser.find(By.id("row-3")).getText()).contains("姓名+住址", "待核实");
		assertThat(browser.present(By.cssSelector("#row-3 button.confirm"))).isFalse();
	}

	private static void assertFitsThePhone() {
		browser.waitForReady();
		Object fits = browser.js("return document.documentElement.scrollWidth <= window.innerWidth");
		assertThat(fits).as("no horizontal scroll on " + browser.path()).isEqualTo(Boolean.TRUE);
	}

}
