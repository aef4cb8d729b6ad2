package cn.shouwang.registry.importing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.VisibilityState;
import org.junit.jupiter.api.Test;

import cn.shouwang.shared.InvalidInputException;

import static cn.shouwang.registry.importing.TestFiles.id;
import static cn.shouwang.registry.importing.TestFiles.rows;
import static cn.shouwang.registry.importing.TestFiles.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XlsxImportTest {

	private static final String ZHANG = id("19800101", 11);

	private static final String LI = id("19851231", 22);

	private static final String WANG = id("20200202", 33);

	private static String[] header() {
		return new String[] { "序号", "姓名", "身份证号", "联系电话", "社区", "楼栋", "单元", "房号", "与户主关系", "备注" };
	}

	@Test
	void findsTheHeaderUnderTitleRows() {
		byte[] bytes = xlsx(ws -> {
			ws.value(0, 0, "朝阳街道XX社区实有人口台账");
			ws.range(0, 0, 0, 9).merge();
			ws.value(1, 0, "填报单位：XX社区居委会");
			ws.value(1, 6, "填报日期：2024年3月");
			rows(ws, 2, header(), new String[] { "1", "张三", ZHANG, "13812345678", "XX社区", "3号楼", "2", "301", "户主", null });
		});
		try (ImportFile f = TestFiles.open(bytes, "台账.xlsx")) {
			assertThat(f.format()).isEqualTo(ImportFile.Format.XLSX);
			assertThat(f.sheetName()).isEqualTo("Sheet1");
			ImportReader.Preview p = ImportReader.preview(f, Map.of(), 10);
			assertThat(p.mapping().headerRowNumber()).isEqualTo(3);
			assertThat(p.mapping().column(Field.NAME)).isEqualTo(1);
			assertThat(p.mapping().column(Field.RELATION)).isEqualTo(8);
			assertThat(p.mapping().fieldAt(0)).isEmpty();
			assertThat(p.sample()).hasSize(1);
			RowResult r = p.sample().get(0);
			assertThat(r.valid()).as("%s", r.problems()).isTrue();
			assertThat(r.rowNumber()).isEqualTo(4);
			assertThat(r.person().relation()).isEqualTo("户主");
			assertThat(r.person().location()).isEqualTo(new Location("XX社区", null, "3号楼", "2", "301", null));
		}
	}

	@Test
	void rejectsIdNumbersExcelMangled() {
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, header());
			rows(ws, 1, new String[] { "1", "张三", "1.10101E+17" });
			ws.value(2, 1, "李四");
			ws.value(2, 2, 110105194912310000L);
			ws.value(3, 1, "王五");
			ws.value(3, 2, WANG);
			ws.value(3, 3, 13812345678L);
			ws.value(4, 1, "赵六");
			ws.value(4, 2, 1.1010519491231E17);
		});
		List<RowResult> rows = TestFiles.readAll(bytes, "a.xlsx");
		assertThat(rows).hasSize(4);
		assertThat(rows.get(0).problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.SCIENTIFIC_NOTATION");
		assertThat(rows.get(1).row().cell(2)).isEqualTo("110105194912310000");
		assertThat(rows.get(1).problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.PRECISION_LOST");
		assertThat(rows.get(2).valid()).isTrue();
		assertThat(rows.get(2).person().phone()).as("a phone in a number cell").isEqualTo("13812345678");
		assertThat(rows.get(3).problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.PRECISION_LOST");
	}

	@Test
	void aNumberCellThatLostDigitsIsRejectedEvenIfTheZerosPassTheCheckDigit() {
		// find an 18-digit number ending in 000 whose check digit happens to be right: only the cell type tells
		String first17 = null;
		for (int seq = 0; seq < 1000 && first17 == null; seq += 10) {
			String candidate = "11010519800101" + String.format("%03d", seq);
			if (candidate.endsWith("00") && cn.shouwang.shared.ChineseIdNumber.checkCharacter(candidate) == '0') {
				first17 = candidate;
			}
		}
		assertThat(first17).isNotNull();
		String valid = first17 + "0";
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, header());
			ws.value(1, 1, "张三");
			ws.value(1, 2, Long.parseLong(valid));
			ws.value(2, 1, "李四");
			ws.value(2, 2, valid);
		});
		List<RowResult> rows = TestFiles.readAll(bytes, "a.xlsx");
		assertThat(rows.get(0).problems()).extracting(RowProblem::messageKey).containsExactly("idnumber.PRECISION_LOST");
		assertThat(rows.get(1).valid()).as("the same digits typed as text").isTrue();
	}

	@Test
	void skipsHiddenSheetsAndReportsOtherVisibleOnes() {
		byte[] bytes = xlsx(ws -> {
			ws.setVisibilityState(VisibilityState.HIDDEN);
			rows(ws, 0, new String[] { "字典" }, new String[] { "常住" });
		}, ws -> rows(ws, 0, header(), new String[] { "1", "张三", ZHANG }), ws -> rows(ws, 0, new String[] { "说明" }));
		assertThat(TestFiles.entry(bytes, "xl/workbook.xml")).contains("state=\"hidden\"");
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			assertThat(f.sheetName()).isEqualTo("Sheet2");
			assertThat(f.hiddenSheets()).containsExactly("Sheet1");
			assertThat(f.ignoredSheets()).containsExactly("Sheet3");
			assertThat(TestFiles.readAll(f, Map.of())).singleElement().matches(RowResult::valid);
		}
	}

	@Test
	void veryHiddenSheetsAreSkippedToo() {
		byte[] plain = xlsx(ws -> rows(ws, 0, new String[] { "x" }), ws -> rows(ws, 0, header(), new String[] { "1", "张三", ZHANG }));
		byte[] bytes = TestFiles.editEntry(plain, "xl/workbook.xml",
				xml -> xml.replaceFirst("<sheet ", "<sheet state=\"veryHidden\" "));
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			assertThat(f.sheetName()).isEqualTo("Sheet2");
			assertThat(f.hiddenSheets()).containsExactly("Sheet1");
		}
		byte[] allHidden = TestFiles.editEntry(plain, "xl/workbook.xml",
				xml -> xml.replace("<sheet ", "<sheet state=\"hidden\" "));
		assertThatThrownBy(() -> TestFiles.open(allHidden, "a.xlsx")).isInstanceOf(InvalidInputException.class)
			.extracting(ex -> ((InvalidInputException) ex).errors().get(0).code())
			.isEqualTo("import.noVisibleSheet");
	}

	@Test
	void fillsMergedAddressCellsDownAndRejectsOtherMerges() {
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, header());
			// a household of three in rows 2-4: 社区, 楼栋, 单元 and 房号 merged over its members
			rows(ws, 1, new String[] { "1", "张三", ZHANG, null, "XX社区", "3号楼", "2", "301", "户主" },
					new String[] { "2", "李四", LI, null, null, null, null, null, "配偶" },
					new String[] { "3", "王五", WANG, null, null, null, null, null, "子" });
			for (int c = 4; c <= 7; c++) {
				ws.range(1, c, 3, c).merge();
			}
			ws.range(1, 0, 3, 0).merge(); // 序号 is not imported: merging it is harmless
			// row 5: name merged across name and ID; row 6: a 备注 merged over rows 6-7
			rows(ws, 4, new String[] { "4", "赵六", null, null, "XX社区", "4号楼", "1", "101" });
			ws.range(4, 1, 4, 2).merge();
			rows(ws, 5, new String[] { "5", "钱七", id("19700505", 51), null, "XX社区", "4号楼", "1", "102", null, "同住" },
					new String[] { "6", "孙八", id("19700506", 52), null, "XX社区", "4号楼", "1", "102", null, null });
			ws.range(5, 9, 6, 9).merge();
		});
		List<RowResult> rows = TestFiles.readAll(bytes, "a.xlsx");
		assertThat(rows).hasSize(6);
		for (int i = 0; i < 3; i++) {
			assertThat(rows.get(i).valid()).as("row %d: %s", i, rows.get(i).problems()).isTrue();
			assertThat(rows.get(i).person().location()).isEqualTo(new Location("XX社区", null, "3号楼", "2", "301", null));
			assertThat(rows.get(i).row().cell(7)).as("filled into the row, for the error workbook too").isEqualTo("301");
		}
		assertThat(rows.get(3).problems()).extracting(RowProblem::messageKey).contains("import.row.merged");
		assertThat(rows.get(3).problems().get(0).arguments()).containsExactly("B", "姓名", "B5:C5");
		assertThat(rows.get(4).problems()).extracting(RowProblem::messageKey).containsExactly("import.row.merged");
		assertThat(rows.get(5).problems()).extracting(RowProblem::messageKey).containsExactly("import.row.merged");
		assertThat(rows.get(5).problems().get(0).arguments()).containsExactly("J", "备注", "J6:J7");
	}

	@Test
	void aFormulaInAMappedColumnRejectsTheRow() {
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, header());
			rows(ws, 1, new String[] { null, "张三", ZHANG });
			ws.formula(1, 0, "ROW()-1"); // 序号: not imported, fine
			rows(ws, 2, new String[] { "2", "李四", LI });
			ws.formula(2, 3, "A1+1");
		});
		List<RowResult> rows = TestFiles.readAll(bytes, "a.xlsx");
		assertThat(rows.get(0).valid()).isTrue();
		assertThat(rows.get(1).problems()).extracting(RowProblem::messageKey).containsExactly("import.row.formula");
		assertThat(rows.get(1).problems().get(0).arguments()).containsExactly("D", "联系电话");
	}

	@Test
	void formulaCellsWithSavedValuesAreStillRejected() {
		byte[] plain = xlsx(ws -> {
			rows(ws, 0, header());
			rows(ws, 1, new String[] { "1", "张三", ZHANG, "13812345678" });
		});
		// what Excel writes for =TEXT(...): the formula and the value it calculated
		byte[] bytes = TestFiles.editEntry(plain, "xl/worksheets/sheet1.xml",
				xml -> xml.replaceFirst("<c r=\"D2\"[^>]*>.*?</c>", "<c r=\"D2\" t=\"str\"><f>TEXT(13812345678,\"0\")</f><v>13812345678</v></c>"));
		assertThat(TestFiles.entry(bytes, "xl/worksheets/sheet1.xml")).contains("<f>TEXT");
		List<RowResult> rows = TestFiles.readAll(bytes, "a.xlsx");
		assertThat(rows.get(0).row().cell(3)).isEqualTo("13812345678");
		assertThat(rows.get(0).problems()).extracting(RowProblem::messageKey).containsExactly("import.row.formula");
	}

	@Test
	void dateCellsBecomeIsoDates() {
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, new String[] { "姓名", "证件类型", "证件号码", "性别", "出生日期" });
			rows(ws, 1, new String[] { "张三", "居民身份证", ZHANG, "男" });
			ws.value(1, 4, LocalDate.of(1980, 1, 1));
			// (fastexcel's writer does not escape quotes in formats, so the Chinese one is checked below)
			ws.style(1, 4).format("yyyy/m/d").set();
			rows(ws, 2, new String[] { "John Smith", "护照", "E12345678", "男" });
			ws.value(2, 4, LocalDate.of(1975, 6, 30));
			ws.style(2, 4).format("yyyy-mm-dd").set();
			rows(ws, 3, new String[] { "李四", "身份证", LI, "男" });
			ws.value(3, 4, LocalDate.of(1985, 12, 30));
			ws.style(3, 4).format("m/d/yy").set();
			rows(ws, 4, new String[] { "王五", null, WANG });
			ws.value(4, 4, LocalDate.of(2020, 2, 2)); // no date format: Excel shows 43863, and so do we
		});
		List<RowResult> rows = TestFiles.readAll(bytes, "a.xlsx");
		assertThat(rows.get(0).row().cell(4)).isEqualTo("1980-01-01");
		assertThat(rows.get(0).valid()).as("%s", rows.get(0).problems()).isTrue();
		assertThat(rows.get(1).valid()).as("%s", rows.get(1).problems()).isTrue();
		assertThat(rows.get(1).person().birthDate()).isEqualTo(LocalDate.of(1975, 6, 30));
		assertThat(rows.get(1).person().sex()).isEqualTo('M');
		assertThat(rows.get(1).person().idType()).isEqualTo(cn.shouwang.registry.IdType.PASSPORT);
		assertThat(rows.get(2).problems()).extracting(RowProblem::messageKey)
			.containsExactlyInAnyOrder("import.row.sexConflict", "import.row.birthConflict");
		assertThat(rows.get(2).problems().get(1).arguments()).containsExactly("1985-12-30", "1985-12-31");
		assertThat(rows.get(3).row().cell(4)).isEqualTo("43863");
		assertThat(rows.get(3).problems()).extracting(RowProblem::messageKey).containsExactly("import.row.date");
	}

	@Test
	void recognisesDateFormats() {
		assertThat(XlsxWorkbook.isDateFormat(14, null)).isTrue();
		assertThat(XlsxWorkbook.isDateFormat(31, null)).as("yyyy年m月d日, built in").isTrue();
		assertThat(XlsxWorkbook.isDateFormat(0, null)).isFalse();
		assertThat(XlsxWorkbook.isDateFormat(49, null)).as("@").isFalse();
		assertThat(XlsxWorkbook.isDateFormat(176, "yyyy\"年\"m\"月\"d\"日\"")).isTrue();
		assertThat(XlsxWorkbook.isDateFormat(177, "[$-804]yyyy/m/d;@")).isTrue();
		assertThat(XlsxWorkbook.isDateFormat(178, "[DBNum1][$-804]m\"月\"d\"日\"")).isTrue();
		assertThat(XlsxWorkbook.isDateFormat(179, "0.00_);[Red](0.00)")).isFalse();
		assertThat(XlsxWorkbook.isDateFormat(180, "\"编号\"0")).isFalse();
		assertThat(XlsxWorkbook.isDateFormat(181, "h:mm:ss")).isFalse();
		assertThat(XlsxWorkbook.isDateFormat(182, "General")).isFalse();
	}

	@Test
	void aDuplicateColumnIsShownThenRefusedUntilTheUserPicksOne() {
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, new String[] { "姓名", "身份证号", "联系电话", "手机号码" });
			rows(ws, 1, new String[] { "张三", ZHANG, "010-12345678", "13812345678" });
		});
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			ImportReader.Preview p = ImportReader.preview(f, Map.of(), 5);
			assertThat(p.mapping().conflicts()).containsEntry(Field.PHONE, List.of(2, 3));
			assertThatThrownBy(() -> ImportReader.open(f, Map.of())).isInstanceOfSatisfying(InvalidInputException.class,
					ex -> {
						assertThat(ex.errors()).singleElement().satisfies(e -> {
							assertThat(e.field()).isEqualTo("file");
							assertThat(e.code()).isEqualTo("import.duplicateField");
							assertThat(e.args()).containsExactly("联系电话", "C", "手机号码", "D");
						});
					});
			List<RowResult> rows = TestFiles.readAll(f, Map.of(Field.PHONE, 3));
			assertThat(rows.get(0).person().phone()).isEqualTo("13812345678");
			rows = TestFiles.readAll(f, Map.of(Field.NOTES, 3));
			assertThat(rows.get(0).person().phone()).isEqualTo("010-12345678");
			assertThat(rows.get(0).person().notes()).isEqualTo("13812345678");
		}
	}

	@Test
	void twoIdColumnsNameBoth() {
		byte[] bytes = xlsx(ws -> rows(ws, 0, new String[] { "姓名", "身份证号", "公民身份号码" },
				new String[] { "张三", ZHANG, ZHANG }));
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			assertThatThrownBy(() -> ImportReader.open(f, Map.of())).isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).args()).containsExactly("身份证号", "B", "公民身份号码", "C"));
		}
	}

	@Test
	void aSheetWithoutHeaderRowIsRefused() {
		byte[] bytes = xlsx(ws -> rows(ws, 0, new String[] { "张三", ZHANG, "13812345678" },
				new String[] { "李四", LI, "13912345678" }));
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			assertThatThrownBy(() -> ImportReader.preview(f, Map.of(), 5)).isInstanceOfSatisfying(InvalidInputException.class,
					ex -> {
						assertThat(ex.errors().get(0).code()).isEqualTo("import.noHeaderRow");
						assertThat(ex.errors().get(0).args()).containsExactly(20);
					});
		}
		byte[] emptySheet = xlsx(ws -> {
		});
		try (ImportFile f = TestFiles.open(emptySheet, "a.xlsx")) {
			assertThatThrownBy(() -> ImportReader.open(f, Map.of())).isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.noHeaderRow"));
		}
	}

	@Test
	void aMissingIdColumnCanBeMappedByHand() {
		byte[] bytes = xlsx(ws -> rows(ws, 0, new String[] { "姓名", "身份信息", "联系电话" },
				new String[] { "张三", ZHANG, "13812345678" }));
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			ImportReader.Preview p = ImportReader.preview(f, Map.of(), 5);
			assertThat(p.mapping().missing()).containsExactly(Field.ID_NUMBER);
			assertThat(p.mapping().describe()).extracting(ColumnMapping.Column::header)
				.containsExactly("姓名", "身份信息", "联系电话");
			assertThatThrownBy(() -> ImportReader.open(f, Map.of())).isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.missingColumn"));
			assertThat(TestFiles.readAll(f, Map.of(Field.ID_NUMBER, 1))).singleElement().matches(RowResult::valid);
			assertThatThrownBy(() -> TestFiles.readAll(f, Map.of(Field.ID_NUMBER, 7)))
				.isInstanceOfSatisfying(InvalidInputException.class,
						ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.badMapping"));
			assertThatThrownBy(() -> TestFiles.readAll(f, Map.of(Field.ID_NUMBER, 1, Field.NOTES, 1)))
				.isInstanceOfSatisfying(InvalidInputException.class,
						ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.columnTwice"));
		}
	}

	@Test
	void readsATwoLevelHeader() {
		byte[] bytes = xlsx(ws -> {
			rows(ws, 0, new String[] { "姓名", "身份证号", "住址", null, null, "备注" },
					new String[] { null, null, "楼栋", "单元", "房号", null },
					new String[] { "张三", ZHANG, "3号楼", "2", "301", "x" });
			ws.range(0, 0, 1, 0).merge();
			ws.range(0, 1, 1, 1).merge();
			ws.range(0, 2, 0, 4).merge();
			ws.range(0, 5, 1, 5).merge();
		});
		try (ImportFile f = TestFiles.open(bytes, "a.xlsx")) {
			ImportReader.Preview p = ImportReader.preview(f, Map.of(), 5);
			assertThat(p.mapping().headers()).containsExactly("姓名", "身份证号", "楼栋", "单元", "房号", "备注");
			assertThat(p.mapping().lastHeaderRowNumber()).isEqualTo(2);
			assertThat(p.sample()).singleElement().satisfies(r -> {
				assertThat(r.valid()).as("%s", r.problems()).isTrue();
				assertThat(r.person().location().room()).isEqualTo("301");
			});
		}
	}

	@Test
	void readsInlineStringsAndFarAwayEmptyCells() {
		byte[] bytes = xlsx(ws -> {
			ws.inlineString(0, 0, "姓名");
			ws.inlineString(0, 1, "身份证号");
			ws.inlineString(1, 0, "张三");
			ws.inlineString(1, 1, ZHANG);
			ws.style(1, 5000).bold().set();
		});
		assertThat(TestFiles.readAll(bytes, "a.xlsx")).singleElement().matches(RowResult::valid);
	}

}
