package cn.shouwang.shared;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** Lists export to real .xlsx files with the list's filters and the caller's scope applied. */
@IntegrationTest
class ExportTest {

	@Autowired
	Logins logins;

	@Autowired
	MockMvc mvc;

	@Test
	void theUserListExportsWithItsFiltersInsideTheCallersJurisdiction() throws Exception {
		List<List<String>> rows = read(this.mvc.perform(get("/users/export.xlsx").session(this.logins.session("street")))
			.andReturn());
		assertThat(rows.get(0)).containsExactly("用户名", "姓名", "角色", "所属辖区", "状态");
		List<String> usernames = rows.stream().skip(1).map(r -> r.get(0)).toList();
		assertThat(usernames).contains("street", "community", "grid").doesNotContain("admin");

		List<List<String>> grids = read(this.mvc
			.perform(get("/users/export.xlsx").param("role", "GRID_WORKER").session(this.logins.session("street")))
			.andReturn());
		assertThat(grids).hasSizeGreaterThan(1);
		assertThat(grids.stream().skip(1).map(r -> r.get(2))).containsOnly("网格员");
	}

	@Test
	void theAuditLogExportsForAdministratorsOnly() throws Exception {
		MvcResult result = this.mvc.perform(get("/audit/export.xlsx").param("entity", "app_user")
			.session(this.logins.session("admin"))).andReturn();
		assertThat(result.getResponse().getHeader("Content-Disposition")).contains("attachment").contains(".xlsx");
		List<List<String>> rows = read(result);
		assertThat(rows.get(0).get(0)).isEqualTo("时间");
		assertThat(rows.stream().skip(1).map(r -> r.get(2))).isNotEmpty().containsOnly("用户");
		assertThat(this.mvc.perform(get("/audit/export.xlsx").session(this.logins.session("grid"))).andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	private static List<List<String>> read(MvcResult result) throws Exception {
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
			try (var stream = wb.getFirstSheet().openStream()) {
				for (Row r : (Iterable<Row>) stream::iterator) {
					List<String> cells = new ArrayList<>();
					for (int c = 0; c < r.getCellCount(); c++) {
						cells.add(r.getCellText(c));
					}
					rows.add(cells);
				}
			}
		}
		return rows;
	}

}
