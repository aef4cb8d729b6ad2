package cn.shouwang.survey;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The households of a round with their latest outcome: the revisit list, the refusals, the round's ledger. */
@Repository
class RoundHouseholds {

	private static final String FROM = """
			from survey_household s left join survey_visit v on v.id = s.last_visit_id
			where s.campaign_id = :c and s.jurisdiction_path >= :scopeLo and s.jurisdiction_path < :scopeHi
			  and (cast(:state as text) is null
			    or (:state = 'PENDING' and s.outcome is null)
			    or (:state = 'REVISIT' and s.outcome = 'NOBODY_HOME')
			    or (:state = 'REFUSED' and s.outcome = 'REFUSED')
			    or (:state = 'DONE' and s.outcome in ('VISITED', 'MOVED_OUT', 'VACANT')))
			""";

	private static final String COLUMNS = """
			s.household_id, s.address, s.outcome, s.visits, v.visited_at, v.visitor_name, v.persons_met, v.findings
			""";

	private final JdbcClient jdbc;

	RoundHouseholds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long count(long campaignId, JurisdictionScope scope, RoundHousehold.State state) {
		return bind(scope.bind(this.jdbc.sql("select count(*) " + FROM)), campaignId, state).query(Long.class).single();
	}

	List<RoundHousehold> page(long campaignId, JurisdictionScope scope, RoundHousehold.State state, PageQuery page) {
		return bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FROM
				+ " order by s.jurisdiction_path, s.household_id limit :limit offset :offset")), campaignId, state)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	void stream(long campaignId, JurisdictionScope scope, RoundHousehold.State state, Consumer<RoundHousehold> sink) {
		bind(scope.bind(this.jdbc.sql("select " + COLUMNS + FROM + " order by s.jurisdiction_path, s.household_id")),
				campaignId, state)
			.withFetchSize(2_000)
			.query(rs -> {
				sink.accept(row(rs));
			});
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, long campaignId, RoundHousehold.State state) {
		return spec.param("c", campaignId).param("state", state == null ? null : state.name());
	}

	private static RoundHousehold row(java.sql.ResultSet rs) throws java.sql.SQLException {
		String outcome = rs.getString(3);
		Timestamp at = rs.getTimestamp(5);
		return new RoundHousehold(rs.getLong(1), rs.getString(2), outcome == null ? null : VisitOutcome.valueOf(outcome), rs.getInt(4),
				at == null ? null : at.toInstant(), rs.getString(6), rs.getInt(7), rs.getInt(8));
	}

}
