package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the passage log. Its key is (id, at) because it is partitioned by month, so the same
 * device id with another {@code at} would be a second row: {@link #lock} and {@link #find} make the
 * id unique under an advisory lock (every partition's primary key index leads with id).
 */
@Repository
class Passages {

	/** A stored passage as a replay answers it. */
	record Stored(UUID id, Instant at, long checkpointId, String decision, String reason, String name) {
	}

	/** One row of the log. */
	record Row(UUID id, Instant at, long checkpointId, String path, String direction, UUID passId, Long personId,
			String visitorName, byte[] visitorPhoneEnc, String visitorReason, Long hostHouseholdId, BigDecimal temperature,
			String decision, String reason, String plate, Long guardId) {
	}

	private final JdbcClient jdbc;

	Passages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Serialises the recordings of one device id until the transaction ends. */
	void lock(UUID id) {
		this.jdbc.sql("select pg_advisory_xact_lock(:k)")
			.param("k", id.getMostSignificantBits() ^ id.getLeastSignificantBits())
			.query((rs, i) -> 1)
			.list();
	}

	Optional<Stored> find(UUID id) {
		return this.jdbc.sql("""
				select p.id, p.at, p.checkpoint_id, p.decision, p.reason, coalesce(s.name, p.visitor_name)
				from passage p left join pass s on s.id = p.pass_id where p.id = :id limit 1
				""")
			.param("id", id)
			.query((rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getLong(3),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.optional();
	}

	void insert(Row r) {
		this.jdbc.sql("""
				insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, pass_id, person_id, visitor_name,
				  visitor_phone_enc, visitor_reason, host_household_id, temperature, decision, reason, plate, guard_id)
				values (:id, :at, :c, :path, :dir, :pass, :person, :vname, :vphone, :vreason, :host, :t, :d, :reason, :plate, :guard)
				""")
			.param("id", r.id())
			.param("at", Timestamp.from(r.at()))
			.param("c", r.checkpointId())
			.param("path", r.path())
			.param("dir", r.direction())
			.param("pass", r.passId())
			.param("person", r.personId())
			.param("vname", r.visitorName())
			.param("vphone", r.visitorPhoneEnc())
			.param("vreason", r.visitorReason())
			.param("host", r.hostHouseholdId())
			.param("t", r.temperature())
			.param("d", r.decision())
			.param("reason", r.reason())
			.param("plate", r.plate())
			.param("guard", r.guardId())
			.update();
	}

}
