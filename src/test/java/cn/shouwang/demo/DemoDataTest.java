package cn.shouwang.demo;

import java.util.List;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DemoDataTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FieldCipher cipher;

	@Test
	void everyDemoRoleHasAUserBoundToASensibleNode() {
		List<String> levels = this.jdbc.sql("""
				select u.username || ':' || n.level from app_user u join jurisdiction_node n on n.id = u.node_id
				where u.username in ('admin','street','community','grid','resident') order by u.username
				""").query(String.class).list();
		assertThat(levels).containsExactly("admin:DISTRICT", "community:COMMUNITY", "grid:GRID", "resident:BUILDING",
				"street:STREET");
		assertThat(this.jdbc.sql("select count(distinct role) from app_user where username in "
				+ "('admin','street','community','grid','medic','police','volunteer','guard','school','resident')")
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	@Test
	void personsHaveValidIdNumbersMatchingTheirBirthDateAndSexAndNoPlainTextIsStored() {
		record Row(byte[] id, byte[] phone, java.sql.Date birth, String sex, String path) {
		}
		List<Row> rows = this.jdbc.sql("select id_number_enc, phone_enc, birth_date, sex, jurisdiction_path from person where id_number_enc is not null and id_type = 'RESIDENT_ID'")
			.query((rs, i) -> new Row(rs.getBytes(1), rs.getBytes(2), rs.getDate(3), rs.getString(4), rs.getString(5)))
			.list();
		assertThat(rows).hasSizeGreaterThan(100);
		for (Row r : rows) {
			String id = this.cipher.decrypt(r.id());
			assertThat(ChineseIdNumber.problem(id)).as(id).isEmpty();
			assertThat(ChineseIdNumber.birthDateOf(id)).contains(r.birth().toLocalDate());
			assertThat(String.valueOf(ChineseIdNumber.sexOf(id))).isEqualTo(r.sex());
			assertThat(r.path()).matches("(/\\d+){4,5}/");
		}
		String someId = this.cipher.decrypt(rows.get(0).id());
		String dump = this.jdbc.sql("""
				select string_agg(t::text, '|') from (
				  select p::text as t from person p union all select h::text from household h
				  union all select a::text from audit_event a) x
				""").query(String.class).single();
		assertThat(dump).doesNotContain(someId).doesNotContain(someId.substring(0, 17));
	}

	@Test
	void theTestTreeHasTwoStreetsSoThereIsAlwaysAForeignJurisdiction() {
		assertThat(this.jdbc.sql("select level || '=' || count(*) from jurisdiction_node where name not like '%社区%' or level <> 'COMMUNITY' group by level order by level")
			.query(String.class)
			.list()).contains("DISTRICT=1");
		assertThat(this.jdbc.sql("select count(*) from jurisdiction_node where level = 'STREET'").query(Long.class).single())
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void scalesAreSplitEvenly() {
		assertThat(DemoDataLoader.share(331, 13, 0) + DemoDataLoader.share(331, 13, 12)).isEqualTo(26 + 25);
		int sum = 0;
		for (int i = 0; i < 13; i++) {
			sum += DemoDataLoader.share(331, 13, i);
		}
		assertThat(sum).isEqualTo(331);
		assertThat(DemoScale.of("district").households()).isEqualTo(500_000);
		assertThat(DemoScale.of("street").grids()).isEqualTo(60);
	}

}
