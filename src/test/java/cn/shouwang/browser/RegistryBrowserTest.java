package cn.shouwang.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register import in a real browser at phone width, as the community worker: an .xlsx with
 * title rows is uploaded, the detected columns are checked and one is corrected, the import runs
 * in the background while the page polls, the rejected rows come back as a workbook, and the
 * imported persons are found on the registry pages, which fit the phone's width.
 */
@IntegrationTest
class RegistryBrowserTest extends BrowserTestBase {

	/** A region code no demo person and no other test uses. */
	private static final String REGION = "110199";

	private static final AtomicInteger SEQ = new AtomicInteger();

	@TempDir
	Path temp;

	@Test
	void aRegisterIsImportedWithACorrectedMappingAndTheImportedPersonsAreFoundAtPhoneWidth() throws IOException {
		String stamp = chineseDigits(System.nanoTime() % 100_000);
		String first = "柏导甲" + stamp;
		String second = "柏导乙" + stamp;
		String third = "柏导丙" + stamp;
		String scientific = "柏导丁" + stamp;
		String unknownBuilding = "柏导戊" + stamp;
		String firstId = idNumber(1951, 'M');
		String secondId = idNumber(1953, 'F');
		String thirdId = idNumber(1978, 'F');
		String unknownBuildingId = idNumber(1982, 'M');
		String fileName = "百园台账" + stamp + ".xlsx";
		Path register = this.temp.resolve(fileName);
		writeRegister(register, List.of(
				List.of(first, firstId, "13800001001", "1号楼", "1", "901", "户主"),
				List.of(second, secondId, "13800001002", "1号楼", "1", "901", "配偶"),
				List.of(third, thirdId, "13800001003", "2号楼", "2", "502", "户主"),
				List.of(scientific, "1.10101E+17", "13800001004", "1号楼", "1", "902", "户主"),
				List.of(unknownBuilding, unknownBuildingId, "13800001005", "99号楼", "1", "101", "户主")));

		// 1. The import page, from the menu; a real file chosen and uploaded.
		browser.loginAs("community");
		WebElement nav = browser.openMenu();
		WebElement importLink = nav.findElement(By.cssSelector("a[href='/registry/import']"));
		assertThat(importLink.getText()).isEqualTo("导入台账");
		browser.clickAndWaitForPage(importLink);
		assertThat(browser.path()).isEqualTo("/registry/import");
		assertFitsThePhone();
		browser.find(By.id("file")).sendKeys(register.toAbsolutePath().toString());
		browser.clickAndWaitForPage(browser.find(By.id("upload")));

		// 2. The mapping page: the columns as detected, the first rows checked.
		assertThat(browser.path()).as("after the upload, the job's page").matches("/registry/import/[0-9a-f-]{36}");
		String jobPath = browser.path();
		assertThat(browser.present(By.cssSelector(".alert"))).as("the upload was accepted").isFalse();
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(fileName);
		assertThat(browser.find(By.id("mapping-form")).getText()).contains("第 3 行是标题行");
		WebElement mapping = browser.find(By.id("mapping"));
		assertThat(mapping.findElements(By.cssSelector("tbody tr"))).hasSize(7);
		assertThat(selected(0)).isEqualTo("NAME");
		assertThat(selected(1)).as("the 身份证号 column").isEqualTo("ID_NUMBER");
		assertThat(selected(2)).as("the 联系电话 column").isEqualTo("PHONE");
		assertThat(selected(3)).isEqualTo("BUILDING");
		assertThat(selected(4)).isEqualTo("UNIT");
		assertThat(selected(5)).isEqualTo("ROOM");
		assertThat(selected(6)).isEqualTo("RELATION");
		assertThat(new Select(column(1)).getFirstSelectedOption().getText()).isEqualTo("证件号码");
		assertThat(column(2).getDomAttribute("aria-label")).isEqualTo("联系电话");

		List<WebElement> sample = browser.all(By.cssSelector("#sample li"));
		assertThat(sample).as("the five data rows, numbered as in Excel").hasSize(5);
		assertThat(sample.get(0).getText()).contains("第 4 行", "可导入", first);
		assertThat(sample.get(1).getText()).contains("第 5 行", "可导入", second);
		assertThat(sample.get(2).getText()).contains("第 6 行", "可导入", third);
		assertThat(sample.get(3).getText()).contains("第 7 行", "科学计数法").doesNotContain("可导入");
		assertThat(sample.get(3).findElements(By.cssSelector(".badge.red"))).isNotEmpty();
		// the sample also checks the places: a building that is not in the jurisdiction is named at once
		assertThat(sample.get(4).getText()).contains("第 8 行", "找不到楼栋“99号楼”").doesNotContain("可导入");
		assertThat(browser.find(By.cssSelector("#mapping-form input[name=mode][value=SKIP]")).isSelected()).isTrue();
		assertFitsThePhone();

		// The user corrects the detection: this 联系电话 column goes to the notes, not to the phone.
		// (Choosing 不导入 instead does not work yet: see importsNothingFromAColumnSetToDoNotImport.)
		new Select(column(2)).selectByValue("NOTES");
		assertThat(new Select(column(2)).getFirstSelectedOption().getText()).isEqualTo("备注");
		browser.clickAndWaitForPage(browser.find(By.id("start-import")));

		// 3. Progress, polled by htmx until done.
		assertThat(browser.path()).isEqualTo(jobPath);
		assertThat(browser.present(By.id("mapping-form"))).as("a started import cannot be mapped again").isFalse();
		browser.waiting()
			.ignoring(StaleElementReferenceException.class)
			.withMessage("the progress area polls every second until the import is done")
			.until(d -> progressText().contains("已完成"));
		assertFinished();
		assertFitsThePhone();

		// Leave, come back through the list of recent imports: the result is still there.
		browser.open("/");
		browser.open("/registry/import");
		List<WebElement> listed = browser.all(By.cssSelector("ul.rows li.row-card"))
			.stream()
			.filter(li -> li.findElement(By.tagName("a")).getText().equals(fileName))
			.toList();
		assertThat(listed).as("the job is listed under 最近的导入").hasSize(1);
		assertThat(listed.get(0).getText()).contains("已完成", "community");
		assertFitsThePhone();
		browser.clickAndWaitForPage(listed.get(0).findElement(By.tagName("a")));
		assertThat(browser.path()).isEqualTo(jobPath);
		assertFinished();
		assertThat(browser.find(By.id("progress")).getDomAttribute("hx-get")).as("a finished job is not polled")
			.isNull();

		// 4. The workbook of rejected rows, downloaded by the browser.
		WebElement errorLink = browser.find(By.id("error-workbook"));
		assertThat(errorLink.getText()).isEqualTo("下载未导入的行（含原因）");
		Path downloads = Files.createDirectories(this.temp.resolve("downloads"));
		((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
		errorLink.click();
		Path downloaded = browser.waiting()
			.withMessage("the error workbook arrives in " + downloads)
			.until(d -> finishedDownload(downloads).orElse(null));
		assertThat(downloaded.getFileName().toString()).startsWith("导入错误-").endsWith(".xlsx");
		List<Row> rejected = readFirstSheet(downloaded);
		assertThat(rejected).as("the header and the two rejected rows").hasSize(3);
		List<String> header = texts(rejected.get(0));
		assertThat(header).containsExactly("姓名", "身份证号", "联系电话", "楼栋", "单元", "房号", "与户主关系", "错误原因");
		List<String> sci = texts(rejected.get(1));
		assertThat(sci.subList(0, 4)).containsExactly(scientific, "1.10101E+17", "13800001004", "1号楼");
		assertThat(sci.get(7)).contains("科学计数法");
		List<String> building = texts(rejected.get(2));
		assertThat(building.subList(0, 4)).containsExactly(unknownBuilding, unknownBuildingId, "13800001005", "99号楼");
		assertThat(building.get(7)).isEqualTo("在导入的辖区内找不到楼栋“99号楼”");
		Cell idCell = rejected.get(2).getCell(1);
		assertThat(idCell.getType()).as("the ID number is a text cell, not a number Excel would round")
			.isEqualTo(CellType.STRING);
		assertThat(idCell.getRawValue()).isEqualTo(unknownBuildingId);
		assertThat(numberFormatOf(downloaded, "B3")).as("its cell is formatted as text, so a new ID typed in stays text")
			.isEqualTo("@");

		// 5. The registry pages at 360 px: the filter finds an imported person.
		browser.open("/registry/persons");
		assertFitsThePhone();
		String marker = browser.markPage();
		browser.find(By.id("q")).sendKeys(first);
		browser.waiting()
			.ignoring(StaleElementReferenceException.class)
			.withMessage("the htmx search (after its debounce) replaces #person-results with the matches")
			.until(d -> browser.query().contains("q=") && browser.find(By.id("person-results")).getText().contains(first)
					&& browser.all(By.cssSelector("#person-results li.row-card")).size() == 1);
		assertThat(browser.js("return window.__browserTestMarker || null")).as("the list changed without a page load")
			.isEqualTo(marker);
		assertThat(browser.all(By.id("person-results"))).as("the results replace the list, not nest inside it").hasSize(1);
		WebElement card = browser.find(By.cssSelector("#person-results li.row-card"));
		assertThat(card.getText()).contains(first, "男", "—").doesNotContain(firstId).doesNotContain("13800001001");
		assertFitsThePhone();

		browser.clickAndWaitForPage(card.findElement(By.linkText(first)));
		assertThat(browser.path()).matches("/registry/persons/\\d+");
		assertThat(browser.find(By.id("person-name")).getText()).isEqualTo(first);
		String masked = browser.find(By.id("id-number")).getText();
		assertThat(masked).as("the ID number is masked").isNotEqualTo(firstId)
			.matches("110\\*+" + firstId.substring(14));
		assertThat(browser.find(By.id("phone")).getText()).as("the phone column was not imported").isEqualTo("—");
		assertThat(browser.all(By.cssSelector("[hx-target='#phone']"))).as("nothing to reveal").isEmpty();
		String facts = browser.find(By.cssSelector("dl.facts")).getText();
		assertThat(facts).as("relation as imported, and the corrected column in the notes").contains("户主", "13800001001");
		assertFitsThePhone();

		WebElement reveal = browser.find(By.xpath("//span[@id='id-number']/following-sibling::button"));
		assertThat(reveal.getText()).isEqualTo("查看完整");
		reveal.click();
		browser.waiting()
			.withMessage("查看完整 puts the full ID number into #id-number")
			.until(d -> firstId.equals(browser.find(By.id("id-number")).getText()));
		assertFitsThePhone();
	}

	@Test
	void importsNothingFromAColumnSetToDoNotImport() throws IOException {
		String stamp = chineseDigits(System.nanoTime() % 100_000);
		String name = "柏略己" + stamp;
		String id = idNumber(1966, 'F');
		Path register = this.temp.resolve("不导入电话" + stamp + ".xlsx");
		writeRegister(register, List.of(List.of(name, id, "13800002001", "2号楼", "1", "301", "户主")));

		browser.loginAs("community");
		browser.open("/registry/import");
		browser.find(By.id("file")).sendKeys(register.toAbsolutePath().toString());
		browser.clickAndWaitForPage(browser.find(By.id("upload")));
		assertThat(selected(2)).as("the 联系电话 column").isEqualTo("PHONE");
		new Select(column(2)).selectByValue("");
		assertThat(new Select(column(2)).getFirstSelectedOption().getText()).isEqualTo("不导入");
		browser.clickAndWaitForPage(browser.find(By.id("start-import")));
		browser.waiting()
			.ignoring(StaleElementReferenceException.class)
			.withMessage("the progress area polls every second until the import is done")
			.until(d -> progressText().contains("已完成"));
		assertThat(progressText()).contains("新增 1 人，更新 0 人，跳过 0 人，未导入 0 行");

		browser.open("/registry/persons?q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8));
		WebElement card = browser.find(By.cssSelector("#person-results li.row-card"));
		assertThat(card.getText()).contains(name).doesNotContain("138****2001");
		browser.clickAndWaitForPage(card.findElement(By.linkText(name)));
		assertThat(browser.find(By.id("phone")).getText()).as("the phone column was not imported").isEqualTo("—");
	}

	private static WebElement column(int index) {
		return browser.find(By.cssSelector("#mapping select[name='column_" + index + "']"));
	}

	private static String selected(int index) {
		return new Select(column(index)).getFirstSelectedOption().getDomAttribute("value");
	}

	private static String progressText() {
		return browser.all(By.id("progress")).stream().findFirst().map(WebElement::getText).orElse("");
	}

	private static void assertFinished() {
		String progress = browser.waitFor(By.id("progress")).getText();
		// The total (right of the slash) also counts the title and header rows: see the report, not asserted here.
		assertThat(progress).contains("已完成", "已处理 5 / 5 行", "新增 3 人，更新 0 人，跳过 0 人，未导入 2 行");
		assertThat(browser.present(By.id("error-workbook"))).isTrue();
	}

	/** The page is no wider than the phone: nothing scrolls sideways. */
	private static void assertFitsThePhone() {
		browser.waitForReady();
		Object fits = browser.js("return document.documentElement.scrollWidth <= window.innerWidth");
		assertThat(fits).as("no horizontal scroll on " + browser.path() + " (scrollWidth "
				+ browser.js("return document.documentElement.scrollWidth") + ", innerWidth "
				+ browser.js("return window.innerWidth") + ")").isEqualTo(Boolean.TRUE);
		assertThat(browser.js("return window.innerWidth")).isEqualTo((long) Browser.WIDTH);
	}

	private static Optional<Path> finishedDownload(Path dir) {
		try (Stream<Path> files = Files.list(dir)) {
			List<Path> all = files.toList();
			if (all.stream().anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"))) {
				return Optional.empty();
			}
			return all.stream().filter(p -> p.getFileName().toString().endsWith(".xlsx")).findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An .xlsx as offices keep it: two title rows above the header, every cell text. */
	private static void writeRegister(Path file, List<List<String>> rows) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			Workbook workbook = new Workbook(out, "Shouwang test", "1.0");
			Worksheet sheet = workbook.newWorksheet("居民台账");
			sheet.value(0, 0, "百园社区居民台账");
			sheet.value(1, 0, "填报日期：2026年11月");
			List<String> header = List.of("姓名", "身份证号", "联系电话", "楼栋", "单元", "房号", "与户主关系");
			for (int c = 0; c < header.size(); c++) {
				sheet.value(2, c, header.get(c));
			}
			for (int r = 0; r < rows.size(); r++) {
				for (int c = 0; c < rows.get(r).size(); c++) {
					sheet.value(3 + r, c, rows.get(r).get(c));
				}
			}
			workbook.finish();
		}
	}

	private static List<Row> readFirstSheet(Path file) throws IOException {
		List<Row> rows = new ArrayList<>();
		try (InputStream in = Files.newInputStream(file);
				ReadableWorkbook workbook = new ReadableWorkbook(in, new ReadingOptions(true, false));
				Stream<Row> stream = workbook.getFirstSheet().openStream()) {
			stream.forEach(rows::add);
		}
		rows.sort(Comparator.comparingInt(Row::getRowNum));
		return rows;
	}

	/**
	 * The number format of a cell of the first sheet, read from the workbook's XML (fastexcel-reader
	 * gives formats of numeric cells only): the cell's style, its cellXfs entry, that entry's numFmt.
	 */
	private static String numberFormatOf(Path xlsx, String cellRef) throws IOException {
		String sheet;
		String styles;
		try (ZipFile zip = new ZipFile(xlsx.toFile())) {
			sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
					StandardCharsets.UTF_8);
			styles = new String(zip.getInputStream(zip.getEntry("xl/styles.xml")).readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher cell = Pattern.compile("<c r=\"" + cellRef + "\"([^>]*)>").matcher(sheet);
		assertThat(cell.find()).as("cell " + cellRef + " in the sheet").isTrue();
		Matcher style = Pattern.compile("\\bs=\"(\\d+)\"").matcher(cell.group(1));
		if (!style.find()) {
			return "General";
		}
		Matcher xfs = Pattern.compile("<cellXfs[^>]*>(.*?)</cellXfs>", Pattern.DOTALL).matcher(styles);
		assertThat(xfs.find()).isTrue();
		List<String> xf = Pattern.compile("<xf [^>]*>").matcher(xfs.group(1)).results().map(MatchResult::group).toList();
		Matcher numFmtId = Pattern.compile("numFmtId=\"(\\d+)\"").matcher(xf.get(Integer.parseInt(style.group(1))));
		assertThat(numFmtId.find()).isTrue();
		if ("49".equals(numFmtId.group(1))) {
			return "@";
		}
		Matcher code = Pattern.compile("<numFmt numFmtId=\"" + numFmtId.group(1) + "\" formatCode=\"([^\"]*)\"")
			.matcher(styles);
		return code.find() ? code.group(1) : "numFmtId " + numFmtId.group(1);
	}

	private static List<String> texts(Row row) {
		List<String> cells = new ArrayList<>();
		for (int i = 0; i < row.getCellCount(); i++) {
			cells.add(row.getCellText(i));
		}
		return cells;
	}

	/** A valid GB 11643 number in a region of its own, with a birth date no other row of this test has. */
	private static String idNumber(int year, char sex) {
		int n = SEQ.incrementAndGet();
		String first17 = REGION + year + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + (sex == 'M' ? "1" : "2");
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

	/** 4711 becomes 四七一一: names stay Chinese and differ from run to run. */
	private static String chineseDigits(long n) {
		String digits = "零一二三四五六七八九";
		StringBuilder sb = new StringBuilder();
		for (char c : Long.toString(n).toCharArray()) {
			sb.append(digits.charAt(c - '0'));
		}
		return sb.toString();
	}

}
