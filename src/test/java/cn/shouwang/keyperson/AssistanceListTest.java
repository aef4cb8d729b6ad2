package cn.shouwang.keyperson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Assistance lists end to end through the API, with real files: a GBK CSV and an .xlsx with title
 * rows, rows matched by ID number, phone, and name and address (a candidate confirmed), rows
 * handed back, invalid ID numbers, the report in the list's own layout, and bad input refused.
 */
@IntegrationTest
class AssistanceListTest {

	private static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	/** A valid resident ID number no other test uses (its own region code). */
	static String idNumber(int year) {
		int n = SEQ.incrementAndGet();
		String first17 = "320102" + year + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%03d", n % 1000);
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

	static String tomorrow() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7).toString();
	}

	@Test
	void aGbkListIsMatchedByIdPhoneAndNameAddressAndTheRestIsHandedBackWithReasons() throws Exception {
		long[] home = household(this.tree.community(1, 1), 0);
		long[] otherHome = household(this.tree.community(1, 1), 1);
		String address = address(home[0]);
		String byId = idNumber(1971);
		String byPhoneId = idNumber(1972);
		String candidateId = idNumber(1973);
		long a = register("community", home[0], "协查甲", byId, "19900001001");
		long b = register("community", home[0], "协查乙", byPhoneId, "19900001002");
		long c = register("community", home[0], "协查丙", candidateId, null);
		long g1 = register("community", otherHome[0], "协查庚一", idNumber(1980), "19900001007");
		long g2 = register("community", otherHome[0], "协查庚二", idNumber(1981), "19900001007");
		String elsewhere = idNumber(1974);
		long foreignHousehold = household(this.tree.community(2, 1), 0)[0];
		register("admin", foreignHousehold, "协查外", elsewhere, null);
		String unknown = idNumber(1975);
		String badCheck = unknown.substring(0, 17) + (unknown.charAt(17) == '1' ? '2' : '1');

		String csv = "关于协查有关人员的通知（第3批）\r\n序号,姓名,身份证号,联系电话,现住址,备注\r\n"
				+ "1,协查甲," + byId + ",,,重点\r\n"
				+ "2,协查乙,,19900001002,,\r\n"
				+ "3,协查丙,,,北京市门头沟区" + address + ",\r\n"
				+ "4,协查丁," + unknown + ",,,\r\n"
				+ "5,协查戊," + badCheck + ",,,\r\n"
				+ "6,协查外," + elsewhere + ",,,\r\n"
				+ "7,协查庚,,19900001007,,\r\n";
		String list = upload("community", csv.getBytes(Charset.forName("GBK")), "协查名单.csv", "第3批协查");

		this.mvc.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list + "/mapping")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.columns[1].field").value("NAME"))
			.andExpect(jsonPath("$.columns[2].field").value("ID_NUMBER"))
			.andExpect(jsonPath("$.columns[3].field").value("PHONE"))
			.andExpect(jsonPath("$.columns[4].field").value("ADDRESS"))
			.andExpect(jsonPath("$.columns[5].field").doesNotExist())
			.andExpect(jsonPath("$.sample[0].maskedIdNumber").value(byId.substring(0, 3) + "***********" + byId.substring(14)));

		run("community", list).andExpect(status().isOk())
			.andExpect(jsonPath("$.counts.rows").value(7))
			.andExpect(jsonPath("$.counts.matched").value(2))
			.andExpect(jsonPath("$.counts.candidates").value(2))
			.andExpect(jsonPath("$.counts.unmatched").value(2))
			.andExpect(jsonPath("$.counts.invalid").value(1));

		assertThat(keyPersons(a)).as("matched by ID number").hasSize(1);
		assertThat(keyPersons(b)).as("matched by phone").hasSize(1);
		assertThat(keyPersons(c)).as("a candidate waits for a person's word").isEmpty();
		Map<String, Object> kp = this.jdbc.sql("""
				select category, source, deadline::text, assistance_list_id::text, grid_id, status from key_person where person_id = :p
				""").param("p", a).query().singleRow();
		assertThat(kp).containsEntry("category", "ASSISTANCE_LIST")
			.containsEntry("source", "ASSISTANCE_LIST")
			.containsEntry("deadline", tomorrow())
			.containsEntry("assistance_list_id", list)
			.containsEntry("grid_id", home[1])
			.containsEntry("status", "NEW");

		String rows = this.mvc
			.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list + "/rows?status=CANDIDATE")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].rowNo").value(5))
			.andExpect(jsonPath("$.items[0].method").value("NAME_ADDRESS"))
			.andExpect(jsonPath("$.items[0].candidates[0].personId").value(c))
			.andExpect(jsonPath("$.items[1].method").value("PHONE"))
			.andExpect(jsonPath("$.items[1].candidates.length()").value(2))
			.andReturn().getResponse().getContentAsString();
		assertThat(rows).doesNotContain(byId).doesNotContain("19900001007");
		double score = this.jdbc.sql("select score from assistance_list_candidate where person_id = :p")
			.param("p", c).query(Double.class).single();
		assertThat(score).as("the register's address inside the list's longer one").isGreaterThan(0.8);

		confirm("community", list, 5, c).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("MATCHED"))
			.andExpect(jsonPath("$.keyPersonStatus").value("NEW"));
		assertThat(keyPersons(c)).as("confirmed candidate").hasSize(1);
		this.mvc.perform(this.logins.as("community", post("/api/v1/assistance-lists/" + list + "/rows/9/reject")))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REJECTED"));
		this.mvc.perform(this.logins.as("community", post("/api/v1/assistance-lists/" + list + "/rows/3/reject")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("assistanceList.notToReject"));
		assertThat(keyPersons(g1)).isEmpty();
		assertThat(keyPersons(g2)).isEmpty();

		// a grid worker checks one of them: the list counts it done and the report says how
		long kpA = keyPersons(a).get(0);
		this.jdbc.sql("update key_person set status = 'VERIFIED' where id = :id").param("id", kpA).update();
		this.jdbc.sql("""
				insert into key_person_status_change(key_person_id, from_status, to_status, note, actor_name)
				values (:id, 'NEW', 'VERIFIED', '电话核实，在家', 'grid')
				""").param("id", kpA).update();
		this.mvc.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list)))
			.andExpect(jsonPath("$.counts.matched").value(3))
			.andExpect(jsonPath("$.counts.candidates").value(0))
			.andExpect(jsonPath("$.counts.unmatched").value(3))
			.andExpect(jsonPath("$.counts.done").value(1))
			.andExpect(jsonPath("$.counts.overdue").value(0));

		List<List<String>> report = xlsx(this.mvc
			.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list + "/report.xlsx")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
		assertThat(report.get(0)).containsExactly("序号", "姓名", "身份证号", "联系电话", "现住址", "备注", "匹配结果", "匹配方式",
				"匹配度", "所属网格", "核查状态", "核查结果", "完成时间");
		assertThat(report).hasSize(8);
		String gridName = this.jdbc.sql("select name from jurisdiction_node where id = :id").param("id", home[1])
			.query(String.class).single();
		assertThat(report.get(1).subList(0, 12)).containsExactly("1", "协查甲", byId, "", "", "重点", "已匹配", "身份证号",
				"100%", gridName, "已核实", "电话核实，在家");
		assertThat(report.get(1).get(12)).as("completion time").isNotBlank();
		assertThat(report.get(3).subList(6, 8)).containsExactly("已匹配", "姓名+住址");
		assertThat(report.get(4).subList(6, 12)).containsExactly("未匹配", "", "", "", "", "本辖区查无此人");

		List<List<String>> back = xlsx(this.mvc
			.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list + "/unmatched.xlsx")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
		assertThat(back.get(0)).containsExactly("序号", "姓名", "身份证号", "联系电话", "现住址", "备注", "原因");
		assertThat(back).extracting(r -> r.get(1)).containsExactly("姓名", "协查丁", "协查戊", "协查外", "协查庚");
		assertThat(back.get(1)).containsExactly("4", "协查丁", unknown, "", "", "", "本辖区查无此人");
		assertThat(back.get(2).get(6)).isEqualTo("身份证号校验位不正确，请核对");
		assertThat(back.get(3).get(6)).isEqualTo("此人登记在其他辖区");
		assertThat(back.get(4).get(6)).isEqualTo("候选人员经核对都不是此人");

		// the same list sent again (a later batch repeating names) adds to the open key persons
		String again = upload("community", csv.getBytes(Charset.forName("GBK")), "协查名单.csv", "第4批协查");
		run("community", again).andExpect(status().isOk()).andExpect(jsonPath("$.counts.matched").value(2));
		assertThat(keyPersons(a)).containsExactly(kpA);
		assertThat(keyPersons(b)).hasSize(1);
		// and running a list again leaves matched rows alone
		run("community", list).andExpect(status().isOk()).andExpect(jsonPath("$.counts.matched").value(3));
		assertThat(keyPersons(c)).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from key_person where person_id in (:a, :b, :c)")
			.param("a", a).param("b", b).param("c", c).query(Long.class).single()).isEqualTo(3);

		// scope: another jurisdiction's worker cannot tell the list exists; a role without lists may not use them
		this.mvc.perform(this.logins.as("grid", get("/api/v1/assistance-lists/" + list))).andExpect(status().isNotFound());
		this.mvc.perform(this.logins.as("medic", get("/api/v1/assistance-lists/" + list))).andExpect(status().isForbidden());
		this.mvc.perform(this.logins.as("street", get("/api/v1/assistance-lists/" + list))).andExpect(status().isOk());
	}

	@Test
	void anXlsxWithTitleRowsIsReadBelowThemAndTheMappingCanBeCorrected() throws Exception {
		long[] home = household(this.tree.community(1, 1), 2);
		String id = idNumber(1990);
		long person = register("street", home[0], "协查辛", id, "19900002001");
		byte[] xlsx = workbook(ws -> {
			ws.value(0, 0, "门头沟区疫情防控指挥部");
			ws.range(0, 0, 0, 4).merge();
			ws.value(1, 0, "协查人员名单（截至11月30日）");
			ws.value(3, 0, "编号");
			ws.value(3, 1, "人员");
			ws.value(3, 2, "证件号码");
			ws.value(3, 3, "手机");
			ws.value(3, 4, "来源地");
			ws.value(4, 0, "A-1");
			ws.value(4, 1, "协查辛");
			ws.value(4, 2, id);
			ws.value(4, 3, "19900002001");
			ws.value(4, 4, "某市某区");
		});
		String body = this.mvc.perform(this.logins.as("street", multipart("/api/v1/assistance-lists")
			.file(new MockMultipartFile("file", "名单.xlsx", "application/octet-stream", xlsx))
			.param("name", "表格名单").param("deadline", tomorrow())))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.list.headerRow").value(4))
			.andExpect(jsonPath("$.columns[2].field").value("ID_NUMBER"))
			.andExpect(jsonPath("$.columns[3].field").value("PHONE"))
			.andExpect(jsonPath("$.columns[1].field").doesNotExist())
			.andReturn().getResponse().getContentAsString();
		String list = body.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1");

		// 人员 is the name column: the user says so, and takes the phone out of the matching
		this.mvc.perform(this.logins.as("street", post("/api/v1/assistance-lists/" + list + "/run"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mapping\":{\"NAME\":1,\"PHONE\":-1}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.counts.matched").value(1));
		this.mvc.perform(this.logins.as("street", get("/api/v1/assistance-lists/" + list + "/rows")))
			.andExpect(jsonPath("$.items[0].name").value("协查辛"))
			.andExpect(jsonPath("$.items[0].maskedPhone").doesNotExist())
			.andExpect(jsonPath("$.items[0].method").value("ID_NUMBER"))
			.andExpect(jsonPath("$.items[0].personId").value(person));
		List<List<String>> report = xlsx(this.mvc
			.perform(this.logins.as("street", get("/api/v1/assistance-lists/" + list + "/report.xlsx")))
			.andReturn().getResponse().getContentAsByteArray());
		assertThat(report.get(0).subList(0, 6)).containsExactly("编号", "人员", "证件号码", "手机", "来源地", "匹配结果");
		assertThat(report.get(1).subList(0, 6)).containsExactly("A-1", "协查辛", id, "19900002001", "某市某区", "已匹配");
	}

	@Test
	void badInputIsRefusedNamingTheProblemAndNothingIsStored() throws Exception {
		long before = lists();
		byte[] good = ("姓名,身份证号\r\n张三," + idNumber(1960) + "\r\n").getBytes(StandardCharsets.UTF_8);
		refuse(new byte[0], "a.csv", "协查", tomorrow(), "file", "import.empty");
		refuse("%PDF-1.7 not a sheet".getBytes(), "a.xlsx", "协查", tomorrow(), "file", "import.unsupportedType");
		refuse("序号,籍贯,备注\r\n1,北京,无\r\n".getBytes(Charset.forName("GBK")), "a.csv", "协查", tomorrow(), "file",
				"import.noListHeader");
		refuse("姓名,身份证号\r\n".getBytes(StandardCharsets.UTF_8), "a.csv", "协查", tomorrow(), "file",
				"assistanceList.noRows");
		refuse(good, "a.csv", "协查", LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString(), "deadline",
				"assistanceList.deadlinePast");
		refuse(good, "a.csv", "协查", "下周五", "deadline", "validation.date");
		refuse(good, "a.csv", "", tomorrow(), "name", "validation.required");
		refuse(new byte[(int) (50L * 1024 * 1024) + 1], "big.xlsx", "协查", tomorrow(), "file", "import.tooLarge");
		this.mvc.perform(this.logins.as("community", multipart("/api/v1/assistance-lists")
			.file(new MockMultipartFile("file", "a.csv", "text/csv", good))
			.param("name", "越界").param("deadline", tomorrow())
			.param("nodeId", String.valueOf(this.tree.community(2, 1)))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nodeId"));
		this.mvc.perform(this.logins.as("grid", multipart("/api/v1/assistance-lists")
			.file(new MockMultipartFile("file", "a.csv", "text/csv", good))
			.param("name", "网格员").param("deadline", tomorrow()))).andExpect(status().isForbidden());
		assertThat(lists()).isEqualTo(before);

		String list = upload("community", good, "a.csv", "列对应");
		this.mvc.perform(this.logins.as("community", post("/api/v1/assistance-lists/" + list + "/run"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mapping\":{\"NAME\":-1,\"ID_NUMBER\":-1}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("import.missingAnyColumn"));
		this.mvc.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list)))
			.andExpect(jsonPath("$.status").value("MAPPING"))
			.andExpect(jsonPath("$.counts.pending").value(1));
	}

	private void refuse(byte[] bytes, String fileName, String name, String deadline, String field, String code)
			throws Exception {
		this.mvc.perform(this.logins.as("community", multipart("/api/v1/assistance-lists")
			.file(new MockMultipartFile("file", fileName, "application/octet-stream", bytes))
			.param("name", name).param("deadline", deadline)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].code").value(code));
	}

	private long lists() {
		return this.jdbc.sql("select count(*) from assistance_list").query(Long.class).single()
				+ this.jdbc.sql("select count(*) from assistance_list_row").query(Long.class).single();
	}

	String upload(String user, byte[] bytes, String fileName, String name) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/assistance-lists")
			.file(new MockMultipartFile("file", fileName, "text/csv", bytes));
		request.param("name", name).param("issuedBy", "区疫情防控指挥部").param("deadline", tomorrow());
		String body = this.mvc.perform(this.logins.as(user, request))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.list.status").value("MAPPING"))
			.andReturn().getResponse().getContentAsString();
		return body.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1");
	}

	ResultActions run(String user, String list) throws Exception {
		return this.mvc.perform(this.logins.as(user, post("/api/v1/assistance-lists/" + list + "/run"))
			.contentType(MediaType.APPLICATION_JSON).content("{}"));
	}

	ResultActions confirm(String user, String list, int row, long person) throws Exception {
		return this.mvc.perform(this.logins.as(user, post("/api/v1/assistance-lists/" + list + "/rows/" + row + "/confirm"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"personId\":" + person + "}"));
	}

	List<Long> keyPersons(long person) {
		return this.jdbc.sql("select id from key_person where person_id = :p and category = 'ASSISTANCE_LIST'")
			.param("p", person).query(Long.class).list();
	}

	/** The n-th household under a node: its id and grid. */
	long[] household(long node, int n) {
		return this.jdbc.sql("""
				select h.id, h.grid_id from household h join jurisdiction_node j on j.id = :node
				where h.jurisdiction_path >= j.path and h.jurisdiction_path < left(j.path, -1) || '0'
				order by h.id offset :n limit 1
				""").param("node", node).param("n", n).query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
	}

	String address(long household) {
		return this.jdbc.sql("select address from household where id = :id").param("id", household).query(String.class).single();
	}

	long register(String user, long household, String name, String idNumber, String phone) throws Exception {
		String body = this.mvc.perform(this.logins.as(user, post("/api/v1/households/" + household + "/persons"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(("{\"name\":\"" + name + "\",\"idNumber\":\"" + idNumber + "\""
					+ (phone == null ? "" : ",\"phone\":\"" + phone + "\"") + "}").getBytes(StandardCharsets.UTF_8)))
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

	static byte[] workbook(java.util.function.Consumer<Worksheet> sheet) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook wb = new Workbook(out, "test", "1.0");
		sheet.accept(wb.newWorksheet("名单"));
		wb.finish();
		return out.toByteArray();
	}

	static List<List<String>> xlsx(byte[] bytes) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes));
				var stream = wb.getFirstSheet().openStream()) {
			for (Row r : (Iterable<Row>) stream::iterator) {
				List<String> cells = new ArrayList<>();
				for (int i = 0; i < r.getCellCount(); i++) {
					String t = r.getCellText(i);
					cells.add(t == null ? "" : t);
				}
				rows.add(cells);
			}
		}
		return rows;
	}

}
