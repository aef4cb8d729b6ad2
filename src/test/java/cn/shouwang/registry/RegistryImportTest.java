package cn.shouwang.registry;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A register saved by Chinese Excel (GBK CSV with title rows) imported end to end through the API. */
@IntegrationTest
class RegistryImportTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aGbkRegisterIsImportedRejectedRowsComeBackWithReasonsAndAGainRegistersNobodyTwice() throws Exception {
		String a = RegistryTest.idNumber(1961, 'M');
		String b = RegistryTest.idNumber(1963, 'F');
		String c = RegistryTest.idNumber(1988, 'M');
		String csv = "百园社区居民台账\r\n填报日期：2026年11月,,,\r\n"
				+ "姓名,身份证号,联系电话,楼栋,单元,房号,与户主关系,人员类别\r\n"
				+ "张一导入," + a + ",13800000001,1号楼,1,901,户主,常住\r\n"
				+ "李二导入," + b + ",13800000002,1号楼,1,901,配偶,流动\r\n"
				+ "王三导入,1.10101E+17,,1号楼,1,902,户主,常住\r\n"
				+ "赵四导入," + c + ",,99号楼,1,101,户主,常住\r\n";
		byte[] gbk = csv.getBytes(Charset.forName("GBK"));
		long before = this.jdbc.sql("select count(*) from person").query(Long.class).single();

		String job = upload(gbk);
		this.mvc.perform(this.logins.as("community", post("/api/v1/imports/" + job + "/start"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\":\"SKIP\"}")).andExpect(status().isOk());
		awaitDone(job).andExpect(jsonPath("$.inserted").value(2))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.totalRows").value(org.hamcrest.Matchers.greaterThanOrEqualTo(4)));
		assertThat(this.jdbc.sql("select count(*) from person").query(Long.class).single()).isEqualTo(before + 2);
		assertThat(this.jdbc.sql("""
				select count(distinct household_id) from person where name in ('张一导入', '李二导入')
				""").query(Long.class).single()).as("one household: same building, unit and room").isEqualTo(1);
		this.mvc.perform(this.logins.as("community", get("/api/v1/persons?q=" + a)))
			.andExpect(jsonPath("$.items[0].name").value("张一导入"))
			.andExpect(jsonPath("$.items[0].sex").value("M"));
		// each imported person records the job, the chunk is audited once, and the history shows it
		long imported = this.jdbc.sql("select id from person where name = '张一导入'").query(Long.class).single();
		assertThat(this.jdbc.sql("select import_job::text from person where id = :id").param("id", imported)
			.query(String.class).single()).isEqualTo(job);
		assertThat(this.jdbc.sql("select count(*) from audit_event where entity = 'person' and entity_id = :id")
			.param("id", String.valueOf(imported)).query(Long.class).single()).isZero();
		this.mvc.perform(get("/registry/persons/" + imported + "/history").session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("registered")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(job)));

		byte[] errors = this.mvc.perform(this.logins.as("community", get("/api/v1/imports/" + job + "/errors.xlsx")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = read(errors);
		String all = rows.toString();
		assertThat(all).contains("王三导入").contains("科学计数法").contains("赵四导入").contains("99号楼");
		assertThat(all).as("the ID stays text, as the user typed it").contains(c);

		String again = upload(gbk);
		this.mvc.perform(this.logins.as("community", post("/api/v1/imports/" + again + "/start"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"mode\":\"SKIP\"}")).andExpect(status().isOk());
		awaitDone(again).andExpect(jsonPath("$.inserted").value(0)).andExpect(jsonPath("$.skipped").value(2));
		assertThat(this.jdbc.sql("select count(*) from person").query(Long.class).single()).isEqualTo(before + 2);
		this.mvc.perform(this.logins.as("street", get("/api/v1/imports/" + job))).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("medic", get("/api/v1/imports/" + job))).andExpect(status().isForbidden());
		this.mvc.perform(this.logins.as("grid", get("/api/v1/imports/" + job))).andExpect(status().isNotFound());
	}

	@Test
	void eachNewHouseholdIsHeadedByItsHouseholderOrElseItsFirstMember() throws Exception {
		String csv = "姓名,身份证号,联系电话,楼栋,单元,房号,与户主关系,人员类别\r\n"
				+ "户主后到," + RegistryTest.idNumber(1970, 'F') + ",,1号楼,3,1701,配偶,常住\r\n"
				+ "真户主," + RegistryTest.idNumber(1968, 'M') + ",,1号楼,3,1701,户主,常住\r\n"
				+ "无户主甲," + RegistryTest.idNumber(1990, 'M') + ",,1号楼,3,1702,子,常住\r\n"
				+ "无户主乙," + RegistryTest.idNumber(1992, 'F') + ",,1号楼,3,1702,女,常住\r\n";
		String job = this.mvc.perform(this.logins.as("community", multipart("/api/v1/imports")
			.file(new MockMultipartFile("file", "台账.csv", "text/csv", csv.getBytes(Charset.forName("GBK"))))))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString()
			.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1");
		this.mvc.perform(this.logins.as("community", post("/api/v1/imports/" + job + "/start"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mode\":\"SKIP\"}")).andExpect(status().isOk());
		awaitDone(job).andExpect(jsonPath("$.inserted").value(4));
		assertThat(head("户主后到")).isEqualTo("真户主");
		assertThat(head("无户主乙")).as("no 户主: the first member").isEqualTo("无户主甲");
	}

	private String head(String member) {
		return this.jdbc.sql("select h.name from person m join household hh on hh.id = m.household_id"
				+ " join person h on h.id = hh.head_person_id where m.name = :n")
			.param("n", member)
			.query(String.class)
			.single();
	}

	@Test
	void filesThatAreNoRegisterAreRefusedBeforeAnythingStarts() throws Exception {
		refuse(new byte[0], "list.xlsx", "import.empty");
		refuse("%PDF-1.7 not a sheet".getBytes(), "list.xlsx", null);
		refuse("名字,电话\r\n张三,13800000000\r\n".getBytes(Charset.forName("GBK")), "list.csv", null);
	}

	private void refuse(byte[] bytes, String name, String code) throws Exception {
		var r = this.mvc.perform(this.logins.as("community", multipart("/api/v1/imports")
			.file(new MockMultipartFile("file", name, "application/octet-stream", bytes))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").exists());
		if (code != null) {
			r.andExpect(jsonPath("$.errors[0].code").value(code));
		}
	}

	private String upload(byte[] bytes) throws Exception {
		String body = this.mvc.perform(this.logins.as("community", multipart("/api/v1/imports")
			.file(new MockMultipartFile("file", "台账.csv", "text/csv", bytes))))
			.andExpect(status().isCreated())
			.andExpect(content().string(containsString("ID_NUMBER")))
			.andReturn().getResponse().getContentAsString();
		return body.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1");
	}

	private org.springframework.test.web.servlet.ResultActions awaitDone(String job) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			String body = this.mvc.perform(this.logins.as("community", get("/api/v1/imports/" + job)))
				.andReturn().getResponse().getContentAsString();
			if (body.contains("\"status\":\"DONE\"") || body.contains("\"status\":\"FAILED\"")) {
				return this.mvc.perform(this.logins.as("community", get("/api/v1/imports/" + job)))
					.andExpect(jsonPath("$.status").value("DONE"));
			}
			Thread.sleep(100);
		}
		throw new AssertionError("import " + job + " did not finish");
	}

	private static List<List<String>> read(byte[] xlsx) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
			try (var stream = wb.getFirstSheet().openStream()) {
				for (Row r : (Iterable<Row>) stream::iterator) {
					List<String> cells = new ArrayList<>();
					for (int i = 0; i < r.getCellCount(); i++) {
						cells.add(r.getCellText(i));
					}
					rows.add(cells);
				}
			}
		}
		return rows;
	}

}
