package cn.shouwang.registry.importing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static cn.shouwang.registry.importing.TestFiles.id;
import static cn.shouwang.registry.importing.TestFiles.rows;
import static cn.shouwang.registry.importing.TestFiles.xlsx;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorWorkbookTest {

	static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	private static final String ZHANG = id("19800101", 11);

	private static final String LI = id("19851231", 22);

	private static final String WANG = id("20200202", 33);

	private static Function<RowProblem, String> messages(Locale locale) {
		return new RegistryImport(MESSAGES).describer(locale);
	}

	private static byte[] errorWorkbook(byte[] source, Locale locale, List<RowResult> results) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImportFile f = TestFiles.open(source, "a.xlsx"); ImportReader r = ImportReader.open(f, Map.of());
				ErrorWorkbook errors = new RegistryImport(MESSAGES).errorWorkbook(out, r.mapping(), locale)) {
			while (r.hasNext()) {
				RowResult row = r.next();
				results.add(row);
				if (!row.valid()) {
					errors.add(row);
				}
			}
		}
		return out.toByteArray();
	}

	@Test
	void rejectedRowsCanBeFixedAndImportedAgain() {
		byte[] source = xlsx(ws -> {
			ws.value(0, 0, "XX社区居民台账");
			rows(ws, 1, new String[] { "序号", "姓名", "身份证号", "联系电话", "楼栋", "备注" },
					new String[] { "1", "张三", ZHANG, "13812345678", "3号楼", null },
					new String[] { "2", "李四", null, "1381234", "3号楼", "电话少了几位" },
					new String[] { "3", "王五", WANG, "13912345678" }, new String[] { "4", "赵六", null, null, "4号楼" });
			ws.value(3, 2, 110105198512310000L); // 李四's ID typed into a General cell
			ws.value(5, 2, "1.10105E+17");
			ws.range(4, 4, 5, 4).merge(); // 王五 and 赵六 share a merged 楼栋 cell
			ws.value(4, 4, "4号楼");
		});
		List<RowResult> results = new ArrayList<>();
		byte[] errors = errorWorkbook(source, Locale.SIMPLIFIED_CHINESE, results);
		assertThat(results).extracting(RowResult::valid).containsExactly(true, false, true, false);

		List<RowResult> again = TestFiles.readAll(errors, "错误行.xlsx");
		assertThat(again).hasSize(2);
		RowResult li = again.get(0);
		assertThat(li.row().rowNumber()).isEqualTo(2);
		assertThat(li.row().cells().subList(0, 6)).containsExactly("2", "李四", "110105198512310000", "1381234", "3号楼", "电话少了几位");
		assertThat(li.row().has(2, RawRow.Kind.NUMBER)).as("written as text").isFalse();
		assertThat(li.row().cell(6)).isEqualTo("身份证号后几位被 Excel 变成了0（超过15位精度），请把该列设为文本后重新填写；"
				+ "联系电话“1381234”格式不正确（手机11位，或座机如 010-12345678）");
		assertThat(li.problems()).extracting(RowProblem::messageKey)
			.containsExactly("idnumber.PRECISION_LOST", "import.row.phone");
		RowResult zhao = again.get(1);
		assertThat(zhao.row().cell(4)).as("the merged value is written into the row").isEqualTo("4号楼");
		assertThat(zhao.row().cell(6)).startsWith("身份证号被 Excel 转成了科学计数法");
		assertThat(TestFiles.entry(errors, "xl/styles.xml")).contains("formatCode=\"@\"");
		assertThat(TestFiles.entry(errors, "xl/worksheets/sheet1.xml")).as("new entries in the columns are text too")
			.containsPattern("<col [^>]*style=\"2\"");

		// the user fixes the two rows in the error workbook and imports it again
		byte[] fixed = xlsx(ws -> {
			List<String> header = List.of("序号", "姓名", "身份证号", "联系电话", "楼栋", "备注", "错误原因");
			rows(ws, 0, header.toArray(String[]::new));
			List<String> a = new ArrayList<>(li.row().cells());
			a.set(2, LI);
			a.set(3, "13812345670");
			rows(ws, 1, a.toArray(String[]::new));
			List<String> b = new ArrayList<>(zhao.row().cells());
			b.set(2, id("19491001", 44));
			rows(ws, 2, b.toArray(String[]::new));
		});
		List<RowResult> fixedResults = new ArrayList<>();
		byte[] noErrors = errorWorkbook(fixed, Locale.SIMPLIFIED_CHINESE, fixedResults);
		assertThat(fixedResults).allSatisfy(r -> assertThat(r.problems()).isEmpty());
		assertThat(fixedResults.get(0).person().idNumber()).isEqualTo(LI);
		assertThat(fixedResults.get(1).person().location().building()).isEqualTo("4号楼");
		assertThat(TestFiles.readAll(noErrors, "none.xlsx")).isEmpty();
	}

	@Test
	void aSecondRoundDoesNotRepeatTheReasonColumnAndSpeaksTheUsersLanguage() {
		byte[] source = xlsx(ws -> rows(ws, 0, new String[] { "姓名", "身份证号" }, new String[] { "张三", "123" }));
		byte[] first = errorWorkbook(source, Locale.SIMPLIFIED_CHINESE, new ArrayList<>());
		byte[] second = errorWorkbook(first, Locale.ENGLISH, new ArrayList<>());
		try (ImportFile f = TestFiles.open(second, "b.xlsx")) {
			ImportReader.Preview p = ImportReader.preview(f, Map.of(), 5);
			assertThat(p.mapping().headers()).containsExactly("姓名", "身份证号", "Error reason");
			assertThat(p.sample().get(0).row().cell(2)).isEqualTo("An ID number has 18 characters");
		}
	}

	@Test
	void writesProblemsTheCallerAdds() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ColumnMapping mapping = ColumnMapping.of(1, 1, List.of("姓名", "身份证号", "网格"));
		try (ErrorWorkbook w = new ErrorWorkbook(out, mapping, messages(Locale.SIMPLIFIED_CHINESE))) {
			w.add(new RawRow(7, List.of("张三", ZHANG, "第九网格")),
					List.of(RowProblem.of(Field.GRID, "import.row.required", "网格")));
			assertThat(w.rows()).isEqualTo(1);
		}
		List<RowResult> rows = TestFiles.readAll(out.toByteArray(), "e.xlsx");
		assertThat(rows).singleElement().satisfies(r -> assertThat(r.row().cell(3)).isEqualTo("“网格”不能为空"));
	}

}
