package cn.shouwang.shared.audit;

import java.util.Map;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AuditTrailTest {

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	AuditTrail audit;

	@Autowired
	JurisdictionService jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	MockMvc mvc;

	@Test
	void anEntryCommitsOrRollsBackWithTheChangeItDescribes() {
		long before = count();
		assertThatThrownBy(() -> this.tx.executeWithoutResult(s -> {
			this.audit.recordAs(1L, "tester", "thing", 1, AuditTrail.Action.CREATE, "/1/", null, Map.of("a", 1));
			throw new IllegalStateException("the change fails");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(count()).isEqualTo(before);
		assertThatThrownBy(() -> this.audit.recordAs(1L, "tester", "thing", 1, AuditTrail.Action.CREATE, "/1/", null,
				Map.of())).as("never outside a transaction").isInstanceOf(IllegalTransactionStateException.class);
	}

	@Test
	void aFailedWriteLeavesNoEntry() {
		Node street = this.jurisdictions.findUnscoped(tree.street(1)).orElseThrow();
		ShouwangPrincipal admin = new ShouwangPrincipal(null, "t", "t", Role.STREET_ADMIN, street.id(), street.path(),
				street.name(), false, false, true, null);
		long before = count();
		assertThatThrownBy(() -> this.jurisdictions.createChild(admin, street.id(), "", null))
			.isInstanceOf(InvalidInputException.class);
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void entriesCannotBeChangedOrDeleted() {
		assertThatThrownBy(() -> this.jdbc.sql("update audit_event set actor_name = 'x'").update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> this.jdbc.sql("delete from audit_event").update()).isInstanceOf(DataAccessException.class);
	}

	@Test
	void secretsIdNumbersAndPhonesAreMaskedBeforeTheyAreStored() {
		Map<String, Object> masked = AuditTrail.mask(Map.of("password", "Secret@123", "idNumber", "11010519491231002X",
				"phone", "13812345678", "name", "张三"));
		assertThat(masked).containsEntry("password", "***")
			.containsEntry("idNumber", "110***********002X")
			.containsEntry("phone", "138****5678")
			.containsEntry("name", "张三");
	}

	@Test
	void theAuditPageAndApiFilterByEntityActorAndDate() throws Exception {
		String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
		this.mvc.perform(this.logins.as("admin", get("/api/v1/audit?entity=app_user&actor=system&from=" + today)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].entity").value("app_user"))
			.andExpect(jsonPath("$.items[0].actorName").value("system"));
		this.mvc.perform(this.logins.as("admin", get("/api/v1/audit?from=2000-01-01&to=2000-01-02")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(this.logins.as("admin", get("/api/v1/audit?from=yesterday")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(get("/audit").param("entity", "app_user").session(this.logins.session("admin")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("操作日志")));
		this.mvc.perform(this.logins.as("grid", get("/api/v1/audit"))).andExpect(status().isForbidden());
	}

	private long count() {
		return this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
	}

}
