package cn.shouwang.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds the well-known nodes of the test demo tree: the demo users' own nodes and, for each,
 * a node of the same level outside their jurisdiction.
 */
public final class TestTree {

	private final JdbcClient jdbc;

	public TestTree(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long district() {
		return idOf("select min(id) from jurisdiction_node where level = 'DISTRICT'");
	}

	/** Street 1 (the demo users' street) and street 2 (foreign to all but the district admin). */
	public long street(int n) {
		return nth("STREET", null, n);
	}

	/** The n-th community under street s. */
	public long community(int s, int n) {
		return nth("COMMUNITY", street(s), n);
	}

	public long grid(int s, int c, int n) {
		return nth("GRID", community(s, c), n);
	}

	public long building(int s, int c, int g, int n) {
		return nth("BUILDING", grid(s, c, g), n);
	}

	/** The node a demo user is bound to. */
	public long nodeOf(String username) {
		return idOf("select node_id from app_user where username = '" + username.replace("'", "") + "'");
	}

	private long nth(String level, Long parent, int n) {
		return this.jdbc.sql("""
				select id from jurisdiction_node where level = :level and (cast(:parent as bigint) is null or parent_id = :parent)
				  and retired_at is null
				order by id offset :n limit 1
				""")
			.param("level", level)
			.param("parent", parent)
			.param("n", n - 1)
			.query(Long.class)
			.single();
	}

	private long idOf(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}


}
