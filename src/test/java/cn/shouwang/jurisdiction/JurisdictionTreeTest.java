package cn.shouwang.jurisdiction;

import java.util.UUID;

import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of the tree: levels, names, moves that carry everything below them, retiring. */
@IntegrationTest
class JurisdictionTreeTest {

	@Autowired
	JurisdictionService service;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestTree tree;

	private ShouwangPrincipal district;

	private ShouwangPrincipal street;

	@BeforeEach
	void setUp() {
		this.district = principal(Role.DISTRICT_ADMIN, this.tree.district());
		this.street = principal(Role.STREET_ADMIN, this.tree.street(1));
	}

	@Test
	void aChildIsOneLevelBelowItsParentAndItsPathExtendsTheParents() {
		Node community = this.service.createChild(this.street, this.tree.street(1), unique("新社区"), "C-1");
		Node street = this.service.get(this.street, this.tree.street(1));
		assertThat(community.level()).isEqualTo(Level.COMMUNITY);
		assertThat(community.path()).isEqualTo(street.path() + community.id() + "/");
		assertThat(auditCount("jurisdiction_node", community.id(), "CREATE")).isEqualTo(1);
	}

	@Test
	void namesAreCheckedAndUniqueAmongSiblings() {
		String name = unique("重名社区");
		this.service.createChild(this.street, this.tree.street(1), name, null);
		assertThatThrownBy(() -> this.service.createChild(this.street, this.tree.street(1), name, null))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(InvalidInputException.FieldError::code)
						.containsExactly("jurisdiction.nameTaken"));
		assertThatThrownBy(() -> this.service.createChild(this.street, this.tree.street(1), "  ", "bad code!"))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors()).extracting(InvalidInputException.FieldError::field)
						.containsExactly("name", "code"));
		assertThatThrownBy(() -> this.service.createChild(this.street, this.tree.street(1), "a/b", null))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> this.service.createChild(this.street, this.tree.street(1), "长".repeat(101), null))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void aBuildingHasNoChildren() {
		long building = this.tree.building(1, 1, 1, 1);
		assertThatThrownBy(() -> this.service.createChild(this.street, building, "101室", null))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("jurisdiction.noChildLevel"));
	}

	@Test
	void movingACommunityCarriesItsGridsBuildingsHouseholdsAndPersonsAlong() {
		Node community = this.service.createChild(this.district, this.tree.street(1), unique("搬迁社区"), null);
		Node grid = this.service.createChild(this.district, community.id(), "第1网格", null);
		Node building = this.service.createChild(this.district, grid.id(), "1号楼", null);
		long household = this.jdbc.sql("""
				insert into household(grid_id, building_id, address, jurisdiction_path) values (:g, :b, '1号楼', :p) returning id
				""").param("g", grid.id()).param("b", building.id()).param("p", building.path()).query(Long.class).single();
		this.jdbc.sql("insert into person(household_id, name, jurisdiction_path) values (:h, '王五', :p)")
			.param("h", household)
			.param("p", building.path())
			.update();

		Node moved = this.service.move(this.district, community.id(), this.tree.street(2));

		Node street2 = this.service.get(this.district, this.tree.street(2));
		assertThat(moved.path()).isEqualTo(street2.path() + community.id() + "/");
		assertThat(this.service.get(this.district, building.id()).path())
			.isEqualTo(moved.path() + grid.id() + "/" + building.id() + "/");
		String personPath = this.jdbc.sql("select jurisdiction_path from person where household_id = :h")
			.param("h", household)
			.query(String.class)
			.single();
		assertThat(personPath).isEqualTo(moved.path() + grid.id() + "/" + building.id() + "/");
		assertThatThrownBy(() -> this.service.get(this.street, building.id())).as("now outside street 1")
			.isInstanceOf(NotFoundException.class);
		assertThat(auditCount("jurisdiction_node", community.id(), "MOVE")).isEqualTo(1);
	}

	@Test
	void aNodeCannotMoveUnderItselfOrToTheWrongLevel() {
		Node community = this.service.createChild(this.district, this.tree.street(1), unique("自环社区"), null);
		Node grid = this.service.createChild(this.district, community.id(), "第1网格", null);
		assertThatThrownBy(() -> this.service.move(this.district, community.id(), grid.id()))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("jurisdiction.moveIntoItself"));
		assertThatThrownBy(() -> this.service.move(this.district, grid.id(), this.tree.street(2)))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("jurisdiction.moveWrongLevel"));
		assertThatThrownBy(() -> this.service.move(this.street, this.tree.street(1), this.tree.district()))
			.as("the district is outside the street admin's scope")
			.isInstanceOf(NotFoundException.class);
	}

	@Test
	void retiringNeedsNoActiveChildrenAndRestoringBringsItBack() {
		Node community = this.service.createChild(this.street, this.tree.street(1), unique("撤并社区"), null);
		Node grid = this.service.createChild(this.street, community.id(), "第1网格", null);
		assertThatThrownBy(() -> this.service.retire(this.street, community.id()))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("jurisdiction.hasActiveChildren"));
		this.service.retire(this.street, grid.id());
		Node retired = this.service.retire(this.street, community.id());
		assertThat(retired.retired()).isTrue();
		assertThat(this.service.children(this.street, this.tree.street(1), false)).extracting(Node::id)
			.doesNotContain(community.id());
		assertThat(this.service.restore(this.street, community.id()).retired()).isFalse();
		assertThatThrownBy(() -> this.service.retire(this.street, this.tree.street(1))).as("own root")
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void renamingWithAStaleVersionIsRefused() {
		Node community = this.service.createChild(this.street, this.tree.street(1), unique("改名社区"), null);
		this.service.rename(this.street, community.id(), unique("新名"), null, community.version());
		assertThatThrownBy(() -> this.service.rename(this.street, community.id(), unique("又一名"), null,
				community.version()))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).code()).isEqualTo("validation.staleVersion"));
	}

	@Test
	void onlyAdministratorsChangeTheTree() {
		ShouwangPrincipal grid = principal(Role.GRID_WORKER, this.tree.grid(1, 1, 1));
		assertThatThrownBy(() -> this.service.rename(grid, this.tree.grid(1, 1, 1), "改名", null, null))
			.isInstanceOf(AccessDeniedException.class);
		assertThat(this.service.get(grid, this.tree.grid(1, 1, 1)).level()).isEqualTo(Level.GRID);
	}

	@Test
	void responsiblePhonesAreStoredEncryptedShownMaskedAndEveryFullViewIsLogged() {
		long grid = this.tree.grid(1, 2, 1);
		Responsibility r = this.service.addResponsibility(this.street, grid, Duty.PARTY_MEMBER, "李四", "党员",
				"139 0000 1111");
		assertThat(r.maskedPhone()).isEqualTo("139****1111");
		byte[] stored = this.jdbc.sql("select phone_enc from jurisdiction_responsibility where id = :id")
			.param("id", r.id())
			.query(byte[].class)
			.single();
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13900001111");
		String audit = this.jdbc.sql("""
				select after::text from audit_event where entity = 'jurisdiction_responsibility' and entity_id = :id
				""").param("id", String.valueOf(r.id())).query(String.class).single();
		assertThat(audit).contains("139****1111").doesNotContain("13900001111");
		long logged = accessCount(r.id());
		assertThat(this.service.revealResponsibilityPhone(this.street, r.id())).isEqualTo("13900001111");
		assertThat(accessCount(r.id())).isEqualTo(logged + 1);
		assertThatThrownBy(() -> this.service.addResponsibility(this.street, grid, Duty.PARTY_MEMBER, "李四", null,
				"12345"))
			.isInstanceOfSatisfying(InvalidInputException.class,
					ex -> assertThat(ex.errors().get(0).field()).isEqualTo("phone"));
	}

	@Test
	void unitsHangOnCommunitiesOnly() {
		Unit school = this.service.addUnit(this.street, this.tree.community(1, 1), UnitKind.SCHOOL, unique("实验小学"),
				"学校路1号");
		assertThat(this.service.units(this.street, this.tree.community(1, 1))).extracting(Unit::id).contains(school.id());
		assertThatThrownBy(() -> this.service.addUnit(this.street, this.tree.grid(1, 1, 1), UnitKind.VENUE, "超市", null))
			.isInstanceOf(InvalidInputException.class);
	}

	private long auditCount(String entity, long id, String action) {
		return this.jdbc.sql("select count(*) from audit_event where entity = :e and entity_id = :id and action = :a")
			.param("e", entity)
			.param("id", String.valueOf(id))
			.param("a", action)
			.query(Long.class)
			.single();
	}

	private long accessCount(long id) {
		return this.jdbc.sql("select count(*) from sensitive_access where entity = 'jurisdiction_responsibility' and entity_id = :id")
			.param("id", String.valueOf(id))
			.query(Long.class)
			.single();
	}

	private ShouwangPrincipal principal(Role role, long nodeId) {
		Node node = this.service.findUnscoped(nodeId).orElseThrow();
		return new ShouwangPrincipal(null, "test-" + role, "测试", role, nodeId, node.path(), node.name(), false, false,
				true, null);
	}

	private static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 6);
	}

}
