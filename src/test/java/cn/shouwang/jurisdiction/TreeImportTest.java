package cn.shouwang.jurisdiction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Importing a tree from real .xlsx files, written here with FastExcel, through the HTTP endpoints. */
@IntegrationTest
class TreeImportTest {

	private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestTree tree;

	@Autowired
	Logins logins;

	@Test
	void importsUnderTitleRowsWithMergedCellsAndAGainIsANoOp() throws Exception {
		String community = "导入社区" + suffix();
		byte[] file = xlsx(List.of(List.of("大峪街道网格划分表"), List.of("填报单位：大峪街道", "", "日期：2026-11-20"),
				List.of("社区", "网格", "楼栋"), List.of(community, "第1网格", "1号楼"), List.of("", "", "2号楼"),
				List.of("", "第2网格", "3号楼")), 3, 0, 5, 0);
		long before = nodeCount();
		this.mvc.perform(this.logins.as("street", multipart("/api/v1/jurisdictions/" + this.tree.street(1) + "/import")
			.file(new MockMultipartFile("file", "网格.xlsx", XLSX, file))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rows").value(3))
			.andExpect(jsonPath("$.created.COMMUNITY").value(1))
			.andExpect(jsonPath("$.created.GRID").value(2))
			.andExpect(jsonPath("$.created.BUILDING").value(3));
		assertThat(nodeCount()).isEqualTo(before + 6);
		assertThat(this.jdbc.sql("""
				select count(*) from jurisdiction_node b join jurisdiction_node g on g.id = b.parent_id
				join jurisdiction_node c on c.id = g.parent_id where c.name = :c and g.name = '第1网格'
				""").param("c", community).query(Long.class).single()).as("2号楼 went under the merged 第1网格").isEqualTo(2);

		this.mvc.perform(this.logins.as("street", multipart("/api/v1/jurisdictions/" + this.tree.street(1) + "/import")
			.file(new MockMultipartFile("file", "网格.xlsx", XLSX, file)))).andExpect(status().isOk());
		assertThat(nodeCount()).as("the same file twice creates nothing new").isEqualTo(before + 6);
	}

	@Test
	void aSheetWithABadRowWritesNothingAndNamesTheRow() throws Exception {
		byte[] file = xlsx(List.of(List.of("网格", "楼栋"), List.of("第9网格", "9号楼"), List.of("", "10号楼"),
				List.of("第10网格", "x".repeat(120))));
		long before = nodeCount();
		this.mvc.perform(this.logins.as("community",
				multipart("/api/v1/jurisdictions/" + this.tree.community(1, 1) + "/import")
					.file(new MockMultipartFile("file", "bad.xlsx", XLSX, file))))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.errors[0].row").value(4))
			.andExpect(jsonPath("$.errors[0].code").value("import.badName"));
		assertThat(nodeCount()).isEqualTo(before);
	}

	@Test
	void aDeeperValueWithoutAnyParentIsRejected() throws Exception {
		byte[] file = xlsx(List.of(List.of("社区", "网格"), List.of("", "孤立网格")));
		this.mvc.perform(this.logins.as("street", multipart("/api/v1/jurisdictions/" + this.tree.street(1) + "/import")
			.file(new MockMultipartFile("file", "orphan.xlsx", XLSX, file))))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.errors[0].code").value("import.missingParent"));
	}

	@Test
	void filesThatAreNotTreeSheetsGetAClearMessage() throws Exception {
		long street = this.tree.street(1);
		expectFileError(street, "notes.xlsx", "这不是Excel".getBytes(), "无法读取");
		expectFileError(street, "empty.xlsx", new byte[0], "文件是空的");
		expectFileError(street, "noheader.xlsx", xlsx(List.of(List.of("姓名", "电话"), List.of("张三", "138"))), "标题行");
		expectFileError(street, "dup.xlsx", xlsx(List.of(List.of("社区", "网格", "网格"))), "重复");
	}

	@Test
	void theImportPageShowsTheRejectedRowsInChinese() throws Exception {
		byte[] file = xlsx(List.of(List.of("社区", "网格"), List.of("", "孤立网格")));
		this.mvc.perform(multipart("/jurisdictions/" + this.tree.street(1) + "/import")
			.file(new MockMultipartFile("file", "orphan.xlsx", XLSX, file))
			.session(this.logins.session("street"))
			.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("未写入任何数据")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("上一级为空")));
	}

	private void expectFileError(long node, String name, byte[] bytes, String message) throws Exception {
		long before = nodeCount();
		this.mvc.perform(this.logins.as("street", multipart("/api/v1/jurisdictions/" + node + "/import")
			.file(new MockMultipartFile("file", name, XLSX, bytes))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(message)));
		assertThat(nodeCount()).isEqualTo(before);
	}

	private long nodeCount() {
		return this.jdbc.sql("select count(*) from jurisdiction_node").query(Long.class).single();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

	/** Writes rows to a real .xlsx; the optional ints merge cells: row1, col1, row2, col2 (0-based). */
	static byte[] xlsx(List<List<String>> rows, int... merge) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook wb = new Workbook(out, "Shouwang", "1.0");
		Worksheet ws = wb.newWorksheet("Sheet1");
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < rows.get(r).size(); c++) {
				if (!rows.get(r).get(c).isEmpty()) {
					ws.value(r, c, rows.get(r).get(c));
				}
			}
		}
		if (merge.length == 4) {
			ws.range(merge[0], merge[1], merge[2], merge[3]).merge();
		}
		wb.finish();
		return out.toByteArray();
	}

}
