package cn.shouwang.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for households, always inside a {@link RegistryScope}. */
@Repository
class Households {

	private static final String COLUMNS = """
			h.id, h.grid_id, h.building_id, h.address, h.unit_no, h.room_no, h.head_person_id,
			(select name from person hp where hp.id = h.head_person_id) as head_name,
			(select count(*) from person m where m.household_id = h.id and m.status = 'ACTIVE') as members,
			h.jurisdiction_path, h.version
			""";

	private final JdbcClient jdbc;

	Households(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<HouseholdView> find(RegistryScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from household h where h.id = :id and h.jurisdiction_path >= :scopeLo and h.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or h.id = :onlyHousehold)
				"""))
			.param("id", id)
			.query((rs, i) -> view(rs))
			.optional();
	}

	List<HouseholdView> search(RegistryScope scope, String text, int limit) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from household h where h.jurisdiction_path >= :scopeLo and h.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or h.id = :onlyHousehold)
				  and (cast(:text as text) is null or h.address like '%' || :text || '%')
				order by h.jurisdiction_path, h.unit_no, h.room_no limit :limit
				"""))
			.param("text", text == null || text.isBlank() ? null : text.strip())
			.param("limit", limit)
			.query((rs, i) -> view(rs))
			.list();
	}

	long insert(long gridId, Long buildingId, String address, String unitNo, String roomNo, String path) {
		return this.jdbc.sql("""
				insert into household(grid_id, building_id, address, unit_no, room_no, jurisdiction_path)
				values (:g, :b, :a, :u, :r, :p) returning id
				""")
			.param("g", gridId)
			.param("b", buildingId)
			.param("a", address)
			.param("u", unitNo)
			.param("r", roomNo)
			.param("p", path)
			.query(Long.class)
			.single();
	}

	Optional<Long> findByAddress(String path, String unitNo, String roomNo) {
		return this.jdbc.sql("""
				select id from household where jurisdiction_path = :p and coalesce(unit_no, '') = coalesce(:u, '')
				  and coalesce(room_no, '') = coalesce(:r, '') order by id limit 1
				""").param("p", path).param("u", unitNo).param("r", roomNo).query(Long.class).optional();
	}

	void setHead(long householdId, Long personId) {
		this.jdbc.sql("update household set head_person_id = :p, version = version + 1, updated_at = now() where id = :h")
			.param("p", personId)
			.param("h", householdId)
			.update();
	}

	void linkResident(long userId, long personId) {
		this.jdbc.sql("""
				insert into resident_account(user_id, person_id) values (:u, :p)
				on conflict (user_id) do update set person_id = excluded.person_id
				""").param("u", userId).param("p", personId).update();
	}

	Optional<Long> firstHeadIn(String path) {
		return this.jdbc.sql("""
				select p.id from household h join person p on p.household_id = h.id
				where h.jurisdiction_path = :path order by h.id, (p.relation = '户主') desc, p.id limit 1
				""").param("path", path).query(Long.class).optional();
	}

	Long residentHousehold(long userId) {
		return this.jdbc.sql("""
				select p.household_id from resident_account r join person p on p.id = r.person_id where r.user_id = :u
				""").param("u", userId).query(Long.class).optional().orElse(-1L);
	}

	private static HouseholdView view(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new HouseholdView(rs.getLong("id"), rs.getLong("grid_id"), (Long) rs.getObject("building_id"),
				rs.getString("address"), rs.getString("unit_no"), rs.getString("room_no"),
				(Long) rs.getObject("head_person_id"), rs.getString("head_name"), rs.getLong("members"),
				rs.getString("jurisdiction_path"), rs.getInt("version"));
	}

}
