package cn.shouwang.reporting;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The command dashboard: past days summed from the stored daily figures, drill-down, limits named. */
@IntegrationTest
class DashboardTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	ReportingClock clock;

	@AfterEach
	void realTime() {
		this.clock.fixAt(null);
	}

	@Test
	void pastDaysAreTheSumsOfTheStoredReportsAndTheStreetDrillsDownToItsCommunities() throws Exception {
		LocalDate day = LocalDate.of(2025, 11, 10);
		stored(this.tree.community(1, 1), day, 5);
		stored(this.tree.community(1, 2), day, 7);
		stored(this.tree.community(2, 1), day, 100);
		this.clock.fixAt(day.plusDays(2).atTime(LocalTime.NOON).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
		String body = call("street", "/api/v1/reports/dashboard?days=3").andExpect(status().isOk())
			.andExpect(jsonPath("$.dashboard.days.length()").value(3))
			.andExpect(jsonPath("$.dashboard.days[0]").value(day.toString()))
			.andExpect(jsonPath("$.dashboard.children.length()").value(2))
			.andExpect(jsonPath("$.labels['keyperson.open']").value("在管重点人员"))
			.andReturn().getResponse().getContentAsString();
		List<Integer> open = JsonPath.read(body, "$.dashboard.series['keyperson.open']");
		assertThat(open.get(0)).isEqualTo(12);
		assertThat(open.get(1)).isZero();
		List<Integer> passages = JsonPath.read(body, "$.dashboard.series['checkpoint.passages']");
		assertThat(passages.get(0)).isEqualTo(24);
		call("admin", "/api/v1/reports/" + this.tree.district() + "/dashboard?days=3")
			.andExpect(jsonPath("$.dashboard.series['keyperson.open'][0]").value(112));
		// a grid is computed day by day: at most 14 days; bad periods are named
		call("grid", "/api/v1/reports/dashboard?days=30").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("days"));
		call("grid", "/api/v1/reports/dashboard?days=7").andExpect(status().isOk())
			.andExpect(jsonPath("$.dashboard.level").value("GRID"));
		call("street", "/api/v1/reports/dashboard?days=abc").andExpect(jsonPath("$.errors[0].field").value("days"));
		// the page serves ECharts from the application itself
		this.mvc.perform(get("/reports/dashboard").session(this.logins.session("street")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/js/vendor/echarts-5.6.0.min.js")));
		this.mvc.perform(get("/js/vendor/echarts-5.6.0.min.js")).andExpect(status().isOk());
	}

	private void stored(long node, LocalDate day, long open) {
		this.jdbc.sql("""
				insert into daily_report(node_id, jurisdiction_path, day, status, figures, deadline, first_submitted_at, on_time,
				  submitted_at, submitted_by)
				select id, path, :d, 'SUBMITTED', cast(:f as jsonb), now(), now(), true, now(), 'test' from jurisdiction_node where id = :n
				""").param("d", day).param("n", node)
			.param("f", "{\"keyperson.open\":" + open + ",\"checkpoint.passages\":" + (2 * open) + "}")
			.update();
	}

	private ResultActions call(String user, String uri) throws Exception {
		return this.mvc.perform(this.logins.as(user, get(uri)));
	}

}
