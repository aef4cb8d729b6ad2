package cn.shouwang.registry.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import cn.shouwang.shared.InvalidInputException;

import static cn.shouwang.registry.importing.TestFiles.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workbooks written by hand, with what other programs put into sheet XML. */
class HandWrittenXlsxTest {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private static final String ZHANG = id("19800101", 11);

	static byte[] zip(Map<String, String> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream z = new ZipOutputStream(out)) {
			for (Map.Entry<String, String> e : entries.entrySet()) {
				z.putNextEntry(new ZipEntry(e.getKey()));
				z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
				z.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		return out.toByteArray();
	}

	static byte[] workbook(String sheetXml, String sharedStrings) {
		Map<String, String> entries = new LinkedHashMap<>();
		entries.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<x:workbook xmlns:x=\""
				+ MAIN + "\" xmlns:r=\"" + REL + "\"><x:workbookPr date1904=\"1\"/><x:sheets>"
				+ "<x:sheet name=\"名单\" sheetId=\"1\" r:id=\"rId7\"/></x:sheets></x:workbook>");
		entries.put("xl/_rels/workbook.xml.rels",
				"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
						+ "<Relationship Id=\"rId7\" Type=\"" + REL + "/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
						+ "<Relationship Id=\"rId8\" Type=\"" + REL + "/sharedStrings\" Target=\"strings.xml\"/>"
						+ "<Relationship Id=\"rId9\" Type=\"" + REL + "/styles\" Target=\"styles.xml\"/></Relationships>");
		entries.put("xl/strings.xml", sharedStrings);
		entries.put("xl/styles.xml", "<x:styleSheet xmlns:x=\"" + MAIN + "\"><x:numFmts count=\"1\">"
				+ "<x:numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></x:numFmts>"
				+ "<x:cellStyleXfs count=\"2\"><x:xf numFmtId=\"14\"/><x:xf numFmtId=\"14\"/></x:cellStyleXfs>"
				+ "<x:cellXfs count=\"2\"><x:xf numFmtId=\"0\" xfId=\"0\"/><x:xf numFmtId=\"176\" xfId=\"0\" applyNumberFormat=\"1\"/>"
				+ "</x:cellXfs></x:styleSheet>");
		entries.put("xl/worksheets/data.xml", sheetXml);
		return zip(entries);
	}

	@Test
	void readsPrefixedXmlWithEntitiesCdataCommentsAndNoReferences() {
		String strings = "<?xml version=\"1.0\"?><x:sst xmlns:x=\"" + MAIN + "\"><x:si><x:t>姓名</x:t></x:si>"
				+ "<x:si><x:t>身份证号</x:t></x:si><x:si><x:t>备注</x:t></x:si><x:si><x:t>出生日期</x:t></x:si>"
				+ "<x:si><x:r><x:t>张</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>三</x:t></x:r></x:si></x:sst>";
		String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- written by hand -->\n<x:worksheet xmlns:x=\""
				+ MAIN + "\">\n  <x:sheetData>\n"
				+ "    <x:row><x:c t='s'><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c><x:c t=\"s\"><x:v>2</x:v></x:c>"
				+ "<x:c t=\"s\"><x:v>3</x:v></x:c></x:row>\n"
				+ "    <x:row r=\"2\" spans=\"1:4\">\n      <x:c r=\"A2\" t=\"s\">\n        <x:v>4</x:v>\n      </x:c>\n"
				+ "      <x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t><![CDATA[" + ZHANG + "]]></x:t></x:is></x:c>\n"
				+ "      <?pi ignored?><x:c r=\"C2\" t=\"inlineStr\"><x:is><x:r><x:t xml:space=\"preserve\">A &amp; B &lt;C&gt; &#x4E2D;&#22269;</x:t></x:r>"
				+ "<x:rPh sb=\"0\" eb=\"1\"><x:t>ふりがな</x:t></x:rPh></x:is></x:c>\n"
				+ "      <x:c r=\"D2\" s=\"1\"><x:v>27759</x:v></x:c>\n    </x:row>\n"
				+ "    <x:row r=\"3\"><x:c r=\"A3\" t=\"str\"><x:f t=\"shared\" ref=\"A3:A4\" si=\"0\">UPPER(\"li\")</x:f><x:v>李四</x:v></x:c>"
				+ "<x:c r=\"B3\" t=\"s\"/><x:c r=\"B3\"><x:v>1.10105198512310E+17</x:v></x:c></x:row>\n"
				+ "    <x:row r=\"4\"/>\n"
				+ "    <x:row r=\"5\"><x:c r=\"A5\" t=\"inlineStr\"><x:is><x:t>王五</x:t></x:is></x:c><x:c r=\"B5\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>\n"
				+ "  </x:sheetData>\n  <x:mergeCells count=\"1\"><x:mergeCell ref='C4:C5'/></x:mergeCells>\n</x:worksheet>";
		List<RowResult> rows = TestFiles.readAll(workbook(sheet, strings), "hand.xlsx");
		assertThat(rows).hasSize(3);
		RowResult zhang = rows.get(0);
		assertThat(zhang.row().cells()).containsExactly("张三", ZHANG, "A & B <C> 中国", "1980-01-01");
		assertThat(zhang.valid()).as("%s", zhang.problems()).isTrue();
		assertThat(zhang.person().birthDate()).as("1904 date system").hasToString("1980-01-01");
		RowResult li = rows.get(1);
		assertThat(li.row().cell(0)).isEqualTo("李四");
		assertThat(li.problems()).extracting(RowProblem::messageKey)
			.containsExactly("import.row.formula", "idnumber.PRECISION_LOST");
		RowResult wang = rows.get(2);
		assertThat(wang.problems()).extracting(RowProblem::messageKey)
			.containsExactly("import.row.merged", "import.row.cellError");
	}

	@Test
	void noExternalEntities() {
		String strings = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
				+ "<sst xmlns=\"" + MAIN + "\"><si><t>姓名</t></si><si><t>&e;</t></si></sst>";
		String sheet = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
				+ "<c r=\"B1\"><v>1</v></c></row></sheetData></worksheet>";
		assertThatThrownBy(() -> TestFiles.readAll(workbook(sheet, strings), "xxe.xlsx"))
			.isInstanceOf(InvalidInputException.class);
		String doctypeInSheet = "<!DOCTYPE worksheet [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><worksheet><sheetData/></worksheet>";
		assertThatThrownBy(() -> TestFiles.readAll(workbook(doctypeInSheet, "<sst/>"), "xxe.xlsx"))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("import.unreadable"));
	}

	@Test
	void aSheetCutShortFailsAtTheRowWhereItEnds() {
		String strings = "<sst><si><t>姓名</t></si><si><t>身份证号</t></si><si><t>张三</t></si></sst>";
		StringBuilder sheet = new StringBuilder("<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c>"
				+ "<c t=\"s\"><v>1</v></c></row>");
		for (int r = 2; r <= 30; r++) {
			sheet.append("<row r=\"").append(r).append("\"><c t=\"s\"><v>2</v></c><c t=\"inlineStr\"><is><t>")
				.append(ZHANG)
				.append("</t></is></c></row>");
		}
		sheet.append("<row r=\"31\"><c t=\"s\"><v>2</v></c><c t=\"inlineStr\"><is><t>1101");
		try (ImportFile f = TestFiles.open(workbook(sheet.toString(), strings), "cut.xlsx");
				ImportReader r = ImportReader.open(f, Map.of())) {
			for (int row = 2; row <= 30; row++) {
				assertThat(r.next().valid()).as("row %d is whole", row).isTrue();
			}
			assertThatThrownBy(r::hasNext).isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.errors().get(0).code()).isEqualTo("import.unreadableAt");
				assertThat(ex.errors().get(0).args()).containsExactly(31);
			});
		}
	}

}
