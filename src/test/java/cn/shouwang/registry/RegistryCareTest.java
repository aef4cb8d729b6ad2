package cn.shouwang.registry;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Duplicates are found and merged without losing history; retention anonymises what it previewed. */
@IntegrationTest
class RegistryCareTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void sameNameBirthAndPhoneIsFoundAndMergedKeepingMovementsAndLinks() throws Exception {
		long h1 = household(this.tree.grid(1, 1, 1), 0);
		long h2 = household(this.tree.grid(1, 1, 2), 0);
		String phone = "1360000" + String.format("%04d", (int) (System.nanoTime() % 10000));
		long a = create(h1, "{\"name\":\"赵重复\",\"idType\":\"PASSPORT\",\"idNumber\":\"G" + (10000000 + (int) (System.nanoTime() % 9000000))
				+ "\",\"sex\":\"M\",\"birthDate\":\"1966-06-06\",\"phone\":\"" + phone + "\"}");
		String first17 = "1101091966060601" + (System.nanoTime() % 5 * 2 + 1);
		long b = create(h2, "{\"name\":\"赵重复\",\"idNumber\":\"" + first17
				+ cn.shouwang.shared.ChineseIdNumber.checkCharacter(first17) + "\",\"phone\":\"" + phone
				+ "\",\"tags\":[\"CHRONIC_ILLNESS\"]}");
		this.mvc.perform(this.logins.as("community", get("/api/v1/persons/duplicates")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("\"id\":" + a + ",")))
			.andExpect(content().string(containsString("\"id\":" + b + ",")))
			.andExpect(content().string(containsString("duplicate.sameNameBirthPhone")));
		this.mvc.perform(this.logins.as("community", post("/api/v1/persons/" + a + "/merge"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"mergedId\":" + b + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tags[0]").value("CHRONIC_ILLNESS"));
		assertThat(this.jdbc.sql("select status || ':' || merged_into from person where id = :b").param("b", b)
			.query(String.class).single()).isEqualTo("MERGED:" + a);
		assertThat(this.jdbc.sql("select count(*) from person_movement where person_id = :a").param("a", a)
			.query(Long.class).single()).as("both registrations and the merge").isGreaterThanOrEqualTo(3);
		this.mvc.perform(this.logins.as("community", get("/api/v1/persons/" + b))).andExpect(status().isNotFound());
		this.mvc.perform(this.logins.as("community", post("/api/v1/persons/" + a + "/merge"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"mergedId\":" + a + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("duplicate.samePerson"));
		this.mvc.perform(this.logins.as("grid", get("/api/v1/persons/duplicates"))).andExpect(status().isForbidden());
	}

	@Test
	void anonymisationRemovesNamesNumbersAndPhonesOfWhatThePreviewCountedAndKeepsTheCounts() throws Exception {
		long person = this.jdbc.sql("""
				select id from person where status = 'ACTIVE' and id_number_enc is not null and jurisdiction_path like
				(select path from jurisdiction_node where id = :g) || '%' order by id limit 1
				""").param("g", this.tree.grid(1, 2, 2)).query(Long.class).single();
		String name = this.jdbc.sql("select name from person where id = :id").param("id", person).query(String.class).single();
		this.mvc.perform(this.logins.as("admin", post("/api/v1/persons/" + person + "/move-out"))).andExpect(status().isOk());
		this.jdbc.sql("update person set moved_out_at = now() - interval '400 days' where id = :id").param("id", person).update();
		long total = this.jdbc.sql("select count(*) from person").query(Long.class).single();

		String preview = this.mvc.perform(this.logins.as("street", get("/api/v1/retention/preview?days=365")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		long count = Long.parseLong(preview.replaceAll("\\D", ""));
		assertThat(count).isGreaterThanOrEqualTo(1);
		this.mvc.perform(this.logins.as("street", post("/api/v1/retention/anonymise")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"days\":365,\"expected\":" + (count + 5) + "}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].code").value("retention.countChanged"));
		this.mvc.perform(this.logins.as("street", post("/api/v1/retention/anonymise")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"days\":365,\"expected\":" + count + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.anonymised").value(count));

		String row = this.jdbc.sql("select p::text from person p where id = :id").param("id", person).query(String.class).single();
		assertThat(row).contains("已匿名").contains("ANONYMISED").doesNotContain(name);
		assertThat(this.jdbc.sql("select id_number_enc is null and phone_enc is null and id_number_bidx is null from person where id = :id")
			.param("id", person).query(Boolean.class).single()).isTrue();
		String audit = this.jdbc.sql("select coalesce(string_agg(coalesce(before::text,'') || after::text, '|'), '') from audit_event "
				+ "where entity = 'person' and entity_id = :id").param("id", String.valueOf(person)).query(String.class).single();
		assertThat(audit).doesNotContain(name);
		assertThat(this.jdbc.sql("select count(*) from person").query(Long.class).single()).isEqualTo(total);
		this.mvc.perform(this.logins.as("community", get("/api/v1/retention/preview?days=365"))).andExpect(status().isForbidden());
		this.mvc.perform(this.logins.as("street", get("/api/v1/retention/preview?days=3"))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/registry/retention").param("days", "365").session(this.logins.session("street")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("将匿名化")));
		this.mvc.perform(post("/registry/retention").param("days", "365").param("expected", "0")
			.session(this.logins.session("street")).with(csrf()))
			.andExpect(content().string(containsString("请先预览并勾选确认")));
	}

	private long household(long node, int index) {
		return this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id offset :i limit 1
				""").param("n", node).param("i", index).query(Long.class).single();
	}

	private long create(long household, String json) throws Exception {
		var r = this.mvc.perform(this.logins.as("community", post("/api/v1/households/" + household + "/persons"))
			.contentType(MediaType.APPLICATION_JSON).content(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).andReturn();
		if (r.getResponse().getStatus() != 201) {
			throw new AssertionError(r.getResponse().getContentAsString());
		}
		return Long.parseLong(r.getResponse().getContentAsString().replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
