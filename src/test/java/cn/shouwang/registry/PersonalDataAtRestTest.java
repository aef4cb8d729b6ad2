package cn.shouwang.registry;

import java.io.StringWriter;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A stolen dump reveals no ID numbers or phones: every table of the database is dumped with COPY
 * and searched for the plain values of real records, and so is the log of the run.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataAtRestTest {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FieldCipher cipher;

	@Autowired
	MockMvc mvc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Test
	void noTableAndNoLogLineHoldsAPlainIdNumberOrPhone(CapturedOutput output) throws Exception {
		String id = RegistryTest.idNumber(1977, 'M');
		long household = this.jdbc.sql("select id from household where jurisdiction_path like "
				+ "(select path from jurisdiction_node where id = :g) || '%' order by id limit 1")
			.param("g", this.tree.grid(1, 1, 1)).query(Long.class).single();
		String body = this.mvc.perform(this.logins.as("grid", post("/api/v1/households/" + household + "/persons"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(("{\"name\":\"明文检查\",\"idNumber\":\"" + id + "\",\"phone\":\"13512349876\"}")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.andReturn().getResponse().getContentAsString();
		assertThat(body).startsWith("{\"id\":");
		long person = Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
		this.mvc.perform(this.logins.as("grid", get("/api/v1/persons/" + person + "/id-number"))).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("grid", get("/api/v1/persons?q=" + id))).andExpect(status().isOk());

		// an assistance list keeps its rows (ID numbers and phones of people nobody registered) encrypted
		String listed = RegistryTest.idNumber(1966, 'F');
		String listBody = this.mvc.perform(this.logins.as("community", org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/api/v1/assistance-lists")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "协查.csv", "text/csv",
					("姓名,身份证号,联系电话\r\n明文协查," + listed + ",13687654321\r\n明文检查," + id + ",\r\n")
						.getBytes(java.nio.charset.Charset.forName("GBK"))))
			.param("name", "明文协查名单")
			.param("deadline", java.time.LocalDate.now().plusDays(5).toString())))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String list = listBody.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1");
		this.mvc.perform(this.logins.as("community", post("/api/v1/assistance-lists/" + list + "/run"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk());
		this.mvc.perform(this.logins.as("community", get("/api/v1/assistance-lists/" + list + "/report.xlsx")))
			.andExpect(status().isOk());

		List<String> secrets = new ArrayList<>(List.of(id, "13512349876", listed, "13687654321"));
		this.jdbc.sql("select id_number_enc, phone_enc from person where id_number_enc is not null and phone_enc is not null limit 50")
			.query((rs, i) -> {
				secrets.add(this.cipher.decrypt(rs.getBytes(1)));
				secrets.add(this.cipher.decrypt(rs.getBytes(2)));
				return null;
			})
			.list();

		String dump = dumpEveryTable();
		assertThat(dump).contains("明文检查").contains("明文协查");
		for (String secret : secrets) {
			assertThat(dump).as("the database dump").doesNotContain(secret);
			assertThat(output.getAll()).as("the log").doesNotContain(secret);
		}
	}

	private String dumpEveryTable() throws Exception {
		// ordinary tables and partitions (a partitioned table's rows are read through its partitions)
		List<String> tables = this.jdbc.sql("""
				select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
				where n.nspname = 'public' and c.relkind = 'r' order by 1
				""")
			.query(String.class)
			.list();
		assertThat(tables).contains("person", "household", "audit_event", "sensitive_access", "person_movement");
		StringWriter all = new StringWriter();
		try (Connection c = this.dataSource.getConnection()) {
			for (String table : tables) {
				c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy public." + table + " to stdout", all);
			}
		}
		return all.toString();
	}

}
