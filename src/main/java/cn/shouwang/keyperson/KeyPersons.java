package cn.shouwang.keyperson;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for key persons; every read is bounded by a {@link JurisdictionScope}. */
@Repository
class KeyPersons {

	static final String COLUMNS = """
			k.id, k.person_id, k.name, k.address, k.grid_id, k.category, k.source, k.status, k.return_date, k.came_from,
			k.transport_mode, k.transport_no, k.fever, k.temperature, k.symptoms, k.risk_area_id, k.deadline,
			k.next_call_at, k.calls, k.last_call_outcome, k.last_call_at, k.notes, k.created_at, k.version,
			k.jurisdiction_path
			""";

	private static final String FILTER = """
			from key_person k
			where k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi
			  and (cast(:category as text) is null or k.category = :category)
			  and (cast(:status as text) is null or k.status = :status)
			  and (cast(:source as text) is null or k.source = :source)
			  and (cast(:text as text) is null or k.name like '%' || :text || '%' or k.address like '%' || :text || '%')
			  and (cast(:overdueOn as date) is null or (k.status = 'NEW' and k.deadline < :overdueOn))
			""";

	record Stored(KeyPersonRow row, String path) {
	}

	/** What a new record holds; null fields stay empty. */
	record NewKeyPerson(long personId, String name, String address, long gridId, String path, String category,
			KeyPersonSource source, LocalDate returnDate, String cameFrom, TransportMode transportMode,
			String transportNo, Boolean fever, BigDecimal temperature, List<Symptom> symptoms, Long riskAreaId,
			LocalDate deadline, UUID assistanceListId, Long campaignId, UUID visitId, String notes, String actor) {
	}

	private final JdbcClient jdbc;

	KeyPersons(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(JurisdictionScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from key_person k where k.id = :id and k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi
				"""))
			.param("id", id)
			.query((rs, i) -> new Stored(row(rs), rs.getString("jurisdiction_path")))
			.optional();
	}

	/** The person's open record of this category, wherever it is (one per person and category). */
	Optional<Stored> openFor(long personId, String category) {
		return this.jdbc.sql("select " + COLUMNS + """
				from key_person k where k.person_id = :p and k.category = :c and k.status in ('NEW', 'VERIFIED', 'UNDER_MEASURE')
				""")
			.param("p", personId)
			.param("c", category)
			.query((rs, i) -> new Stored(row(rs), rs.getString("jurisdiction_path")))
			.optional();
	}

	List<KeyPersonRow> forPerson(JurisdictionScope scope, long personId) {
		return scope.bind(this.jdbc.sql("select " + COLUMNS + """
				from key_person k where k.person_id = :p and k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi
				order by k.id desc
				""")).param("p", personId).query((rs, i) -> row(rs)).list();
	}

	long count(JurisdictionScope scope, KeyPersonFilter f, LocalDate today) {
		return bind(scope.bind(this.jdbc.sql("select count(*) " + FILTER)), f, today).query(Long.class).single();
	}

	List<KeyPersonRow> page(JurisdictionScope scope, KeyPersonFilter f, LocalDate today, PageQuery page) {
		return bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + " order by k.id desc limit :limit offset :offset")),
				f, today)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	void stream(JurisdictionScope scope, KeyPersonFilter f, LocalDate today, Consumer<KeyPersonRow> sink) {
		bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FILTER + " order by k.id desc")), f, today)
			.withFetchSize(1_000)
			.query(rs -> {
				sink.accept(row(rs));
			});
	}

	long insert(NewKeyPerson n) {
		return this.jdbc.sql("""
				insert into key_person(person_id, name, address, grid_id, jurisdiction_path, category, source, return_date,
				  came_from, transport_mode, transport_no, fever, temperature, symptoms, risk_area_id, deadline,
				  assistance_list_id, survey_campaign_id, survey_visit_id, notes, created_by)
				values (:person, :name, :address, :grid, :path, :category, :source, :returnDate, :cameFrom, :mode, :no,
				  :fever, :temperature, cast(:symptoms as text[]), :riskArea, :deadline, :list, :campaign, :visit, :notes, :actor)
				returning id
				""")
			.param("person", n.personId())
			.param("name", n.name())
			.param("address", n.address())
			.param("grid", n.gridId())
			.param("path", n.path())
			.param("category", n.category())
			.param("source", n.source().name())
			.param("returnDate", n.returnDate())
			.param("cameFrom", n.cameFrom())
			.param("mode", n.transportMode() == null ? null : n.transportMode().name())
			.param("no", n.transportNo())
			.param("fever", n.fever())
			.param("temperature", n.temperature())
			.param("symptoms", symptomsLiteral(n.symptoms()))
			.param("riskArea", n.riskAreaId())
			.param("deadline", n.deadline())
			.param("list", n.assistanceListId())
			.param("campaign", n.campaignId())
			.param("visit", n.visitId())
			.param("notes", n.notes())
			.param("actor", n.actor())
			.query(Long.class)
			.single();
	}

	int updateClears(long id, int version, LocalDate returnDate, String cameFrom, TransportMode mode, String no,
			Boolean fever, Long riskAreaId, String notes) {
		return this.jdbc.sql("""
				update key_person set return_date = :returnDate, came_from = :cameFrom, transport_mode = :mode,
				  transport_no = :no, fever = :fever, risk_area_id = :riskArea, notes = :notes,
				  version = version + 1, updated_at = now()
				where id = :id and version = :version
				""")
			.param("returnDate", returnDate)
			.param("cameFrom", cameFrom)
			.param("mode", mode == null ? null : mode.name())
			.param("no", no)
			.param("fever", fever)
			.param("riskArea", riskAreaId)
			.param("notes", notes)
			.param("id", id)
			.param("version", version)
			.update();
	}

	/** A later finding about an open record: the highest temperature, the union of symptoms, the note added. */
	void addFinding(long id, Boolean fever, BigDecimal temperature, List<Symptom> symptoms, String note) {
		this.jdbc.sql("""
				update key_person set fever = coalesce(:fever, fever) or coalesce(fever, false),
				  temperature = greatest(temperature, :temperature),
				  symptoms = array(select distinct unnest(symptoms || cast(:symptoms as text[])) order by 1),
				  notes = case when cast(:note as text) is null then notes else concat_ws('；', notes, :note) end,
				  version = version + 1, updated_at = now()
				where id = :id
				""")
			.param("fever", fever)
			.param("temperature", temperature)
			.param("symptoms", symptomsLiteral(symptoms))
			.param("note", note)
			.param("id", id)
			.update();
	}

	void setStatus(long id, KeyPersonStatus from, KeyPersonStatus to, String note, String actor) {
		this.jdbc.sql("""
				update key_person set status = :to, version = version + 1, updated_at = now(),
				  next_call_at = case when :to = 'NEW' then next_call_at else null end
				where id = :id
				""").param("to", to.name()).param("id", id).update();
		recordStatus(id, from, to, note, actor);
	}

	void recordStatus(long id, KeyPersonStatus from, KeyPersonStatus to, String note, String actor) {
		this.jdbc.sql("""
				insert into key_person_status_change(key_person_id, from_status, to_status, note, actor_name)
				values (:id, :from, :to, :note, :actor)
				""")
			.param("id", id)
			.param("from", from == null ? null : from.name())
			.param("to", to.name())
			.param("note", note)
			.param("actor", actor)
			.update();
	}

	List<KeyPersonService.StatusChange> statusChanges(long id) {
		return this.jdbc.sql("""
				select from_status, to_status, note, actor_name, at from key_person_status_change
				where key_person_id = :id order by at, id
				""").param("id", id).query((rs, i) -> new KeyPersonService.StatusChange(
				rs.getString(1) == null ? null : KeyPersonStatus.valueOf(rs.getString(1)),
				KeyPersonStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				rs.getTimestamp(5).toInstant())).list();
	}

	List<KeyPersonService.Responsible> responsibles(long id) {
		return this.jdbc.sql("""
				select u.id, u.display_name, u.role from key_person_responsible r join app_user u on u.id = r.user_id
				where r.key_person_id = :id order by u.display_name
				""").param("id", id).query((rs, i) -> new KeyPersonService.Responsible(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
	}

	void setResponsibles(long id, List<Long> userIds) {
		this.jdbc.sql("delete from key_person_responsible where key_person_id = :id").param("id", id).update();
		for (Long user : userIds) {
			this.jdbc.sql("insert into key_person_responsible(key_person_id, user_id) values (:id, :u) on conflict do nothing")
				.param("id", id)
				.param("u", user)
				.update();
		}
	}

	/** Per grid of a campaign: findings made, and how many of them are still new (not yet handled). */
	Map<Long, long[]> findingsByGrid(long campaignId, JurisdictionScope scope) {
		Map<Long, long[]> result = new LinkedHashMap<>();
		scope.bind(this.jdbc.sql("""
				select grid_id, count(*), count(*) filter (where status = 'NEW') from key_person
				where survey_campaign_id = :c and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				group by grid_id
				""")).param("c", campaignId).query(rs -> {
			result.put(rs.getLong(1), new long[] { rs.getLong(2), rs.getLong(3) });
		});
		return result;
	}

	static String symptomsLiteral(List<Symptom> symptoms) {
		return "{" + String.join(",", symptoms == null ? List.of()
				: symptoms.stream().map(Enum::name).distinct().sorted().toList()) + "}";
	}

	static KeyPersonRow row(ResultSet rs) throws SQLException {
		List<Symptom> symptoms = new ArrayList<>();
		Array array = rs.getArray("symptoms");
		if (array != null) {
			for (Object s : (Object[]) array.getArray()) {
				symptoms.add(Symptom.valueOf((String) s));
			}
		}
		java.sql.Date returnDate = rs.getDate("return_date");
		java.sql.Date deadline = rs.getDate("deadline");
		String mode = rs.getString("transport_mode");
		String outcome = rs.getString("last_call_outcome");
		Boolean fever = (Boolean) rs.getObject("fever");
		return new KeyPersonRow(rs.getLong("id"), rs.getLong("person_id"), rs.getString("name"), rs.getString("address"),
				(Long) rs.getObject("grid_id"), rs.getString("category"), KeyPersonSource.valueOf(rs.getString("source")),
				KeyPersonStatus.valueOf(rs.getString("status")), returnDate == null ? null : returnDate.toLocalDate(),
				rs.getString("came_from"), mode == null ? null : TransportMode.valueOf(mode), rs.getString("transport_no"),
				fever, rs.getBigDecimal("temperature"), symptoms, (Long) rs.getObject("risk_area_id"),
				deadline == null ? null : deadline.toLocalDate(), instant(rs.getTimestamp("next_call_at")),
				rs.getInt("calls"), outcome == null ? null : CallOutcome.valueOf(outcome),
				instant(rs.getTimestamp("last_call_at")), rs.getString("notes"), rs.getTimestamp("created_at").toInstant(),
				rs.getInt("version"));
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, KeyPersonFilter f, LocalDate today) {
		return spec.param("category", f.category())
			.param("status", f.status() == null ? null : f.status().name())
			.param("source", f.source() == null ? null : f.source().name())
			.param("text", f.text() == null || f.text().isBlank() ? null : f.text().strip())
			.param("overdueOn", Boolean.TRUE.equals(f.overdue()) ? today : null);
	}

}
