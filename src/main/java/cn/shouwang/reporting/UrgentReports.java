package cn.shouwang.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.report.UrgentEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for urgent reports, always inside a jurisdiction where a caller is involved. */
@Repository
class UrgentReports {

	private static final String COLUMNS = """
			r.id, r.source, r.kind, r.node_id, n.name, r.jurisdiction_path, r.occurred_at, r.due_at, r.summary, r.link,
			r.status, r.report, r.submitted_at, r.submitted_by, r.late, r.escalated_at, r.acknowledged_at, r.acknowledged_by
			""";

	private final JdbcClient jdbc;

	UrgentReports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Opens the urgent report of an event at the community above the place it happened (or the place
	 * itself when it is above the communities); empty when it was opened before,
	 * else its id and the node's.
	 */
	Optional<long[]> open(UrgentEvent e, Instant dueAt) {
		return this.jdbc.sql("""
				insert into urgent_report(source, kind, node_id, jurisdiction_path, event_path, occurred_at, due_at, summary, link)
				select :source, :kind, n.id, n.path, :path, :at, :due, :summary, :link from jurisdiction_node n
				where starts_with(:path, n.path) and n.level in ('DISTRICT', 'STREET', 'COMMUNITY')
				order by length(n.path) desc limit 1
				on conflict (source) do nothing
				returning id, node_id
				""")
			.param("source", e.source())
			.param("kind", e.kind())
			.param("path", e.path())
			.param("at", Timestamp.from(e.occurredAt()))
			.param("due", Timestamp.from(dueAt))
			.param("summary", e.summary())
			.param("link", e.link())
			.query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.optional();
	}

	List<UrgentReport> list(JurisdictionScope scope, boolean all, int limit) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from urgent_report r join jurisdiction_node n on n.id = r.node_id
				where r.jurisdiction_path >= :scopeLo and r.jurisdiction_path < :scopeHi
				  and (:all or r.status <> 'ACKNOWLEDGED')
				order by (r.status = 'OPEN') desc, r.due_at limit :limit
				""")).param("all", all).param("limit", limit).query((rs, i) -> row(rs)).list();
	}

	Optional<UrgentReport> find(JurisdictionScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				 from urgent_report r join jurisdiction_node n on n.id = r.node_id
				where r.id = :id and r.jurisdiction_path >= :scopeLo and r.jurisdiction_path < :scopeHi
				""")).param("id", id).query((rs, i) -> row(rs)).optional();
	}

	int submit(long id, String report, Instant at, String by) {
		return this.jdbc.sql("""
				update urgent_report set status = 'SUBMITTED', report = :report, submitted_at = :at, submitted_by = :by,
				  late = :at > due_at where id = :id and status = 'OPEN'
				""").param("report", report).param("at", Timestamp.from(at)).param("by", by).param("id", id).update();
	}

	int acknowledge(long id, Instant at, String by) {
		return this.jdbc.sql("""
				update urgent_report set status = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :by
				where id = :id and status = 'SUBMITTED'
				""").param("at", Timestamp.from(at)).param("by", by).param("id", id).update();
	}

	/** Late and not escalated yet, marked escalated in the same statement (so once, whatever the nodes). */
	record Late(long id, long nodeId, String nodeName, Long parentId, String summary) {
	}

	List<Late> escalateLate(Instant now) {
		return this.jdbc.sql("""
				update urgent_report r set escalated_at = :now from jurisdiction_node n
				where n.id = r.node_id and r.status = 'OPEN' and r.escalated_at is null and r.due_at <= :now
				returning r.id, r.node_id, n.name, n.parent_id, r.summary
				""").param("now", Timestamp.from(now))
			.query((rs, i) -> new Late(rs.getLong(1), rs.getLong(2), rs.getString(3), (Long) rs.getObject(4), rs.getString(5)))
			.list();
	}

	private static UrgentReport row(ResultSet rs) throws SQLException {
		return new UrgentReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
				rs.getString(6), ts(rs, 7), ts(rs, 8), rs.getString(9), rs.getString(10),
				UrgentReport.Status.valueOf(rs.getString(11)), rs.getString(12), ts(rs, 13), rs.getString(14),
				(Boolean) rs.getObject(15), ts(rs, 16), ts(rs, 17), rs.getString(18));
	}

	private static Instant ts(ResultSet rs, int i) throws SQLException {
		Timestamp t = rs.getTimestamp(i);
		return t == null ? null : t.toInstant();
	}

}
