package cn.shouwang.registry.importing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.shouwang.registry.ResidenceType;
import cn.shouwang.registry.VulnerableTag;

import static cn.shouwang.registry.importing.TestFiles.csv;
import static cn.shouwang.registry.importing.TestFiles.id;
import static org.assertj.core.api.Assertions.assertThat;

class CsvImportTest {

	private static final byte[] NO_BOM = new byte[0];

	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final String ZHANG = id("19800101", 11);

	private static final String LI = id("19851231", 22);

	private static String[] register(String sep) {
		return new String[] { String.join(sep, "姓名", "身份证号", "联系电话", "楼栋", "单元", "房号", "人员类别", "特殊人群", "备注"),
				String.join(sep, "张三", ZHANG, "13812345678", "3号楼", "2", "301", "常住", "独居老人、慢性病", "\"住址, 含逗号\""),
				String.join(sep, "李四", LI, "", "3号楼", "2", "302", "流动", "", "") };
	}

	private static void assertRegister(List<RowResult> rows) {
		assertThat(rows).hasSize(2).allMatch(RowResult::valid);
		PersonDraft zhang = rows.get(0).person();
		assertThat(zhang.name()).isEqualTo("张三");
		assertThat(zhang.idNumber()).isEqualTo(ZHANG);
		assertThat(zhang.phone()).isEqualTo("13812345678");
		assertThat(zhang.sex()).isEqualTo('M');
		assertThat(zhang.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
		assertThat(zhang.location().building()).isEqualTo("3号楼");
		assertThat(zhang.location().unit()).isEqualTo("2");
		assertThat(zhang.location().room()).isEqualTo("301");
		assertThat(zhang.residenceType()).isEqualTo(ResidenceType.PERMANENT);
		assertThat(zhang.tags()).containsExactlyInAnyOrder(VulnerableTag.ELDERLY_ALONE, VulnerableTag.CHRONIC_ILLNESS);
		assertThat(zhang.notes()).isEqualTo("住址, 含逗号");
		assertThat(zhang.rowNumber()).isEqualTo(2);
		PersonDraft li = rows.get(1).person();
		assertThat(li.sex()).isEqualTo('F');
		assertThat(li.phone()).isNull();
		assertThat(li.residenceType()).isEqualTo(ResidenceType.MIGRANT);
		assertThat(li.tags()).isEmpty();
	}

	@Test
	void readsGbkAsSavedByChineseExcel() {
		byte[] bytes = csv(Charset.forName("GBK"), NO_BOM, register(","));
		try (ImportFile f = TestFiles.open(bytes, "台账.csv")) {
			assertThat(f.format()).isEqualTo(ImportFile.Format.CSV);
			assertThat(f.charset().name()).isEqualTo("GB18030");
			assertRegister(TestFiles.readAll(f, Map.of()));
		}
	}

	@Test
	void readsUtf8WithBom() {
		byte[] bytes = csv(StandardCharsets.UTF_8, UTF8_BOM, register(","));
		try (ImportFile f = TestFiles.open(bytes, "台账.csv")) {
			assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8);
			List<RowResult> rows = TestFiles.readAll(f, Map.of());
			assertRegister(rows);
			assertThat(rows.get(0).row().cells().get(0)).as("no BOM left in the first cell").isEqualTo("张三");
		}
	}

	@Test
	void readsUtf8WithoutBom() {
		byte[] bytes = csv(StandardCharsets.UTF_8, NO_BOM, register(","));
		try (ImportFile f = TestFiles.open(bytes, "data.txt")) {
			assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8);
			assertRegister(TestFiles.readAll(f, Map.of()));
		}
	}

	@Test
	void utf8BeyondTheSampleIsStillUtf8() {
		// the sample of 64 KB may end in the middle of a three-byte character
		StringBuilder big = new StringBuilder("姓名,身份证号\r\n");
		while (big.length() < 40_000) {
			big.append("张三,").append(ZHANG).append("\r\n");
		}
		byte[] bytes = big.toString().getBytes(StandardCharsets.UTF_8);
		try (ImportFile f = TestFiles.open(bytes, "a.csv")) {
			assertThat(f.charset()).isEqualTo(StandardCharsets.UTF_8);
			assertThat(TestFiles.readAll(f, Map.of())).allMatch(RowResult::valid);
		}
	}

	@Test
	void detectsTabAndSemicolonSeparators() {
		assertRegister(TestFiles.readAll(csv(StandardCharsets.UTF_8, NO_BOM, register("\t")), "a.txt"));
		assertRegister(TestFiles.readAll(csv(StandardCharsets.UTF_8, NO_BOM, register(";")), "a.csv"));
	}

	@Test
	void readsExcelUnicodeText() {
		// Excel's "Unicode text" is UTF-16LE with a BOM, separated by tabs
		byte[] bytes = csv(StandardCharsets.UTF_16LE, new byte[] { (byte) 0xFF, (byte) 0xFE }, register("\t"));
		assertRegister(TestFiles.readAll(bytes, "a.txt"));
	}

	@Test
	void followsRfc4180Quoting() {
		byte[] bytes = csv(StandardCharsets.UTF_8, NO_BOM, "XX社区居民台账,,", ",,", "姓名,身份证号,备注",
				"\"张\"\"三\"\"\"," + ZHANG + ",\"第一行\r\n第二行\"", "李四," + LI + ",");
		List<RowResult> rows = TestFiles.readAll(bytes, "a.csv");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).person().name()).isEqualTo("张\"三\"");
		assertThat(rows.get(0).person().notes()).isEqualTo("第一行 第二行");
		assertThat(rows.get(0).rowNumber()).isEqualTo(4);
		assertThat(rows.get(1).rowNumber()).as("records, not lines, as Excel numbers them").isEqualTo(5);
	}

	@Test
	void aQuoteNeverClosedRejectsTheLastRowInsteadOfImportingHalfOfIt() {
		byte[] bytes = csv(StandardCharsets.UTF_8, NO_BOM, "姓名,身份证号,备注", "张三," + ZHANG + ",ok",
				"李四," + LI + ",\"unterminated");
		List<RowResult> rows = TestFiles.readAll(bytes, "a.csv");
		assertThat(rows.get(0).valid()).isTrue();
		assertThat(rows.get(1).valid()).isFalse();
		assertThat(rows.get(1).problems()).extracting(RowProblem::messageKey).containsExactly("import.row.unterminated");
	}

	@Test
	void excelTextTricksAndFullWidthDigits() {
		String fullWidth = toFullWidth(LI);
		byte[] bytes = csv(StandardCharsets.UTF_8, NO_BOM, "姓名,身份证号,联系电话", "张三,=\"" + ZHANG + "\",13812345678.0",
				"李四,'" + fullWidth + " ,１３８１２３４５６７８");
		List<RowResult> rows = TestFiles.readAll(bytes, "a.csv");
		assertThat(rows).allMatch(RowResult::valid);
		assertThat(rows.get(0).person().idNumber()).isEqualTo(ZHANG);
		assertThat(rows.get(0).person().phone()).isEqualTo("13812345678");
		assertThat(rows.get(1).person().idNumber()).isEqualTo(LI);
		assertThat(rows.get(1).person().phone()).isEqualTo("13812345678");
	}

	@Test
	void scientificNotationInTextIsRejected() {
		byte[] bytes = csv(StandardCharsets.UTF_8, NO_BOM, "姓名,身份证号", "张三,1.10101E+17", "李四,110105194912310000");
		List<RowResult> rows = TestFiles.readAll(bytes, "a.csv");
		assertThat(rows.get(0).problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.SCIENTIFIC_NOTATION");
		assertThat(rows.get(1).problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.PRECISION_LOST");
	}

	@Test
	void skipsBlankLines() {
		byte[] bytes = csv(StandardCharsets.UTF_8, NO_BOM, "姓名,身份证号", "", ",,", "张三," + ZHANG, "");
		try (ImportFile f = TestFiles.open(bytes, "a.csv"); ImportReader r = ImportReader.open(f, Map.of())) {
			assertThat(r.hasNext()).isTrue();
			assertThat(r.next().rowNumber()).isEqualTo(4);
			assertThat(r.hasNext()).isFalse();
			assertThat(r.rows()).isEqualTo(1);
			assertThat(Set.of(r.accepted(), r.rejected())).containsExactlyInAnyOrder(1, 0);
		}
	}

	@Test
	void gbkBytesAfterAUtf8StartAreNotStoredAsGarbage() {
		byte[] start = csv(StandardCharsets.UTF_8, NO_BOM, "姓名,身份证号", "张三," + ZHANG);
		StringBuilder filler = new StringBuilder();
		while (filler.length() < 70_000) {
			filler.append("Zhang San,").append(ZHANG).append("\r\n");
		}
		byte[] gbk = ("李四," + LI + "\r\n").getBytes(Charset.forName("GBK"));
		byte[] bytes = new byte[start.length + filler.length() + gbk.length];
		System.arraycopy(start, 0, bytes, 0, start.length);
		System.arraycopy(filler.toString().getBytes(StandardCharsets.US_ASCII), 0, bytes, start.length, filler.length());
		System.arraycopy(gbk, 0, bytes, start.length + filler.length(), gbk.length);
		List<RowResult> rows = TestFiles.readAll(bytes, "a.csv");
		RowResult last = rows.get(rows.size() - 1);
		assertThat(last.problems()).extracting(RowProblem::messageKey).containsExactly("import.row.garbled");
	}

	static String toFullWidth(String s) {
		StringBuilder b = new StringBuilder();
		for (char c : s.toCharArray()) {
			b.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c);
		}
		return b.toString();
	}

}
