package cn.shouwang.survey;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for visits, the household state of a round and the grid counters. */
@Repository
class Visits {

	record HouseholdState(long householdId, long gridId, String path, VisitOutcome outcome, int visits) {
	}

	record Stored(UUID id, long campaignId, long householdId, VisitOutcome outcome, Instant visitedAt,
			String visitorName, int personsMet, int findings, String note) {
	}

	/** One person's check at a visit, as the history shows it. */
	record Check(long personId, boolean present, String whereabouts, java.math.BigDecimal temperature,
			String symptoms, String travel, boolean newResident, boolean movedOut, Long keyPersonId) {
	}

	/** The change a visit makes to its grid's counters. */
	record Delta(int done, int revisit, int refused, int personsExpected, int personsAccounted,
			int whereaboutsUnknown, int findings) {
	}

	private final JdbcClient jdbc;

	Visits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(UUID id) {
		return this.jdbc.sql("""
				select id, campaign_id, household_id, outcome, visited_at, visitor_name, persons_met, findings, note
				from survey_visit where id = :id
				""").param("id", id).query((rs, i) -> stored(rs)).optional();
	}

	/** Inserts the visit unless its id is known; false means a replay. */
	boolean insert(UUID id, long campaignId, long householdId, long gridId, String path, VisitOutcome outcome,
			Instant visitedAt, Long visitorId, String visitorName, String note) {
		return this.jdbc.sql("""
				insert into survey_visit(id, campaign_id, household_id, grid_id, jurisdiction_path, outcome, visited_at,
				  visitor_id, visitor_name, note)
				values (:id, :c, :h, :g, :path, :outcome, :at, :visitor, :visitorName, :note) on conflict (id) do nothing
				""")
			.param("id", id)
			.param("c", campaignId)
			.param("h", householdId)
			.param("g", gridId)
			.param("path", path)
			.param("outcome", outcome.name())
			.param("at", Timestamp.from(visitedAt))
			.param("visitor", visitorId)
			.param("visitorName", visitorName)
			.param("note", note)
			.update() == 1;
	}

	void setCounts(UUID id, int personsMet, int findings) {
		this.jdbc.sql("update survey_visit set persons_met = :m, findings = :f where id = :id")
			.param("m", personsMet)
			.param("f", findings)
			.param("id", id)
			.update();
	}

	void insertCheck(UUID visitId, long personId, boolean present, String whereabouts,
			java.math.BigDecimal temperature, String symptoms, String travelJson, String note, boolean newResident,
			boolean movedOut, Long keyPersonId) {
		this.jdbc.sql("""
				insert into survey_person_check(visit_id, person_id, present, whereabouts, temperature, symptoms, travel, note,
				  new_resident, moved_out, key_person_id)
				values (:v, :p, :present, :where, :t, cast(:symptoms as text[]), cast(:travel as jsonb), :note, :new, :moved, :kp)
				""")
			.param("v", visitId)
			.param("p", personId)
			.param("present", present)
			.param("where", whereabouts)
			.param("t", temperature)
			.param("symptoms", symptoms)
			.param("travel", travelJson)
			.param("note", note)
			.param("new", newResident)
			.param("moved", movedOut)
			.param("kp", keyPersonId)
			.update();
	}

	List<Check> checks(UUID visitId) {
		return this.jdbc.sql("""
				select person_id, present, whereabouts, temperature, array_to_string(symptoms, ','), travel::text,
				  new_resident, moved_out, key_person_id
				from survey_person_check where visit_id = :v order by new_resident, person_id
				""").param("v", visitId).query((rs, i) -> new Check(rs.getLong(1), rs.getBoolean(2), rs.getString(3),
				rs.getBigDecimal(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8),
				(Long) rs.getObject(9))).list();
	}

	/** The household's state in the round, locked until the transaction ends (one visit at a time). */
	Optional<HouseholdState> lockState(long campaignId, long householdId) {
		return this.jdbc.sql("""
				select household_id, grid_id, jurisdiction_path, outcome, visits from survey_household
				where campaign_id = :c and household_id = :h for update
				""").param("c", campaignId).param("h", householdId).query((rs, i) -> new HouseholdState(rs.getLong(1),
				rs.getLong(2), rs.getString(3), rs.getString(4) == null ? null : VisitOutcome.valueOf(rs.getString(4)),
				rs.getInt(5))).optional();
	}

	/** A household registered after the round started joins it when someone knocks. */
	void addHousehold(long campaignId, long householdId, long gridId, String path, String address, String gridPath) {
		this.jdbc.sql("""
				insert into survey_household(campaign_id, household_id, grid_id, jurisdiction_path, address)
				values (:c, :h, :g, :p, :a) on conflict do nothing
				""").param("c", campaignId).param("h", householdId).param("g", gridId).param("p", path)
			.param("a", address)
			.update();
		this.jdbc.sql("""
				insert into survey_grid_progress(campaign_id, grid_id, jurisdiction_path, households) values (:c, :g, :gp, 1)
				on conflict (campaign_id, grid_id) do update set households = survey_grid_progress.households + 1
				""").param("c", campaignId).param("g", gridId).param("gp", gridPath).update();
	}

	void setState(long campaignId, long householdId, VisitOutcome outcome, UUID visitId) {
		this.jdbc.sql("""
				update survey_household set outcome = :o, last_visit_id = :v, visits = visits + 1
				where campaign_id = :c and household_id = :h
				""").param("o", outcome.name()).param("v", visitId).param("c", campaignId).param("h", householdId).update();
	}

	void addToGrid(long campaignId, long gridId, Delta d) {
		this.jdbc.sql("""
				update survey_grid_progress set done = done + :done, revisit = revisit + :revisit, refused = refused + :refused,
				  persons_expected = persons_expected + :pe, persons_accounted = persons_accounted + :pa,
				  whereabouts_unknown = whereabouts_unknown + :wu, findings = findings + :f
				where campaign_id = :c and grid_id = :g
				""")
			.param("done", d.done())
			.param("revisit", d.revisit())
			.param("refused", d.refused())
			.param("pe", d.personsExpected())
			.param("pa", d.personsAccounted())
			.param("wu", d.whereaboutsUnknown())
			.param("f", d.findings())
			.param("c", campaignId)
			.param("g", gridId)
			.update();
	}

	/** The state of every household of some grids in a round: outcome and visits, by household id. */
	Map<Long, HouseholdState> states(long campaignId, List<Long> gridIds) {
		Map<Long, HouseholdState> states = new java.util.HashMap<>();
		this.jdbc.sql("""
				select household_id, grid_id, jurisdiction_path, outcome, visits from survey_household
				where campaign_id = :c and grid_id = any(:g)
				""").param("c", campaignId).param("g", gridIds.toArray(Long[]::new)).query(rs -> {
			states.put(rs.getLong(1), new HouseholdState(rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getString(4) == null ? null : VisitOutcome.valueOf(rs.getString(4)), rs.getInt(5)));
		});
		return states;
	}

	List<Stored> forHousehold(long campaignId, long householdId) {
		return this.jdbc.sql("""
				select id, campaign_id, household_id, outcome, visited_at, visitor_name, persons_met, findings, note
				from survey_visit where campaign_id = :c and household_id = :h order by visited_at desc
				""").param("c", campaignId).param("h", householdId).query((rs, i) -> stored(rs)).list();
	}

	private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Stored(rs.getObject("id", UUID.class), rs.getLong("campaign_id"), rs.getLong("household_id"),
				VisitOutcome.valueOf(rs.getString("outcome")), rs.getTimestamp("visited_at").toInstant(),
				rs.getString("visitor_name"), rs.getInt("persons_met"), rs.getInt("findings"), rs.getString("note"));
	}

}
