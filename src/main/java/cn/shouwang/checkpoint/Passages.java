package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

	/** One row of the log, as the scan made it, at its checkpoint, recorded by its guard. */
	record Row(UUID id, Instant at, Checkpoint checkpoint, Long guardId, String direction, UUID passId, Long personId,
			String visitorName, byte[] visitorPhoneEnc, String visitorReason, Long hostHouseholdId, BigDecimal temperature,
			String decision, String reason, String plate) {
	}

	/** A scan to look up: its device id and the id its pass code names (null without one). */
	record Probe(UUID id, UUID passId) {
	}

	/** One upload to read for: its checkpoint as its caller may see it, and its scans' probes. */
	record Visit(long checkpointId, JurisdictionScope scope, List<Probe> probes) {
	}

	/**
	 * What a recording reads before it decides: each upload's checkpoint (absent when its caller
	 * may not see it), earlier copies of the scans, their passes.
	 */
	record Reading(Map<Integer, Checkpoint> checkpointByVisit, Map<UUID, Stored> storedById, Map<UUID, Pass> passesById) {

		Checkpoint checkpoint(int visit) {
			return this.checkpointByVisit.get(visit);
		}

		Stored stored(UUID id) {
			return id == null ? null : this.storedById.get(id);
		}

		Pass pass(UUID id) {
			return id == null ? null : this.passesById.get(id);
		}

	}

	/** How far apart in time a replay and its original may be dated and still be recognised. */
	static final Duration REPLAY_WINDOW = Duration.ofDays(8);

	// one row per probe of each visit (one without a probe when a visit has none): the scope is
	// bound per row as parameters, like every scope, since each upload has its own caller
	private static final String READ = "select k.visit as k_visit, " + Checkpoints.columns("c", "c_") + ", "
			+ Passes.columns("s", "s_") + """
			, st.id as st_id, st.at as st_at, st.checkpoint_id as st_checkpoint_id, st.decision as st_decision,
			  st.reason as st_reason, st.name as st_name
			from unnest(cast(:visits as int[]), cast(:checkpoints as bigint[]), cast(:scopeLos as text[]),
			  cast(:scopeHis as text[]), cast(:ids as uuid[]), cast(:passes as uuid[])) as k(visit, checkpoint, lo, hi, id, pass)
			join checkpoint c on c.id = k.checkpoint and c.jurisdiction_path >= k.lo and c.jurisdiction_path < k.hi
			left join pass s on s.id = k.pass
			left join lateral (
			  select p.id, p.at, p.checkpoint_id, p.decision, p.reason, coalesce(x.name, p.visitor_name) as name
			  from passage p left join pass x on x.id = p.pass_id
			  where p.id = k.id and p.at >= :lo and p.at < :hi limit 1) st on true
			""";

	private final JdbcClient jdbc;

	Passages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises the recordings of these device ids until the transaction ends (taken in key order,
	 * so two uploads sharing ids cannot deadlock), and has the rest of the transaction run on
	 * generic plans: the connections default to a custom plan per execution (right for the lists,
	 * whose scope ranges change the best plan), but every statement of a recording is a key lookup
	 * whose plan never changes, and planning the partitioned log's lookup took more than executing
	 * it (0.8 ms against 0.1 ms on the district demo).
	 */
	void lock(java.util.Collection<UUID> ids) {
		Long[] keys = ids.stream()
			.map(id -> id.getMostSignificantBits() ^ id.getLeastSignificantBits())
			.sorted()
			.distinct()
			.toArray(Long[]::new);
		this.jdbc.sql("""
				select set_config('plan_cache_mode', 'force_generic_plan', true),
				  (select count(pg_advisory_xact_lock(k)) from (select k from unnest(cast(:keys as bigint[])) k order by k) x)
				""")
			.param("keys", keys)
			.query((rs, i) -> 1)
			.list();
	}

	/**
	 * In one round trip, for several uploads: each one's checkpoint if it is inside that upload's
	 * scope (else absent), the passages already stored under the probes' device ids near
	 * [{@code first}, {@code last}], and the passes the probes name (unknown ones are simply absent).
	 */
	Reading read(List<Visit> visits, Instant first, Instant last) {
		record Key(int visit, Visit of, Probe probe) {
		}
		List<Key> keys = new java.util.ArrayList<>();
		for (int v = 0; v < visits.size(); v++) {
			Visit visit = visits.get(v);
			for (Probe probe : visit.probes().isEmpty() ? java.util.Collections.<Probe>singletonList(null) : visit.probes()) {
				keys.add(new Key(v, visit, probe));
			}
		}
		Map<Integer, Checkpoint> checkpoints = new HashMap<>();
		Map<UUID, Stored> stored = new HashMap<>();
		Map<UUID, Pass> passes = new HashMap<>();
		this.jdbc.sql(READ)
			.param("visits", keys.stream().map(Key::visit).toArray(Integer[]::new))
			.param("checkpoints", keys.stream().map(k -> k.of().checkpointId()).toArray(Long[]::new))
			.param("scopeLos", keys.stream().map(k -> k.of().scope().lower()).toArray(String[]::new))
			.param("scopeHis", keys.stream().map(k -> k.of().scope().upper()).toArray(String[]::new))
			.param("ids", keys.stream().map(k -> k.probe() == null ? null : k.probe().id().toString()).toArray(String[]::new))
			.param("passes", keys.stream()
				.map(k -> k.probe() == null || k.probe().passId() == null ? null : k.probe().passId().toString())
				.toArray(String[]::new))
			.param("lo", Timestamp.from(first.minus(REPLAY_WINDOW)))
			.param("hi", Timestamp.from(last.plus(REPLAY_WINDOW)))
			.query((rs, i) -> {
				UUID storedId = rs.getObject("st_id", UUID.class);
				if (storedId != null) {
					stored.put(storedId, new Stored(storedId, rs.getTimestamp("st_at").toInstant(),
							rs.getLong("st_checkpoint_id"), rs.getString("st_decision"), rs.getString("st_reason"),
							rs.getString("st_name")));
				}
				Pass pass = Passes.pass(rs, "s_");
				if (pass != null) {
					passes.put(pass.id(), pass);
				}
				int visit = rs.getInt("k_visit");
				if (!checkpoints.containsKey(visit)) {
					checkpoints.put(visit, Checkpoints.checkpoint(rs, "c_"));
				}
				return null;
			})
			.list();
		return new Reading(checkpoints, stored, passes);
	}

	/** {@code a.x as p_x, a.y as p_y, …} of a comma-separated column list. */
	static String aliased(String columns, String alias, String prefix) {
		return java.util.Arrays.stream(columns.split(","))
			.map(String::strip)
			.map(c -> alias + "." + c + " as " + prefix + c)
			.collect(java.util.stream.Collectors.joining(", "));
	}

	/**
	 * The rows in one statement (so the hour counters' trigger runs once for them all), whatever
	 * checkpoints and monthly partitions they fall in. A passage keeps the jurisdiction its
	 * checkpoint has now.
	 */
	void insertAll(List<Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, pass_id, person_id, visitor_name,
				  visitor_phone_enc, visitor_reason, host_household_id, temperature, decision, reason, plate, guard_id)
				select cast(r.id as uuid), cast(r.at as timestamptz), r.c, r.path, r.dir, cast(r.pass as uuid), r.person, r.vname,
				  decode(r.vphone, 'base64'), r.vreason, r.host, cast(r.t as numeric), r.d, r.reason, r.plate, r.guard
				from unnest(cast(:ids as text[]), cast(:ats as text[]), cast(:cs as bigint[]), cast(:paths as text[]),
				  cast(:dirs as text[]), cast(:passes as text[]), cast(:persons as bigint[]), cast(:vnames as text[]),
				  cast(:vphones as text[]), cast(:vreasons as text[]), cast(:hosts as bigint[]), cast(:ts as text[]),
				  cast(:ds as text[]), cast(:reasons as text[]), cast(:plates as text[]), cast(:guards as bigint[]))
				  as r(id, at, c, path, dir, pass, person, vname, vphone, vreason, host, t, d, reason, plate, guard)
				""")
			.param("ids", column(rows, r -> r.id().toString()))
			.param("ats", column(rows, r -> r.at().toString()))
			.param("cs", rows.stream().map(r -> r.checkpoint().id()).toArray(Long[]::new))
			.param("paths", column(rows, r -> r.checkpoint().path()))
			.param("dirs", column(rows, Row::direction))
			.param("passes", column(rows, r -> r.passId() == null ? null : r.passId().toString()))
			.param("persons", rows.stream().map(Row::personId).toArray(Long[]::new))
			.param("vnames", column(rows, Row::visitorName))
			.param("vphones", column(rows,
					r -> r.visitorPhoneEnc() == null ? null : java.util.Base64.getEncoder().encodeToString(r.visitorPhoneEnc())))
			.param("vreasons", column(rows, Row::visitorReason))
			.param("hosts", rows.stream().map(Row::hostHouseholdId).toArray(Long[]::new))
			.param("ts", column(rows, r -> r.temperature() == null ? null : r.temperature().toPlainString()))
			.param("ds", column(rows, Row::decision))
			.param("reasons", column(rows, Row::reason))
			.param("plates", column(rows, Row::plate))
			.param("guards", rows.stream().map(Row::guardId).toArray(Long[]::new))
			.update();
	}

	private static String[] column(List<Row> rows, java.util.function.Function<Row, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

}
