package cn.shouwang.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for measure plans, their phases, team, history and follow-up slots. */
@Repository
class Measures {

	static final String COLUMNS = """
			m.id, m.key_person_id, m.person_id, m.name, m.address, m.household_id, m.grid_id, m.category, m.policy_id,
			m.last_exposure, m.starts_on, m.ends_on, m.status, m.released_at, m.version, m.created_at, m.jurisdiction_path,
			(select ph.measure_type from control_measure_phase ph where ph.measure_id = m.id
			   and ph.starts_on <= greatest(:today, m.starts_on) order by ph.seq desc limit 1) as current_type
			""";

	private static final String FILTER = """
			from control_measure m
			where m.jurisdiction_path >= :scopeLo and m.jurisdiction_path < :scopeHi
			  and ((cast(:status as text) is null and m.status in ('PLANNED', 'ACTIVE', 'EXTENDED')) or m.status = :status)
			  and (cast(:text as text) is null or m.name like '%' || :text || '%' or m.address like '%' || :text || '%')
			  and (cast(:type as text) is null or exists (select 1 from control_measure_phase ph where ph.measure_id = m.id
			       and ph.measure_type = :type and ph.starts_on <= greatest(:today, m.starts_on) and ph.ends_on >= :today))
			""";

	record Stored(MeasureRow row, String path) {
	}

	record PhaseRow(int seq, MeasureType type, LocalDate startsOn, LocalDate endsOn, String place, String siteName,
			String room) {
	}

	record TeamRow(long id, String duty, Long userId, String name, byte[] phoneEnc) {
	}

	record Event(String kind, String note, String actor, Instant at) {
	}

	private final JdbcClient jdbc;

	Measures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(JurisdictionScope scope, long id, LocalDate today) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from control_measure m where m.id = :id and m.jurisdiction_path >= :scopeLo and m.jurisdiction_path < :scopeHi
				"""))
			.param("id", id)
			.param("today", today)
			.query((rs, i) -> new Stored(row(rs), rs.getString("jurisdiction_path")))
			.optional();
	}

	Optional<Long> runningFor(long personId) {
		return this.jdbc.sql("select id from control_measure where person_id = :p and status in ('PLANNED', 'ACTIVE', 'EXTENDED')")
			.param("p", personId)
			.query(Long.class)
			.optional();
	}

	long count(JurisdictionScope scope, MeasureFilter f, LocalDate today) {
		return bind(scope.bind(this.jdbc.sql("select count(*) " + FILTER)), f, today).query(Long.class).single();
	}

	List<MeasureRow> page(JurisdictionScope scope, MeasureFilter f, LocalDate today, PageQuery page) {
		return bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + " order by m.ends_on, m.id limit :limit offset :offset")),
				f, today)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	void stream(JurisdictionScope scope, MeasureFilter f, LocalDate today, Consumer<MeasureRow> sink) {
		bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + " order by m.ends_on, m.id")), f, today)
			.withFetchSize(1_000)
			.query(rs -> {
				sink.accept(row(rs));
			});
	}

	long insert(long keyPersonId, long personId, String name, String address, Long householdId, Long gridId, String path,
			String category, long policyId, LocalDate exposure, LocalDate starts, LocalDate ends, MeasureStatus status,
			String actor) {
		return this.jdbc.sql("""
				insert into control_measure(key_person_id, person_id, name, address, household_id, grid_id, jurisdiction_path,
				  category, policy_id, last_exposure, starts_on, ends_on, status, created_by)
				values (:kp, :person, :name, :address, :household, :grid, :path, :category, :policy, :exposure, :starts, :ends,
				  :status, :actor) returning id
				""")
			.param("kp", keyPersonId)
			.param("person", personId)
			.param("name", name)
			.param("address", address)
			.param("household", householdId)
			.param("grid", gridId)
			.param("path", path)
			.param("category", category)
			.param("policy", policyId)
			.param("exposure", exposure)
			.param("starts", starts)
			.param("ends", ends)
			.param("status", status.name())
			.param("actor", actor)
			.query(Long.class)
			.single();
	}

	void setPhases(long measureId, List<PhaseRow> phases) {
		this.jdbc.sql("delete from control_measure_phase where measure_id = :m").param("m", measureId).update();
		for (PhaseRow p : phases) {
			this.jdbc.sql("""
					insert into control_measure_phase(measure_id, seq, measure_type, starts_on, ends_on, place, site_name, room)
					values (:m, :seq, :type, :starts, :ends, :place, :site, :room)
					""")
				.param("m", measureId)
				.param("seq", p.seq())
				.param("type", p.type().name())
				.param("starts", p.startsOn())
				.param("ends", p.endsOn())
				.param("place", p.place())
				.param("site", p.siteName())
				.param("room", p.room())
				.update();
		}
	}

	List<PhaseRow> phases(long measureId) {
		return this.jdbc.sql("""
				select seq, measure_type, starts_on, ends_on, place, site_name, room from control_measure_phase
				where measure_id = :m order by seq
				""").param("m", measureId).query((rs, i) -> new PhaseRow(rs.getInt(1), MeasureType.valueOf(rs.getString(2)),
				rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(), rs.getString(5), rs.getString(6),
				rs.getString(7))).list();
	}

	void setWindow(long measureId, LocalDate exposure, LocalDate starts, LocalDate ends, MeasureStatus status) {
		this.jdbc.sql("""
				update control_measure set last_exposure = :exposure, starts_on = :starts, ends_on = :ends, status = :status,
				  version = version + 1, updated_at = now() where id = :id
				""")
			.param("exposure", exposure)
			.param("starts", starts)
			.param("ends", ends)
			.param("status", status.name())
			.param("id", measureId)
			.update();
	}

	void setStatus(long measureId, MeasureStatus status) {
		this.jdbc.sql("""
				update control_measure set status = :status, version = version + 1, updated_at = now(),
				  released_at = case when :status = 'RELEASED' then now() else released_at end where id = :id
				""").param("status", status.name()).param("id", measureId).update();
	}

	void event(long measureId, String kind, String note, String actor) {
		this.jdbc.sql("insert into control_measure_event(measure_id, kind, note, actor_name) values (:m, :k, :n, :a)")
			.param("m", measureId)
			.param("k", kind)
			.param("n", note)
			.param("a", actor)
			.update();
	}

	List<Event> events(long measureId) {
		return this.jdbc.sql("select kind, note, actor_name, at from control_measure_event where measure_id = :m order by at, id")
			.param("m", measureId)
			.query((rs, i) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
			.list();
	}

	void setTeam(long measureId, List<TeamRow> team) {
		this.jdbc.sql("delete from control_measure_team where measure_id = :m").param("m", measureId).update();
		for (TeamRow t : team) {
			this.jdbc.sql("""
					insert into control_measure_team(measure_id, duty, user_id, name, phone_enc) values (:m, :duty, :user, :name, :phone)
					""").param("m", measureId).param("duty", t.duty()).param("user", t.userId()).param("name", t.name())
				.param("phone", t.phoneEnc())
				.update();
		}
	}

	List<TeamRow> team(long measureId) {
		return this.jdbc.sql("select id, duty, user_id, name, phone_enc from control_measure_team where measure_id = :m order by id")
			.param("m", measureId)
			.query((rs, i) -> new TeamRow(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), rs.getString(4),
					rs.getBytes(5)))
			.list();
	}

	/** Inserts the slots not there yet; a slot already due is not created (nobody could have reported in it). */
	void addSlots(long measureId, String path, List<FollowUpWindow.Expected> slots, Instant now) {
		for (FollowUpWindow.Expected e : slots) {
			if (!e.dueAt().toInstant().isAfter(now)) {
				continue;
			}
			this.jdbc.sql("""
					insert into followup_slot(measure_id, day, slot, opens_at, due_at, jurisdiction_path)
					values (:m, :day, :slot, :opens, :due, :path) on conflict do nothing
					""")
				.param("m", measureId)
				.param("day", e.day())
				.param("slot", e.slot().name())
				.param("opens", Timestamp.from(e.opensAt().toInstant()))
				.param("due", Timestamp.from(e.dueAt().toInstant()))
				.param("path", path)
				.update();
		}
	}

	/**
	 * The measure ended: every slot not reported goes (reported ones stay as its record), so an
	 * ended measure never shows on the "not reported" list.
	 */
	void dropUnreportedSlots(long measureId) {
		this.jdbc.sql("delete from followup_slot where measure_id = :m and check_id is null").param("m", measureId).update();
	}

	/** Drops the slots still ahead and not reported: the window moved. */
	void dropOpenSlotsAfter(long measureId, Instant now) {
		this.jdbc.sql("delete from followup_slot where measure_id = :m and check_id is null and due_at > :now")
			.param("m", measureId)
			.param("now", Timestamp.from(now))
			.update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, MeasureFilter f, LocalDate today) {
		return spec.param("status", f.status() == null ? null : f.status().name())
			.param("type", f.type() == null ? null : f.type().name())
			.param("text", f.text() == null || f.text().isBlank() ? null : f.text().strip())
			.param("today", today);
	}

	static MeasureRow row(ResultSet rs) throws SQLException {
		Timestamp released = rs.getTimestamp("released_at");
		String type = rs.getString("current_type");
		return new MeasureRow(rs.getLong("id"), rs.getLong("key_person_id"), rs.getLong("person_id"), rs.getString("name"),
				rs.getString("address"), (Long) rs.getObject("household_id"), (Long) rs.getObject("grid_id"),
				rs.getString("category"), rs.getLong("policy_id"), rs.getDate("last_exposure").toLocalDate(),
				rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(),
				MeasureStatus.valueOf(rs.getString("status")), type == null ? null : MeasureType.valueOf(type),
				released == null ? null : released.toInstant(), rs.getInt("version"),
				rs.getTimestamp("created_at").toInstant());
	}

}
