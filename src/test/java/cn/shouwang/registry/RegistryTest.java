package cn.shouwang.registry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Households and persons through the API and the pages, as the people who keep the register use them. */
@IntegrationTest
class RegistryTest {

	private static final AtomicInteger SEQ = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void aPersonIsRegisteredOnceWithBirthDateAndSexFromTheIdNumberAndStoredEncrypted() throws Exception {
		long household = householdIn(this.tree.grid(1, 1, 1));
		String id = idNumber(1985, 'F');
		String body = register("grid", household, "{\"name\":\"刘晓燕\",\"idNumber\":\"" + id + "\",\"phone\":\"13912345678\","
				+ "\"relation\":\"配偶\",\"tags\":[\"PREGNANT\"]}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.sex").value("F"))
			.andExpect(jsonPath("$.birthDate").value(ChineseIdNumber.birthDateOf(id).orElseThrow().toString()))
			.andExpect(jsonPath("$.maskedIdNumber").value(id.substring(0, 3) + "***********" + id.substring(14)))
			.andExpect(jsonPath("$.maskedPhone").value("139****5678"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long personId = Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
		String row = this.jdbc.sql("select p::text from person p where id = :id").param("id", personId).query(String.class).single();
		assertThat(row).doesNotContain(id).doesNotContain("13912345678");
		String audit = this.jdbc.sql("select after::text from audit_event where entity = 'person' and entity_id = :id")
			.param("id", String.valueOf(personId))
			.query(String.class)
			.single();
		assertThat(audit).doesNotContain(id).contains("139****5678");

		register("grid", household, "{\"name\":\"刘晓燕\",\"idNumber\":\"" + id + "\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("person.idNumberRegistered"));
		long foreignHousehold = householdIn(this.tree.community(2, 1));
		register("admin", foreignHousehold, "{\"name\":\"刘晓燕\",\"idNumber\":\"" + id + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("person.idNumberRegistered"));
		String other = idNumber(1990, 'M');
		register("admin", foreignHousehold, "{\"name\":\"外街道\",\"idNumber\":\"" + other + "\"}").andExpect(status().isCreated());
		register("grid", household, "{\"name\":\"外街道\",\"idNumber\":\"" + other + "\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("person.idNumberRegisteredElsewhere"))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("人员编号"))));
	}

	@Test
	void everyBadFieldIsNamedAndNothingIsWritten() throws Exception {
		long household = householdIn(this.tree.grid(1, 1, 1));
		long before = count();
		String good = idNumber(1970, 'M');
		String badCheck = good.substring(0, 17) + (good.charAt(17) == '1' ? '2' : '1');
		register("grid", household, "{\"name\":\"\",\"idNumber\":\"" + badCheck + "\",\"phone\":\"12345\",\"sex\":\"F\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("name")))
			.andExpect(jsonPath("$.errors[*].code", hasItem("idnumber.CHECK_DIGIT")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("phone")));
		register("grid", household, "{\"name\":\"张三\",\"idNumber\":\"1.10101E+17\"}")
			.andExpect(jsonPath("$.errors[0].code").value("idnumber.SCIENTIFIC_NOTATION"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("科学计数法")));
		register("grid", household, "{\"name\":\"张三\",\"idNumber\":\"" + good + "\",\"sex\":\"女\"}")
			.andExpect(jsonPath("$.errors[0].code").value("person.sexConflict"));
		register("grid", household, "{\"name\":\"John Smith\",\"idType\":\"PASSPORT\",\"idNumber\":\"E12345678\"}")
			.andExpect(jsonPath("$.errors[*].field", hasItem("birthDate")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("sex")));
		register("grid", household, "{\"name\":\"张三\",\"idType\":\"EMPEROR\"}").andExpect(status().isBadRequest());
		assertThat(count()).isEqualTo(before);
		register("grid", household, "{\"name\":\"John Smith\",\"idType\":\"PASSPORT\",\"idNumber\":\"e 1234567" + SEQ.incrementAndGet()
				+ "\",\"sex\":\"M\",\"birthDate\":\"1980-02-03\",\"residenceType\":\"MIGRANT\"}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.idType").value("PASSPORT"));
	}

	@Test
	void theListFindsByExactIdNumberOrPhoneAndByPartOfANameOrAddress() throws Exception {
		long household = householdIn(this.tree.grid(1, 1, 2));
		String id = idNumber(1940, 'M');
		String phone = "1370000" + String.format("%04d", SEQ.incrementAndGet());
		register("community", household, "{\"name\":\"欧阳寻踪\",\"idNumber\":\"" + id + "\",\"phone\":\"" + phone
				+ "\",\"tags\":[\"ELDERLY_ALONE\"],\"residenceType\":\"TENANT\"}").andExpect(status().isCreated());
		list("community", "q=" + id).andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].name").value("欧阳寻踪"));
		list("community", "q=" + phone).andExpect(jsonPath("$.items[0].name").value("欧阳寻踪"));
		list("community", "q=阳寻").andExpect(jsonPath("$.items[*].name", hasItem("欧阳寻踪")));
		String address = this.jdbc.sql("select address from household where id = :h").param("h", household).query(String.class).single();
		// a whole page: other tests register people at similar addresses, and the order is not by relevance
		list("community", "size=200&q=" + address.substring(address.length() - 6))
			.andExpect(jsonPath("$.items[*].name", hasItem("欧阳寻踪")));
		list("community", "tag=ELDERLY_ALONE&residenceType=TENANT&ageFrom=80")
			.andExpect(jsonPath("$.items[*].name", hasItem("欧阳寻踪")));
		list("community", "tag=ELDERLY_ALONE&ageTo=30").andExpect(jsonPath("$.items[*].name", org.hamcrest.Matchers.not(hasItem("欧阳寻踪"))));
		list("community", "nodeId=" + this.tree.grid(1, 1, 1) + "&q=欧阳寻踪").andExpect(jsonPath("$.total").value(0));
		list("community", "nodeId=" + this.tree.grid(1, 1, 2) + "&q=欧阳寻踪").andExpect(jsonPath("$.total").value(1));
		list("community", "q=" + id.substring(0, 10)).andExpect(jsonPath("$.total").value(0));
		list("community", "nodeId=" + this.tree.street(2)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nodeId"));
		list("community", "ageFrom=-3").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("ageFrom"));
		list("grid", "q=欧阳寻踪").andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void fullValuesOnlyForThoseWhoCallAndEachViewIsLogged() throws Exception {
		long person = personIn(this.tree.grid(1, 1, 1));
		long logged = accessCount(person);
		String full = this.mvc.perform(this.logins.as("grid", get("/api/v1/persons/" + person + "/id-number")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(ChineseIdNumber.isValid(full.replaceAll(".*\"idNumber\":\"([0-9X]+)\".*", "$1"))).isTrue();
		assertThat(accessCount(person)).isEqualTo(logged + 1);
		this.mvc.perform(this.logins.as("street", get("/api/v1/persons/" + person + "/id-number"))).andExpect(status().isForbidden());
		this.mvc.perform(this.logins.as("volunteer", get("/api/v1/persons/" + person))).andExpect(status().isForbidden());
		assertThat(accessCount(person)).isEqualTo(logged + 1);
	}

	@Test
	void aResidentSeesOnlyTheirOwnHousehold() throws Exception {
		long own = this.jdbc.sql("select p.household_id from resident_account r join person p on p.id = r.person_id "
				+ "join app_user u on u.id = r.user_id where u.username = 'resident'").query(Long.class).single();
		long neighbour = this.jdbc.sql("""
				select h.id from household h where h.jurisdiction_path = (select jurisdiction_path from household where id = :own)
				  and h.id <> :own order by id limit 1
				""").param("own", own).query(Long.class).single();
		String body = list("resident", "size=200").andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(body).doesNotContain("\"householdId\":" + neighbour + ",");
		assertThat(body).contains("\"householdId\":" + own + ",");
		this.mvc.perform(this.logins.as("resident", get("/api/v1/households/" + own))).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("resident", get("/api/v1/households/" + neighbour))).andExpect(status().isNotFound());
	}

	@Test
	void movingOutBackAndToAnotherGridIsRecordedAndFollowsTheScope() throws Exception {
		long person = personIn(this.tree.grid(1, 1, 1));
		long target = householdIn(this.tree.grid(1, 1, 2));
		this.mvc.perform(this.logins.as("community", post("/api/v1/persons/" + person + "/move-out"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"note\":\"迁往昌平区\"}")).andExpect(jsonPath("$.status").value("MOVED_OUT"));
		this.mvc.perform(this.logins.as("community", post("/api/v1/persons/" + person + "/move-out")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(this.logins.as("community", post("/api/v1/persons/" + person + "/return")))
			.andExpect(jsonPath("$.status").value("ACTIVE"));
		this.mvc.perform(this.logins.as("community", post("/api/v1/persons/" + person + "/transfer"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"householdId\":" + target + "}")).andExpect(jsonPath("$.householdId").value(target));
		this.mvc.perform(this.logins.as("grid", get("/api/v1/persons/" + person))).andExpect(status().isNotFound());
		this.mvc.perform(this.logins.as("community", get("/api/v1/persons/" + person)))
			.andExpect(jsonPath("$.movements[*].kind", hasItem("MOVE_OUT")))
			.andExpect(jsonPath("$.movements[*].kind", hasItem("RETURN")))
			.andExpect(jsonPath("$.movements[0].kind").value("TRANSFER"));
	}

	@Test
	void editingKeepsTheHiddenValuesWhenLeftBlankAndRefusesAStaleVersion() throws Exception {
		long person = personIn(this.tree.grid(1, 1, 1));
		String before = this.jdbc.sql("select encode(id_number_bidx, 'hex') from person where id = :id").param("id", person)
			.query(String.class).single();
		this.mvc.perform(post("/registry/persons/" + person).session(this.logins.session("grid")).with(csrf())
			.param("name", "改名后").param("idNumber", "").param("phone", "").param("tags", "DISABLED", "CHRONIC_ILLNESS"))
			.andExpect(status().isFound());
		this.mvc.perform(this.logins.as("grid", get("/api/v1/persons/" + person)))
			.andExpect(jsonPath("$.person.name").value("改名后"))
			.andExpect(jsonPath("$.person.tags", hasItem("DISABLED")));
		assertThat(this.jdbc.sql("select encode(id_number_bidx, 'hex') from person where id = :id").param("id", person)
			.query(String.class).single()).isEqualTo(before);
		this.mvc.perform(this.logins.as("grid", patch("/api/v1/persons/" + person)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"再改\",\"version\":0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("validation.staleVersion"));
	}

	@Test
	void pagesShowTheRegisterInChineseAndFormErrorsBesideTheForm() throws Exception {
		long household = householdIn(this.tree.grid(1, 1, 1));
		var session = this.logins.session("grid");
		this.mvc.perform(get("/registry/persons").param("tag", "ELDERLY_ALONE").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("实有人口")));
		this.mvc.perform(get("/registry/persons?status=ACTIVE").session(this.logins.session("community")))
			.andExpect(content().string(containsString("href=\"/registry/persons?status=ACTIVE&amp;page=1\"")));
		this.mvc.perform(get("/registry/households/" + household).session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("登记家庭成员")));
		this.mvc.perform(post("/registry/households/" + household + "/persons").session(session).with(csrf())
			.param("name", "王五").param("idNumber", "1.10101E+17"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("科学计数法")));
		long person = personIn(this.tree.grid(1, 1, 1));
		this.mvc.perform(get("/registry/persons/" + person).session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("查看完整")));
	}

	@Test
	void theHomePageOfThoseWhoVisitCountsTheElderlyLivingAlone() throws Exception {
		long expected = this.jdbc.sql("""
				select count(*) from person where status = 'ACTIVE' and tags @> array['ELDERLY_ALONE']
				  and jurisdiction_path like (select path from jurisdiction_node where id = :g) || '%'
				""").param("g", this.tree.grid(1, 1, 1)).query(Long.class).single();
		this.mvc.perform(get("/").session(this.logins.session("grid")))
			.andExpect(content().string(containsString("需主动关照的独居老人")))
			.andExpect(content().string(containsString("<div class=\"num\">" + expected + "</div>")));
		this.mvc.perform(get("/").session(this.logins.session("street")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("需主动关照的独居老人"))));
	}

	@Test
	void theListExportsMaskedWithItsFiltersForThoseWhoKeepTheRegister() throws Exception {
		MvcResult result = this.mvc.perform(get("/registry/persons/export.xlsx").param("nodeId", String.valueOf(this.tree.grid(1, 1, 1)))
			.session(this.logins.session("community"))).andExpect(status().isOk()).andReturn();
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
		assertThat(rows.get(0)).startsWith("姓名", "证件类型", "证件号码", "联系电话");
		long expected = this.jdbc.sql("select count(*) from person where status = 'ACTIVE' and jurisdiction_path like "
				+ "(select path from jurisdiction_node where id = :g) || '%'").param("g", this.tree.grid(1, 1, 1)).query(Long.class).single();
		assertThat(rows).hasSize((int) expected + 1);
		for (List<String> r : rows.subList(1, rows.size())) {
			assertThat(r.get(2)).contains("*");
		}
		this.mvc.perform(get("/registry/persons/export.xlsx").session(this.logins.session("grid"))).andExpect(status().isForbidden());
	}

	private org.springframework.test.web.servlet.ResultActions register(String user, long household, String json) throws Exception {
		return this.mvc.perform(this.logins.as(user, post("/api/v1/households/" + household + "/persons"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.getBytes(StandardCharsets.UTF_8)));
	}

	private org.springframework.test.web.servlet.ResultActions list(String user, String query) throws Exception {
		return this.mvc.perform(this.logins.as(user, get("/api/v1/persons?" + query)));
	}

	private long householdIn(long node) {
		return this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", node).query(Long.class).single();
	}

	private long personIn(long node) {
		return this.jdbc.sql("""
				select id from person where status = 'ACTIVE' and id_number_enc is not null
				  and jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id desc limit 1
				""").param("n", node).query(Long.class).single();
	}

	private long count() {
		return this.jdbc.sql("select count(*) from person").query(Long.class).single();
	}

	private long accessCount(long person) {
		return this.jdbc.sql("select count(*) from sensitive_access where entity = 'person' and entity_id = :id")
			.param("id", String.valueOf(person)).query(Long.class).single();
	}

	/** A fresh valid ID number (region 110109, a birth date unique to this test run). */
	static String idNumber(int year, char sex) {
		int n = SEQ.incrementAndGet();
		String first17 = "110109" + year + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + (sex == 'M' ? "1" : "2");
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

}
