package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import cn.shouwang.shared.JurisdictionScope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes the passage log. Its key is (id, at) because it is partitioned by month, so the same
 * device id with another {@code at} would be a second row: {@link #lock} and {@link #read} make the
 * id unique under an advisory lock (every partition's primary key index leads with id). The probe
 * for an earlier copy looks {@link #REPLAY_WINDOW} either side of the scan's {@code at}, so it
 * touches one or two monthly partitions however many the table keeps; a device's replay carries
 * its original {@code at}, and one dated further off than a queued scan may be is refused anyway.
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

	/** What a recording reads before it decides: the checkpoint, an earlier copy of this passage, the pass. */
	record Reading(Checkpoint checkpoint, Stored stored, Pass pass) {
	}

	/** How far apart in time a replay and its original may be dated and still be recognised. */
	static final Duration REPLAY_WINDOW = Duration.ofDays(8);

	private static final String READ = "select " + Checkpoints.columns("c", "c_") + ", " + Passes.columns("s", "s_") + """
			, st.id as st_id, st.at as st_at, st.checkpoint_id as st_checkpoint_id, st.decision as st_decision,
			  st.reason as st_reason, st.name as st_name
			from checkpoint c
			left join pass s on s.id = :pass
			left join lateral (
			  select p.id, p.at, p.checkpoint_id, p.decision, p.reason, coalesce(x.name, p.visitor_name) as name
			  from passage p left join pass x on x.id = p.pass_id
			  where p.id = :id and p.at >= :lo and p.at < :hi limit 1) st on true
			where c.id = :c and c.jurisdiction_path >= :scopeLo and c.jurisdiction_path < :scopeHi
			""";

	private final JdbcClient jdbc;

	Passages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises the recordings of one device id until the transaction ends, and has the rest of
	 * the transaction run on generic plans: the connections default to a custom plan per execution
	 * (right for the lists, whose scope ranges change the best plan), but every statement of a
	 * recording is a key lookup whose plan never changes, and planning the partitioned log's
	 * lookup took more than executing it (0.8 ms against 0.1 ms on the district demo).
	 */
	void lock(UUID id) {
		this.jdbc.sql("select set_config('plan_cache_mode', 'force_generic_plan', true), pg_advisory_xact_lock(:k)")
			.param("k", id.getMostSignificantBits() ^ id.getLeastSignificantBits())
			.query((rs, i) -> 1)
			.list();
	}

	/**
	 * In one round trip: the checkpoint if it is inside the scope (else empty), a passage already
	 * stored under this device id near {@code at}, and the pass (null id or unknown: no pass).
	 */
	Optional<Reading> read(JurisdictionScope scope, long checkpointId, UUID id, Instant at, UUID passId) {
		return scope.bind(this.jdbc.sql(READ))
			.param("c", checkpointId)
			.param("id", id)
			.param("lo", Timestamp.from(at.minus(REPLAY_WINDOW)))
			.param("hi", Timestamp.from(at.plus(REPLAY_WINDOW)))
			.param("pass", passId)
			.query((rs, i) -> {
				UUID stored = rs.getObject("st_id", UUID.class);
				return new Reading(Checkpoints.checkpoint(rs, "c_"),
						stored == null ? null : new Stored(stored, rs.getTimestamp("st_at").toInstant(),
								rs.getLong("st_checkpoint_id"), rs.getString("st_decision"), rs.getString("st_reason"),
								rs.getString("st_name")),
						Passes.pass(rs, "s_"));
			})
			.optional();
	}

	/** {@code a.x as p_x, a.y as p_y, …} of a comma-separated column list. */
	static String aliased(String columns, String alias, String prefix) {
		return java.util.Arrays.stream(columns.split(","))
			.map(String::strip)
			.map(c -> alias + "." + c + " as " + prefix + c)
			.collect(java.util.stream.Collectors.joining(", "));
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
