package cn.shouwang.checkpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import cn.shouwang.shared.JurisdictionScope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for passes, always inside a jurisdiction except the lookup by id a decision starts from. */
@Repository
class Passes {

	private static final String COLUMNS = "id, person_id, household_id, jurisdiction_path, name, issued_at, expires_at, revoked_at, revoked_reason, revoked_by, issued_by";

	private final JdbcClient jdbc;

	Passes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID id, long personId, long householdId, String path, String name, Instant expiresAt, String actor) {
		this.jdbc.sql("""
				insert into pass(id, person_id, household_id, jurisdiction_path, name, expires_at, issued_by)
				values (:id, :p, :h, :path, :name, :exp, :actor)
				""")
			.param("id", id)
			.param("p", personId)
			.param("h", householdId)
			.param("path", path)
			.param("name", name)
			.param("exp", Timestamp.from(expiresAt))
			.param("actor", actor)
			.update();
	}

	/** The pass by id wherever it is: the checkpoint then checks its jurisdiction against its own. */
	Optional<Pass> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from pass where id = :id").param("id", id).query((rs, i) -> pass(rs)).optional();
	}

	Optional<Pass> find(JurisdictionScope scope, UUID id) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS
				+ " from pass where id = :id and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi"))
			.param("id", id)
			.query((rs, i) -> pass(rs))
			.optional();
	}

	List<Pass> ofPerson(long personId) {
		return this.jdbc.sql("select " + COLUMNS + " from pass where person_id = :p order by issued_at desc limit 100")
			.param("p", personId)
			.query((rs, i) -> pass(rs))
			.list();
	}

	List<Pass> ofHouseholds(Collection<Long> householdIds, boolean validOnly) {
		if (householdIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + """
				 from pass where household_id = any(:h)
				  and (not :validOnly or (revoked_at is null and expires_at > now()))
				order by household_id, issued_at desc limit 5000
				""")
			.param("h", householdIds.toArray(Long[]::new))
			.param("validOnly", validOnly)
			.query((rs, i) -> pass(rs))
			.list();
	}

	/** Passes of a jurisdiction, newest first; valid only if asked. */
	List<Pass> inScope(JurisdictionScope scope, boolean validOnly, int limit) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from pass where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				  and (not :validOnly or (revoked_at is null and expires_at > now()))
				order by issued_at desc limit :limit
				"""))
			.param("validOnly", validOnly)
			.param("limit", limit)
			.query((rs, i) -> pass(rs))
			.list();
	}

	/** Revoked passes of a jurisdiction not yet expired, revoked after {@code since}: what a device must refuse offline. */
	List<Pass> revokedSince(JurisdictionScope scope, Instant since) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from pass where revoked_at is not null and revoked_at > :since and expires_at > now()
				  and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				order by revoked_at limit 100000
				"""))
			.param("since", Timestamp.from(since))
			.query((rs, i) -> pass(rs))
			.list();
	}

	/** Revokes a pass still valid; false when it was revoked already. */
	boolean revoke(UUID id, String reason, String actor) {
		return this.jdbc.sql("""
				update pass set revoked_at = now(), revoked_reason = :r, revoked_by = :a where id = :id and revoked_at is null
				""").param("id", id).param("r", reason).param("a", actor).update() == 1;
	}

	/** Revokes every still valid pass of a person (a new one replaces them); the ids revoked. */
	List<UUID> revokeValidOf(long personId, String reason, String actor) {
		return this.jdbc.sql("""
				update pass set revoked_at = now(), revoked_reason = :r, revoked_by = :a
				where person_id = :p and revoked_at is null and expires_at > now() returning id
				""").param("p", personId).param("r", reason).param("a", actor).query(UUID.class).list();
	}

	private static Pass pass(ResultSet rs) throws SQLException {
		return pass(rs, "");
	}

	/** The columns as {@code alias.column as prefix_column}, for a query that joins a pass to other rows. */
	static String columns(String alias, String prefix) {
		return Passages.aliased(COLUMNS, alias, prefix);
	}

	/** A pass read from columns named with this prefix (see {@link #columns}); null when its id is null (no match). */
	static Pass pass(ResultSet rs, String prefix) throws SQLException {
		UUID id = rs.getObject(prefix + "id", UUID.class);
		if (id == null) {
			return null;
		}
		Timestamp revoked = rs.getTimestamp(prefix + "revoked_at");
		return new Pass(id, rs.getLong(prefix + "person_id"), rs.getLong(prefix + "household_id"),
				rs.getString(prefix + "jurisdiction_path"), rs.getString(prefix + "name"),
				rs.getTimestamp(prefix + "issued_at").toInstant(), rs.getTimestamp(prefix + "expires_at").toInstant(),
				revoked == null ? null : revoked.toInstant(), rs.getString(prefix + "revoked_reason"),
				rs.getString(prefix + "revoked_by"), rs.getString(prefix + "issued_by"));
	}

}
