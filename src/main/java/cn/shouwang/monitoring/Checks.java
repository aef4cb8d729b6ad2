package cn.shouwang.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import cn.shouwang.keyperson.Symptom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for health checks and the follow-up slots they fill. */
@Repository
class Checks {

	private static final String COLUMNS = """
			id, measure_id, person_id, taken_at, day, slot, temperature, symptoms, fever, source, recorded_by
			""";

	/** The measure as a check needs it, read under a row lock so that checks of one person go one at a time. */
	record LockedMeasure(long id, long personId, String name, String path, Long householdId, long policyId,
			MeasureStatus status, java.time.LocalDate startsOn) {
	}

	private final JdbcClient jdbc;

	Checks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the measure row (no key update: alerts and slots referencing it are not blocked), so the
	 * duplicate rule sees every check committed before this one.
	 */
	Optional<LockedMeasure> lock(long measureId) {
		return this.jdbc.sql("""
				select id, person_id, name, jurisdiction_path, household_id, policy_id, status, starts_on
				from control_measure where id = :m for no key update
				""").param("m", measureId).query((rs, i) -> new LockedMeasure(rs.getLong(1), rs.getLong(2), rs.getString(3),
				rs.getString(4), (Long) rs.getObject(5), rs.getLong(6), MeasureStatus.valueOf(rs.getString(7)),
				rs.getDate(8).toLocalDate())).optional();
	}

	/** The household's measures still running, oldest first, unlocked: what a personal link shows. */
	List<LockedMeasure> runningInHousehold(long householdId) {
		return this.jdbc.sql("""
				select id, person_id, name, jurisdiction_path, household_id, policy_id, status, starts_on
				from control_measure where household_id = :h and status in ('PLANNED', 'ACTIVE', 'EXTENDED') order by id
				""").param("h", householdId).query((rs, i) -> new LockedMeasure(rs.getLong(1), rs.getLong(2),
				rs.getString(3), rs.getString(4), (Long) rs.getObject(5), rs.getLong(6),
				MeasureStatus.valueOf(rs.getString(7)), rs.getDate(8).toLocalDate())).list();
	}

	Optional<HealthCheck> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from health_check where id = :id")
			.param("id", id)
			.query((rs, i) -> row(rs))
			.optional();
	}

	/** The person's check nearest to this moment within the window either side, if any. */
	Optional<HealthCheck> near(long personId, Instant at, Duration window) {
		return this.jdbc.sql("select " + COLUMNS + """
				from health_check where person_id = :p and taken_at > :lo and taken_at < :hi
				order by abs(extract(epoch from taken_at - :at)) limit 1
				""")
			.param("p", personId)
			.param("lo", Timestamp.from(at.minus(window)))
			.param("hi", Timestamp.from(at.plus(window)))
			.param("at", Timestamp.from(at))
			.query((rs, i) -> row(rs))
			.optional();
	}

	/** Stores a check; false when one with this id arrived first (a retry racing the original). */
	boolean insert(HealthCheck c, String path) {
		return this.jdbc.sql("""
				insert into health_check(id, measure_id, person_id, jurisdiction_path, taken_at, day, slot, temperature, symptoms,
				  fever, source, recorded_by)
				values (:id, :m, :p, :path, :at, :day, :slot, :t, cast(:symptoms as text[]), :fever, :source, :by)
				on conflict (id) do nothing
				""")
			.param("id", c.id())
			.param("m", c.measureId())
			.param("p", c.personId())
			.param("path", path)
			.param("at", Timestamp.from(c.takenAt()))
			.param("day", c.day())
			.param("slot", c.slot().name())
			.param("t", c.temperature())
			.param("symptoms", Alerts.names(c.symptoms()))
			.param("fever", c.fever())
			.param("source", c.source().name())
			.param("by", c.recordedBy())
			.update() == 1;
	}

	/** A normal check moves the measure's latest normal day, which "ready for release" reads. */
	void noteIfNormal(HealthCheck c) {
		if (c.fever() || !c.symptoms().isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update control_measure set last_normal_day = greatest(last_normal_day, :day) where id = :m
				""").param("day", c.day()).param("m", c.measureId()).update();
	}

	/** The slot the check belongs to, if it is there and still open; a slot reported already keeps its first check. */
	boolean fillSlot(HealthCheck c) {
		return this.jdbc.sql("""
				update followup_slot set check_id = :id where measure_id = :m and day = :day and slot = :slot and check_id is null
				""").param("id", c.id()).param("m", c.measureId()).param("day", c.day()).param("slot", c.slot().name())
			.update() == 1;
	}

	List<HealthCheck> ofMeasure(long measureId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from health_check where measure_id = :m order by taken_at desc limit :limit")
			.param("m", measureId)
			.param("limit", limit)
			.query((rs, i) -> row(rs))
			.list();
	}

	List<HealthCheck> ofMeasures(List<Long> measureIds) {
		return this.jdbc.sql("select " + COLUMNS + " from health_check where measure_id = any(:ms) order by taken_at")
			.param("ms", measureIds.toArray(Long[]::new))
			.query((rs, i) -> row(rs))
			.list();
	}

	static HealthCheck row(ResultSet rs) throws SQLException {
		String[] symptoms = (String[]) rs.getArray("symptoms").getArray();
		return new HealthCheck(rs.getObject("id", UUID.class), rs.getLong("measure_id"), rs.getLong("person_id"),
				rs.getTimestamp("taken_at").toInstant(), rs.getDate("day").toLocalDate(), Slot.valueOf(rs.getString("slot")),
				rs.getBigDecimal("temperature"), Arrays.stream(symptoms).map(Symptom::valueOf).toList(),
				rs.getBoolean("fever"), HealthCheck.Source.valueOf(rs.getString("source")), rs.getString("recorded_by"));
	}

}
