package cn.shouwang.jurisdiction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PrincipalChanges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for nodes, units and responsibilities. Every read of scoped data takes the scope. */
@Repository
class JurisdictionNodes {

	private static final String NODE_COLUMNS = """
			n.id, n.parent_id, n.level, n.name, n.code, n.path, n.retired_at, n.version,
			(select count(*) from jurisdiction_node c where c.parent_id = n.id and c.retired_at is null) as active_children
			""";

	private final JdbcClient jdbc;

	/** Told of every change to what a signed-in caller's principal is made of. */
	private final PrincipalChanges principals;

	JurisdictionNodes(JdbcClient jdbc, PrincipalChanges principals) {
		this.jdbc = jdbc;
		this.principals = principals;
	}

	Optional<Node> find(JurisdictionScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + NODE_COLUMNS + """
				from jurisdiction_node n
				where n.id = :id and n.path >= :scopeLo and n.path < :scopeHi
				"""))
			.param("id", id)
			.query(JurisdictionNodes::node)
			.optional();
	}

	Optional<Node> findUnscoped(long id) {
		return this.jdbc.sql("select " + NODE_COLUMNS + " from jurisdiction_node n where n.id = :id")
			.param("id", id)
			.query(JurisdictionNodes::node)
			.optional();
	}

	List<Node> children(long parentId, boolean includeRetired) {
		return this.jdbc.sql("select " + NODE_COLUMNS + """
				from jurisdiction_node n
				where n.parent_id = :parentId and (:includeRetired or n.retired_at is null)
				order by n.retired_at nulls first, n.code nulls last, n.name
				""")
			.param("parentId", parentId)
			.param("includeRetired", includeRetired)
			.query(JurisdictionNodes::node)
			.list();
	}

	/** The nodes on the path from the scope's root down to the node (for breadcrumbs). */
	List<Node> chain(JurisdictionScope scope, String path) {
		List<Long> ids = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
		return scope.bind(this.jdbc.sql("select " + NODE_COLUMNS + """
				from jurisdiction_node n
				where n.id in (:ids) and n.path >= :scopeLo and n.path < :scopeHi
				order by length(n.path)
				"""))
			.param("ids", ids)
			.query(JurisdictionNodes::node)
			.list();
	}

	List<Node> search(JurisdictionScope scope, String text, Level level, int limit) {
		return scope.bind(this.jdbc.sql("select " + NODE_COLUMNS + """
				from jurisdiction_node n
				where n.path >= :scopeLo and n.path < :scopeHi and n.retired_at is null
				  and (cast(:level as text) is null or n.level = :level)
				  and (cast(:text as text) is null or n.name like '%' || :text || '%')
				order by length(n.path), n.name limit :limit
				"""))
			.param("text", text == null || text.isBlank() ? null : text.trim())
			.param("level", level == null ? null : level.name())
			.param("limit", limit)
			.query(JurisdictionNodes::node)
			.list();
	}

	/** Every active community, grid and building below a path (for matching imported rows to places). */
	List<Node> descendants(JurisdictionScope below) {
		return below.bind(this.jdbc.sql("""
				select n.id, n.parent_id, n.level, n.name, n.code, n.path, n.retired_at, n.version, 0 as active_children
				from jurisdiction_node n
				where n.path > :scopeLo and n.path < :scopeHi and n.retired_at is null
				  and n.level in ('COMMUNITY', 'GRID', 'BUILDING')
				""")).query(JurisdictionNodes::node).list();
	}

	boolean siblingNameTaken(Long parentId, String name, Long exceptId) {
		return this.jdbc.sql("""
				select exists(select 1 from jurisdiction_node
				  where parent_id = :parentId and name = :name and retired_at is null and id <> :exceptId)
				""")
			.param("parentId", parentId)
			.param("name", name)
			.param("exceptId", exceptId == null ? -1L : exceptId)
			.query(Boolean.class)
			.single();
	}

	long nextId() {
		return this.jdbc.sql("select nextval(pg_get_serial_sequence('jurisdiction_node', 'id'))")
			.query(Long.class)
			.single();
	}

	void insert(long id, Long parentId, Level level, String name, String code, String path) {
		this.jdbc.sql("""
				insert into jurisdiction_node(id, parent_id, level, name, code, path)
				values (:id, :parentId, :level, :name, :code, :path)
				""")
			.param("id", id)
			.param("parentId", parentId)
			.param("level", level.name())
			.param("name", name)
			.param("code", code)
			.param("path", path)
			.update();
	}

	int rename(long id, int version, String name, String code) {
		this.principals.changed();
		return this.jdbc.sql("""
				update jurisdiction_node set name = :name, code = :code, version = version + 1
				where id = :id and version = :version
				""")
			.param("id", id)
			.param("version", version)
			.param("name", name)
			.param("code", code)
			.update();
	}

	/** Rewrites the path of a whole subtree in one statement, inside the scope range of the old path. */
	void movePaths(String oldPath, String newPath, long nodeId, long newParentId) {
		this.principals.changed();
		JurisdictionScope old = JurisdictionScope.of(oldPath);
		old.bind(this.jdbc.sql("""
				update jurisdiction_node set path = :newPath || substr(path, length(:oldPath) + 1), version = version + 1
				where path >= :scopeLo and path < :scopeHi
				"""))
			.param("newPath", newPath)
			.param("oldPath", oldPath)
			.update();
		this.jdbc.sql("update jurisdiction_node set parent_id = :p where id = :id")
			.param("p", newParentId)
			.param("id", nodeId)
			.update();
		for (String table : List.of("jurisdiction_unit", "jurisdiction_responsibility")) {
			old.bind(this.jdbc.sql("update " + table + """
					 set jurisdiction_path = :newPath || substr(jurisdiction_path, length(:oldPath) + 1)
					where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
					"""))
				.param("newPath", newPath)
				.param("oldPath", oldPath)
				.update();
		}
	}

	void setRetired(long id, boolean retired) {
		this.jdbc.sql("""
				update jurisdiction_node set retired_at = case when :retired then now() else null end, version = version + 1
				where id = :id
				""")
			.param("id", id)
			.param("retired", retired)
			.update();
	}

	List<Unit> units(long communityId) {
		return this.jdbc.sql("""
				select id, community_id, kind, name, address from jurisdiction_unit
				where community_id = :id and retired_at is null order by kind, name
				""")
			.param("id", communityId)
			.query((rs, i) -> new Unit(rs.getLong(1), rs.getLong(2), UnitKind.valueOf(rs.getString(3)), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	long insertUnit(long communityId, UnitKind kind, String name, String address, String path) {
		return this.jdbc.sql("""
				insert into jurisdiction_unit(community_id, kind, name, address, jurisdiction_path)
				values (:c, :kind, :name, :address, :path) returning id
				""")
			.param("c", communityId)
			.param("kind", kind.name())
			.param("name", name)
			.param("address", address)
			.param("path", path)
			.query(Long.class)
			.single();
	}

	record StoredResponsibility(long id, long nodeId, Duty duty, String personName, String position, byte[] phoneEnc,
			String path) {
	}

	List<StoredResponsibility> responsibilities(long nodeId) {
		return this.jdbc.sql("""
				select id, node_id, duty, person_name, position, phone_enc, jurisdiction_path
				from jurisdiction_responsibility where node_id = :id order by duty, id
				""")
			.param("id", nodeId)
			.query(JurisdictionNodes::responsibility)
			.list();
	}

	Optional<StoredResponsibility> responsibility(JurisdictionScope scope, long id) {
		return scope.bind(this.jdbc.sql("""
				select id, node_id, duty, person_name, position, phone_enc, jurisdiction_path
				from jurisdiction_responsibility
				where id = :id and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				"""))
			.param("id", id)
			.query(JurisdictionNodes::responsibility)
			.optional();
	}

	long insertResponsibility(long nodeId, Duty duty, String name, String position, byte[] phoneEnc, byte[] phoneBidx,
			String path) {
		return this.jdbc.sql("""
				insert into jurisdiction_responsibility(node_id, duty, person_name, position, phone_enc, phone_bidx, jurisdiction_path)
				values (:node, :duty, :name, :position, :enc, :bidx, :path) returning id
				""")
			.param("node", nodeId)
			.param("duty", duty.name())
			.param("name", name)
			.param("position", position)
			.param("enc", phoneEnc)
			.param("bidx", phoneBidx)
			.param("path", path)
			.query(Long.class)
			.single();
	}

	void deleteResponsibility(long id) {
		this.jdbc.sql("delete from jurisdiction_responsibility where id = :id").param("id", id).update();
	}

	long count() {
		return this.jdbc.sql("select count(*) from jurisdiction_node").query(Long.class).single();
	}

	private static Node node(ResultSet rs, int i) throws SQLException {
		Timestamp retired = rs.getTimestamp("retired_at");
		return new Node(rs.getLong("id"), (Long) rs.getObject("parent_id"), Level.valueOf(rs.getString("level")),
				rs.getString("name"), rs.getString("code"), rs.getString("path"),
				retired == null ? null : retired.toInstant(), rs.getInt("version"), rs.getLong("active_children"));
	}

	private static StoredResponsibility responsibility(ResultSet rs, int i) throws SQLException {
		return new StoredResponsibility(rs.getLong(1), rs.getLong(2), Duty.valueOf(rs.getString(3)), rs.getString(4),
				rs.getString(5), rs.getBytes(6), rs.getString(7));
	}

}
