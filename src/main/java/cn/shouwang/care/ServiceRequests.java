package cn.shouwang.care;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for service requests and their timeline. Every change is guarded by the row's version. */
@Repository
class ServiceRequests {

	private static final String COLUMNS = """
			r.id, r.household_id, r.address, r.kind, r.description, r.source, r.status, r.assigned_user_id, r.assigned_name,
			r.due_at, r.done_at, r.done_note, r.cancel_reason, r.satisfied, r.feedback, r.feedback_source, r.feedback_at,
			r.created_by, r.created_at, r.version, r.jurisdiction_path,
			(r.status in ('OPEN', 'ASSIGNED') and r.due_at < :now) as overdue
			""";

	private static final String FILTER = """
			from service_request r
			where r.jurisdiction_path >= :scopeLo and r.jurisdiction_path < :scopeHi
			  and (cast(:status as text) is null or r.status = :status)
			  and (cast(:kind as text) is null or r.kind = :kind)
			  and (not :overdueOnly or (r.status in ('OPEN', 'ASSIGNED') and r.due_at < :now))
			  and (cast(:assignee as bigint) is null or r.assigned_user_id = :assignee)
			  and (cast(:household as bigint) is null or r.household_id = :household)
			  and (cast(:text as text) is null or r.address like '%' || :text || '%' or r.description like '%' || :text || '%')
			""";

	/** Open ones first, soonest due first; then the closed ones, newest first. */
	private static final String ORDER = """
			 order by (r.status in ('OPEN', 'ASSIGNED')) desc,
			   case when r.status in ('OPEN', 'ASSIGNED') then r.due_at end, r.created_at desc, r.id desc
			""";

	record Stored(ServiceRequestRow row, String path) {
	}

	record Event(String kind, String note, String actor, Instant at) {
	}

	/** What the list filters on, already checked: the assignee is the caller for "mine" and for volunteers. */
	record Query(RequestStatus status, RequestKind kind, boolean overdueOnly, Long assignee, Long householdId,
			String text) {
	}

	record Counts(long open, long assigned, long done, long cancelled, long overdue) {
	}

	private final JdbcClient jdbc;

	ServiceRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(JurisdictionScope scope, long id, Long onlyAssignee, Instant now) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from service_request r where r.id = :id and r.jurisdiction_path >= :scopeLo and r.jurisdiction_path < :scopeHi
				  and (cast(:assignee as bigint) is null or r.assigned_user_id = :assignee)
				"""))
			.param("id", id)
			.param("assignee", onlyAssignee)
			.param("now", Timestamp.from(now))
			.query((rs, i) -> new Stored(row(rs), rs.getString("jurisdiction_path")))
			.optional();
	}

	long count(JurisdictionScope scope, Query q, Instant now) {
		return bind(scope.bind(this.jdbc.sql("select count(*) " + FILTER)), q, now).query(Long.class).single();
	}

	List<ServiceRequestRow> page(JurisdictionScope scope, Query q, Instant now, PageQuery page) {
		return bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + ORDER + " limit :limit offset :offset")), q, now)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	void stream(JurisdictionScope scope, Query q, Instant now, Consumer<ServiceRequestRow> sink) {
		bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + ORDER)), q, now).withFetchSize(1_000).query(rs -> {
			sink.accept(row(rs));
		});
	}

	Counts counts(JurisdictionScope scope, Long assignee, Instant now) {
		return scope.bind(this.jdbc.sql("""
				select count(*) filter (where status = 'OPEN'), count(*) filter (where status = 'ASSIGNED'),
				  count(*) filter (where status = 'DONE'), count(*) filter (where status = 'CANCELLED'),
				  count(*) filter (where status in ('OPEN', 'ASSIGNED') and due_at < :now)
				from service_request where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				  and (cast(:assignee as bigint) is null or assigned_user_id = :assignee)
				"""))
			.param("assignee", assignee)
			.param("now", Timestamp.from(now))
			.query((rs, i) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
			.single();
	}

	/** Requests still to do: open ones past due in a jurisdiction, or a volunteer's own open tasks. */
	long openCount(JurisdictionScope scope, Long assignee, boolean overdueOnly, Instant now) {
		return scope.bind(this.jdbc.sql("""
				select count(*) from service_request where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				  and status in ('OPEN', 'ASSIGNED') and (not :overdueOnly or due_at < :now)
				  and (cast(:assignee as bigint) is null or assigned_user_id = :assignee)
				"""))
			.param("assignee", assignee)
			.param("overdueOnly", overdueOnly)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	long insert(long householdId, String path, String address, RequestKind kind, String description,
			RequestSource source, Instant dueAt, String actor, UUID linkId) {
		return this.jdbc.sql("""
				insert into service_request(household_id, jurisdiction_path, address, kind, description, source, due_at,
				  created_by, link_id)
				values (:h, :path, :address, :kind, :description, :source, :due, :actor, :link) returning id
				""")
			.param("h", householdId)
			.param("path", path)
			.param("address", address)
			.param("kind", kind.name())
			.param("description", description)
			.param("source", source.name())
			.param("due", Timestamp.from(dueAt))
			.param("actor", actor)
			.param("link", linkId)
			.query(Long.class)
			.single();
	}

	boolean assign(long id, int version, long userId, String name) {
		return this.jdbc.sql("""
				update service_request set status = 'ASSIGNED', assigned_user_id = :u, assigned_name = :name,
				  assigned_at = now(), version = version + 1, updated_at = now()
				where id = :id and version = :v and status in ('OPEN', 'ASSIGNED')
				""").param("u", userId).param("name", name).param("id", id).param("v", version).update() == 1;
	}

	boolean done(long id, int version, String note, Instant at) {
		return this.jdbc.sql("""
				update service_request set status = 'DONE', done_note = :note, done_at = :at, version = version + 1,
				  updated_at = now()
				where id = :id and version = :v and status = 'ASSIGNED'
				""").param("note", note).param("at", Timestamp.from(at)).param("id", id).param("v", version).update() == 1;
	}

	boolean cancel(long id, int version, String reason) {
		return this.jdbc.sql("""
				update service_request set status = 'CANCELLED', cancel_reason = :reason, version = version + 1,
				  updated_at = now()
				where id = :id and version = :v and status in ('OPEN', 'ASSIGNED')
				""").param("reason", reason).param("id", id).param("v", version).update() == 1;
	}

	boolean feedback(long id, int version, boolean satisfied, String text, RequestSource source, Instant at) {
		return this.jdbc.sql("""
				update service_request set satisfied = :s, feedback = :text, feedback_source = :source, feedback_at = :at,
				  version = version + 1, updated_at = now()
				where id = :id and version = :v and status = 'DONE' and satisfied is null
				""")
			.param("s", satisfied)
			.param("text", text)
			.param("source", source.name())
			.param("at", Timestamp.from(at))
			.param("id", id)
			.param("v", version)
			.update() == 1;
	}

	void event(long id, String kind, String note, String actor) {
		this.jdbc.sql("insert into service_request_event(request_id, kind, note, actor_name) values (:r, :k, :n, :a)")
			.param("r", id)
			.param("k", kind)
			.param("n", note)
			.param("a", actor)
			.update();
	}

	List<Event> events(long id) {
		return this.jdbc.sql("select kind, note, actor_name, at from service_request_event where request_id = :r order by at, id")
			.param("r", id)
			.query((rs, i) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Query q, Instant now) {
		return spec.param("status", q.status() == null ? null : q.status().name())
			.param("kind", q.kind() == null ? null : q.kind().name())
			.param("overdueOnly", q.overdueOnly())
			.param("assignee", q.assignee())
			.param("household", q.householdId())
			.param("text", q.text())
			.param("now", Timestamp.from(now));
	}

	private static ServiceRequestRow row(ResultSet rs) throws SQLException {
		String feedbackSource = rs.getString("feedback_source");
		return new ServiceRequestRow(rs.getLong("id"), rs.getLong("household_id"), rs.getString("address"),
				RequestKind.valueOf(rs.getString("kind")), rs.getString("description"),
				RequestSource.valueOf(rs.getString("source")), RequestStatus.valueOf(rs.getString("status")),
				(Long) rs.getObject("assigned_user_id"), rs.getString("assigned_name"), instant(rs, "due_at"),
				instant(rs, "done_at"), rs.getString("done_note"), rs.getString("cancel_reason"),
				(Boolean) rs.getObject("satisfied"), rs.getString("feedback"),
				feedbackSource == null ? null : RequestSource.valueOf(feedbackSource), instant(rs, "feedback_at"),
				rs.getString("created_by"), instant(rs, "created_at"), rs.getInt("version"), rs.getBoolean("overdue"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

}
