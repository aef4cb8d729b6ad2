package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.keyperson.Symptom;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for health alerts and their timeline. */
@Repository
class Alerts {

	private static final String COLUMNS = """
			a.id, a.measure_id, a.person_id, a.name, a.reason, a.temperature, a.symptoms, a.level, a.status, a.opened_at,
			a.handle_by, a.acknowledged_at, a.acknowledged_by, a.handled_at, a.handled_by, a.handling, a.note,
			a.jurisdiction_path, (a.status <> 'HANDLED' and a.handle_by < :now) as overdue
			""";

	private static final String FILTER = """
			from health_alert a
			where a.jurisdiction_path >= :scopeLo and a.jurisdiction_path < :scopeHi
			  and ((cast(:status as text) is null and a.status <> 'HANDLED') or a.status = :status)
			  and (cast(:level as text) is null or a.level = :level)
			  and (cast(:overdue as boolean) is null or (a.status <> 'HANDLED' and a.handle_by < :now) = :overdue)
			  and (cast(:text as text) is null or a.name like '%' || :text || '%')
			""";

	record Stored(AlertRow row, String path) {
	}

	/** An alert the escalation job looks at: how old it is, at which level, and its measure's deadlines. */
	record Pending(long id, long measureId, String path, String name, AlertRow.Level level, AlertRow.Status status,
			Instant openedAt, Instant handleBy, int ackMinutes, int streetMinutes, boolean overdueNotified) {
	}

	/** The measure an alert belongs to: whose, where, and the policy version that sets its deadlines. */
	record MeasureRef(long id, long personId, String name, String path, long policyId) {
	}

	private final JdbcClient jdbc;

	Alerts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(JurisdictionScope scope, long id, Instant now) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from health_alert a where a.id = :id and a.jurisdiction_path >= :scopeLo and a.jurisdiction_path < :scopeHi
				"""))
			.param("id", id)
			.param("now", Timestamp.from(now))
			.query((rs, i) -> new Stored(row(rs), rs.getString("jurisdiction_path")))
			.optional();
	}

	/** The open alert of a measure, locked, so that two abnormal checks at once do not both open one. */
	Optional<Long> openFor(long measureId) {
		return this.jdbc.sql("select id from health_alert where measure_id = :m and status <> 'HANDLED' for update")
			.param("m", measureId)
			.query(Long.class)
			.optional();
	}

	Optional<MeasureRef> measure(long measureId) {
		return this.jdbc.sql("select id, person_id, name, jurisdiction_path, policy_id from control_measure where id = :m")
			.param("m", measureId)
			.query((rs, i) -> measureRef(rs))
			.optional();
	}

	Optional<MeasureRef> runningMeasureOf(long personId) {
		return this.jdbc.sql("""
				select id, person_id, name, jurisdiction_path, policy_id from control_measure
				where person_id = :p and status in ('PLANNED', 'ACTIVE', 'EXTENDED')
				""").param("p", personId).query((rs, i) -> measureRef(rs)).optional();
	}

	long count(JurisdictionScope scope, AlertFilter f, Instant now) {
		return bind(scope.bind(this.jdbc.sql("select count(*) " + FILTER)), f, now).query(Long.class).single();
	}

	List<AlertRow> page(JurisdictionScope scope, AlertFilter f, Instant now, PageQuery page) {
		return bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + " order by a.handle_by, a.id limit :limit offset :offset")),
				f, now)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	void stream(JurisdictionScope scope, AlertFilter f, Instant now, Consumer<AlertRow> sink) {
		bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + " order by a.handle_by, a.id")), f, now)
			.withFetchSize(1_000)
			.query(rs -> {
				sink.accept(row(rs));
			});
	}

	long countOpen(JurisdictionScope scope) {
		return scope.bind(this.jdbc.sql("""
				select count(*) from health_alert a where a.status <> 'HANDLED'
				  and a.jurisdiction_path >= :scopeLo and a.jurisdiction_path < :scopeHi
				""")).query(Long.class).single();
	}

	long insert(long measureId, long personId, UUID checkId, String name, String path, AlertRow.Reason reason,
			BigDecimal temperature, List<Symptom> symptoms, Instant openedAt, Instant handleBy) {
		return this.jdbc.sql("""
				insert into health_alert(measure_id, person_id, check_id, name, jurisdiction_path, reason, temperature, symptoms,
				  opened_at, handle_by)
				values (:m, :p, :check, :name, :path, :reason, :t, cast(:symptoms as text[]), :opened, :handleBy) returning id
				""")
			.param("m", measureId)
			.param("p", personId)
			.param("check", checkId)
			.param("name", name)
			.param("path", path)
			.param("reason", reason.name())
			.param("t", temperature)
			.param("symptoms", names(symptoms))
			.param("opened", Timestamp.from(openedAt))
			.param("handleBy", Timestamp.from(handleBy))
			.query(Long.class)
			.single();
	}

	/** OPEN → ACKNOWLEDGED; false when someone already did it. */
	boolean acknowledge(long id, String actor, String note, Instant at) {
		return this.jdbc.sql("""
				update health_alert set status = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :actor,
				  note = coalesce(:note, note) where id = :id and status = 'OPEN'
				""").param("id", id).param("actor", actor).param("note", note).param("at", Timestamp.from(at)).update() == 1;
	}

	/** Not yet handled → HANDLED (acknowledging it too if nobody had); false when already handled. */
	boolean handle(long id, String actor, AlertRow.Handling handling, String note, Instant at) {
		return this.jdbc.sql("""
				update health_alert set status = 'HANDLED', handled_at = :at, handled_by = :actor, handling = :handling,
				  note = coalesce(:note, note), acknowledged_at = coalesce(acknowledged_at, :at),
				  acknowledged_by = coalesce(acknowledged_by, :actor)
				where id = :id and status <> 'HANDLED'
				""")
			.param("id", id)
			.param("actor", actor)
			.param("handling", handling.name())
			.param("note", note)
			.param("at", Timestamp.from(at))
			.update() == 1;
	}

	void setLevel(long id, AlertRow.Level level) {
		this.jdbc.sql("update health_alert set level = :level where id = :id").param("level", level.name()).param("id", id).update();
	}

	void event(long alertId, String kind, String note, String actor, Instant at) {
		this.jdbc.sql("insert into health_alert_event(alert_id, kind, note, actor_name, at) values (:a, :k, :n, :actor, :at)")
			.param("a", alertId)
			.param("k", kind)
			.param("n", note)
			.param("actor", actor)
			.param("at", Timestamp.from(at))
			.update();
	}

	List<AlertRow.Event> events(long alertId) {
		return this.jdbc.sql("select kind, note, actor_name, at from health_alert_event where alert_id = :a order by at, id")
			.param("a", alertId)
			.query((rs, i) -> new AlertRow.Event(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Alerts not handled yet with their policy's deadlines, oldest first, for the escalation job. */
	List<Pending> pending() {
		return this.jdbc.sql("""
				select a.id, a.measure_id, a.jurisdiction_path, a.name, a.level, a.status, a.opened_at, a.handle_by,
				  p.ack_minutes, p.street_minutes,
				  exists (select 1 from health_alert_event e where e.alert_id = a.id and e.kind = 'OVERDUE')
				from health_alert a join control_measure m on m.id = a.measure_id join monitoring_policy p on p.id = m.policy_id
				where a.status <> 'HANDLED' order by a.opened_at, a.id
				""").query((rs, i) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
				AlertRow.Level.valueOf(rs.getString(5)), AlertRow.Status.valueOf(rs.getString(6)),
				rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getInt(9), rs.getInt(10),
				rs.getBoolean(11))).list();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AlertFilter f, Instant now) {
		return spec.param("status", f.status() == null ? null : f.status().name())
			.param("level", f.level() == null ? null : f.level().name())
			.param("overdue", f.overdue())
			.param("text", f.text() == null || f.text().isBlank() ? null : f.text().strip())
			.param("now", Timestamp.from(now));
	}

	static String[] names(List<Symptom> symptoms) {
		return symptoms == null ? new String[0] : symptoms.stream().map(Symptom::name).toArray(String[]::new);
	}

	private static AlertRow row(ResultSet rs) throws SQLException {
		String handling = rs.getString("handling");
		String[] symptoms = (String[]) rs.getArray("symptoms").getArray();
		return new AlertRow(rs.getLong("id"), rs.getLong("measure_id"), rs.getLong("person_id"), rs.getString("name"),
				AlertRow.Reason.valueOf(rs.getString("reason")), rs.getBigDecimal("temperature"),
				Arrays.stream(symptoms).map(Symptom::valueOf).toList(), AlertRow.Level.valueOf(rs.getString("level")),
				AlertRow.Status.valueOf(rs.getString("status")), instant(rs, "opened_at"), instant(rs, "handle_by"),
				instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), instant(rs, "handled_at"),
				rs.getString("handled_by"), handling == null ? null : AlertRow.Handling.valueOf(handling),
				rs.getString("note"), rs.getBoolean("overdue"));
	}

	private static MeasureRef measureRef(ResultSet rs) throws SQLException {
		return new MeasureRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

}
