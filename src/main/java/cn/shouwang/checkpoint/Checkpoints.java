package cn.shouwang.checkpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import cn.shouwang.shared.JurisdictionScope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for checkpoints and duty shifts, always inside a jurisdiction. */
@Repository
class Checkpoints {

	private static final String COLUMNS = "id, node_id, jurisdiction_path, name, kind, location, opens_at, closes_at, open, version";

	private final JdbcClient jdbc;

	Checkpoints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Checkpoint> list(JurisdictionScope scope) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from checkpoint where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				order by jurisdiction_path, name limit 500
				""")).query((rs, i) -> checkpoint(rs)).list();
	}

	Optional<Checkpoint> find(JurisdictionScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from checkpoint where id = :id and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				""")).param("id", id).query((rs, i) -> checkpoint(rs)).optional();
	}

	boolean nameTaken(long nodeId, String name, Long except) {
		return this.jdbc.sql("""
				select exists(select 1 from checkpoint where node_id = :n and name = :name and id <> coalesce(:except, -1))
				""").param("n", nodeId).param("name", name).param("except", except).query(Boolean.class).single();
	}

	long insert(long nodeId, String path, String name, CheckpointKind kind, String location, LocalTime opens,
			LocalTime closes, String actor) {
		return this.jdbc.sql("""
				insert into checkpoint(node_id, jurisdiction_path, name, kind, location, opens_at, closes_at, created_by)
				values (:node, :path, :name, :kind, :location, :opens, :closes, :actor) returning id
				""")
			.param("node", nodeId)
			.param("path", path)
			.param("name", name)
			.param("kind", kind.name())
			.param("location", location)
			.param("opens", opens)
			.param("closes", closes)
			.param("actor", actor)
			.query(Long.class)
			.single();
	}

	int update(long id, int version, String name, CheckpointKind kind, String location, LocalTime opens,
			LocalTime closes, boolean open) {
		return this.jdbc.sql("""
				update checkpoint set name = :name, kind = :kind, location = :location, opens_at = :opens, closes_at = :closes,
				  open = :open, version = version + 1 where id = :id and version = :version
				""")
			.param("name", name)
			.param("kind", kind.name())
			.param("location", location)
			.param("opens", opens)
			.param("closes", closes)
			.param("open", open)
			.param("id", id)
			.param("version", version)
			.update();
	}

	long addShift(long checkpointId, Instant starts, Instant ends, Long userId, String guardName, String actor) {
		return this.jdbc.sql("""
				insert into duty_shift(checkpoint_id, starts_at, ends_at, user_id, guard_name, created_by)
				values (:c, :s, :e, :u, :g, :a) returning id
				""")
			.param("c", checkpointId)
			.param("s", Timestamp.from(starts))
			.param("e", Timestamp.from(ends))
			.param("u", userId)
			.param("g", guardName)
			.param("a", actor)
			.query(Long.class)
			.single();
	}

	Optional<Shift> shift(long checkpointId, long shiftId) {
		return this.jdbc.sql("select id, checkpoint_id, starts_at, ends_at, user_id, guard_name from duty_shift where id = :id and checkpoint_id = :c")
			.param("id", shiftId)
			.param("c", checkpointId)
			.query((rs, i) -> shift(rs))
			.optional();
	}

	void deleteShift(long shiftId) {
		this.jdbc.sql("delete from duty_shift where id = :id").param("id", shiftId).update();
	}

	/** Shifts overlapping [from, to) at the checkpoints of a jurisdiction. */
	List<Shift> shifts(JurisdictionScope scope, Long checkpointId, Instant from, Instant to) {
		return scope.bind(this.jdbc.sql("""
				select s.id, s.checkpoint_id, s.starts_at, s.ends_at, s.user_id, s.guard_name from duty_shift s
				join checkpoint c on c.id = s.checkpoint_id
				where c.jurisdiction_path >= :scopeLo and c.jurisdiction_path < :scopeHi
				  and (cast(:cp as bigint) is null or s.checkpoint_id = :cp)
				  and s.starts_at < :to and s.ends_at > :from
				order by s.checkpoint_id, s.starts_at
				"""))
			.param("cp", checkpointId)
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, i) -> shift(rs))
			.list();
	}

	/** Whether the guard (by user, else by name) already has a shift overlapping [from, to) anywhere. */
	boolean overlaps(Long userId, String guardName, Instant from, Instant to) {
		return this.jdbc.sql("""
				select exists(select 1 from duty_shift where starts_at < :to and ends_at > :from
				  and ((cast(:u as bigint) is not null and user_id = :u) or (cast(:u as bigint) is null and user_id is null and guard_name = :g)))
				""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("u", userId)
			.param("g", guardName)
			.query(Boolean.class)
			.single();
	}

	private static Shift shift(ResultSet rs) throws SQLException {
		return new Shift(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
				(Long) rs.getObject(5), rs.getString(6));
	}

	private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
		return checkpoint(rs, "");
	}

	/** The columns as {@code alias.column as prefix_column}, for a query that joins a checkpoint to other rows. */
	static String columns(String alias, String prefix) {
		return Passages.aliased(COLUMNS, alias, prefix);
	}

	/** A checkpoint read from columns named with this prefix (see {@link #columns}). */
	static Checkpoint checkpoint(ResultSet rs, String prefix) throws SQLException {
		java.sql.Time opens = rs.getTime(prefix + "opens_at");
		java.sql.Time closes = rs.getTime(prefix + "closes_at");
		return new Checkpoint(rs.getLong(prefix + "id"), rs.getLong(prefix + "node_id"),
				rs.getString(prefix + "jurisdiction_path"), rs.getString(prefix + "name"),
				CheckpointKind.valueOf(rs.getString(prefix + "kind")), rs.getString(prefix + "location"),
				opens == null ? null : opens.toLocalTime(), closes == null ? null : closes.toLocalTime(),
				rs.getBoolean(prefix + "open"), rs.getInt(prefix + "version"));
	}

}
