package cn.shouwang.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import cn.shouwang.shared.JurisdictionScope;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for daily reports, their events and the notices sent about them. */
@Repository
class DailyReports {

	private static final String COLUMNS = """
			id, node_id, jurisdiction_path, day, status, zero, note, figures::text, deadline, first_submitted_at, on_time,
			submitted_at, submitted_by, reopened_until, reopened_by, approved_at, approved_by, version
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	DailyReports(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<StoredReport> find(long nodeId, LocalDate day) {
		return this.jdbc.sql("select " + COLUMNS + " from daily_report where node_id = :n and day = :d")
			.param("n", nodeId)
			.param("d", day)
			.query((rs, i) -> report(rs))
			.optional();
	}

	/** The day's reports of every unit under a path: one range read of (day, path). */
	List<StoredReport> under(JurisdictionScope scope, LocalDate day) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from daily_report where day = :d and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				""")).param("d", day).query((rs, i) -> report(rs)).list();
	}

	/** Submitted reports under a path over a range of days, for the dashboard's series. */
	List<StoredReport> submittedBetween(JurisdictionScope scope, LocalDate from, LocalDate to) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from daily_report where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				   and day between :f and :t and status in ('SUBMITTED', 'APPROVED')
				""")).param("f", from).param("t", to).query((rs, i) -> report(rs)).list();
	}

	/** Creates the row if missing (as a draft) and returns it locked for update. */
	StoredReport lockOrCreate(long nodeId, String path, LocalDate day, Instant deadline) {
		this.jdbc.sql("""
				insert into daily_report(node_id, jurisdiction_path, day, status, deadline) values (:n, :p, :d, 'DRAFT', :dl)
				on conflict (node_id, day) do nothing
				""").param("n", nodeId).param("p", path).param("d", day).param("dl", Timestamp.from(deadline)).update();
		return this.jdbc.sql("select " + COLUMNS + " from daily_report where node_id = :n and day = :d for update")
			.param("n", nodeId)
			.param("d", day)
			.query((rs, i) -> report(rs))
			.single();
	}

	void saveNote(long id, String note) {
		this.jdbc.sql("update daily_report set note = :note, version = version + 1, updated_at = now() where id = :id")
			.param("note", note)
			.param("id", id)
			.update();
	}

	void submit(long id, boolean zero, String note, Map<String, Long> figures, Instant at, String by, boolean onTime) {
		this.jdbc.sql("""
				update daily_report set status = 'SUBMITTED', zero = :zero, note = :note, figures = cast(:f as jsonb),
				  submitted_at = :at, submitted_by = :by, first_submitted_at = coalesce(first_submitted_at, :at),
				  on_time = coalesce(on_time, :onTime), approved_at = null, approved_by = null,
				  version = version + 1, updated_at = now()
				where id = :id
				""")
			.param("zero", zero)
			.param("note", note)
			.param("f", toJson(figures))
			.param("at", Timestamp.from(at))
			.param("by", by)
			.param("onTime", onTime)
			.param("id", id)
			.update();
	}

	void reopen(long id, Instant until, String by) {
		this.jdbc.sql("""
				update daily_report set status = 'DRAFT', reopened_until = :u, reopened_by = :by, approved_at = null,
				  approved_by = null, version = version + 1, updated_at = now() where id = :id
				""").param("u", Timestamp.from(until)).param("by", by).param("id", id).update();
	}

	void approve(long id, Instant at, String by) {
		this.jdbc.sql("""
				update daily_report set status = 'APPROVED', approved_at = :at, approved_by = :by, version = version + 1,
				  updated_at = now() where id = :id
				""").param("at", Timestamp.from(at)).param("by", by).param("id", id).update();
	}

	void event(long reportId, String kind, String note, String actor) {
		this.jdbc.sql("insert into daily_report_event(report_id, kind, note, actor_name) values (:r, :k, :n, :a)")
			.param("r", reportId)
			.param("k", kind)
			.param("n", note)
			.param("a", actor)
			.update();
	}

	List<ReportEvent> events(long reportId) {
		return this.jdbc.sql("select kind, note, actor_name, at from daily_report_event where report_id = :r order by at, id")
			.param("r", reportId)
			.query((rs, i) -> new ReportEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	/** Records that a notice went out; false when it had already gone (by this node or another). */
	boolean noticeOnce(long nodeId, LocalDate day, String kind) {
		return this.jdbc.sql("""
				insert into daily_report_notice(node_id, day, kind) values (:n, :d, :k) on conflict do nothing
				""").param("n", nodeId).param("d", day).param("k", kind).update() == 1;
	}

	/** A community that has not submitted the day's report, with the node above it. */
	record Unreported(long nodeId, Long parentId, String name) {
	}

	/** Every active community without a complete report of the day (for reminders and escalation). */
	List<Unreported> unreported(LocalDate day) {
		return this.jdbc.sql("""
				select n.id, n.parent_id, n.name from jurisdiction_node n
				where n.level = 'COMMUNITY' and n.retired_at is null
				  and not exists (select 1 from daily_report r where r.node_id = n.id and r.day = :d
				                  and r.status in ('SUBMITTED', 'APPROVED'))
				order by n.path
				""").param("d", day).query((rs, i) -> new Unreported(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3))).list();
	}

	private String toJson(Map<String, Long> figures) {
		return this.json.writeValueAsString(new java.util.TreeMap<>(figures));
	}

	private StoredReport report(ResultSet rs) throws SQLException {
		Map<String, Long> figures = new HashMap<>();
		Map<?, ?> raw = this.json.readValue(rs.getString("figures"), Map.class);
		raw.forEach((k, v) -> figures.put(String.valueOf(k), ((Number) v).longValue()));
		return new StoredReport(rs.getLong("id"), rs.getLong("node_id"), rs.getString("jurisdiction_path"),
				rs.getDate("day").toLocalDate(), ReportStatus.valueOf(rs.getString("status")), rs.getBoolean("zero"),
				rs.getString("note"), figures, instant(rs, "deadline"), instant(rs, "first_submitted_at"),
				(Boolean) rs.getObject("on_time"), instant(rs, "submitted_at"), rs.getString("submitted_by"),
				instant(rs, "reopened_until"), rs.getString("reopened_by"), instant(rs, "approved_at"),
				rs.getString("approved_by"), rs.getInt("version"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	static String codes(Map<String, Long> m) {
		return m.keySet().stream().sorted().collect(Collectors.joining(","));
	}

}
