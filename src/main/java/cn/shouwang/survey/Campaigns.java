package cn.shouwang.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for rounds and teams. A caller sees a round that covers their node (it was started above
 * them) or lies inside their jurisdiction.
 */
@Repository
class Campaigns {

	private static final String COLUMNS = """
			c.id, c.name, c.node_id, c.jurisdiction_path, c.starts_on, c.deadline,
			c.travel_window_days, c.status, c.created_by, c.created_at
			""";

	private static final String VISIBLE = """
			(starts_with(:own, c.jurisdiction_path) or (c.jurisdiction_path >= :scopeLo and c.jurisdiction_path < :scopeHi))
			""";

	private final JdbcClient jdbc;

	Campaigns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Campaign> find(ShouwangPrincipal caller, long id) {
		return visible(caller, this.jdbc.sql("select " + COLUMNS
				+ " from survey_campaign c where c.id = :id and " + VISIBLE))
			.param("id", id)
			.query((rs, i) -> campaign(rs))
			.optional();
	}

	List<Campaign> list(ShouwangPrincipal caller, boolean includeClosed) {
		return visible(caller, this.jdbc.sql("select " + COLUMNS
				+ " from survey_campaign c where " + VISIBLE
				+ " and (:all or c.status = 'ACTIVE') order by c.status, c.starts_on desc, c.id desc limit 200"))
			.param("all", includeClosed)
			.query((rs, i) -> campaign(rs))
			.list();
	}

	long insert(String name, long nodeId, String path, LocalDate startsOn, LocalDate deadline, int window,
			String actor) {
		return this.jdbc.sql("""
				insert into survey_campaign(name, node_id, jurisdiction_path, starts_on, deadline, travel_window_days, created_by)
				values (:name, :node, :path, :starts, :deadline, :window, :actor) returning id
				""")
			.param("name", name)
			.param("node", nodeId)
			.param("path", path)
			.param("starts", startsOn)
			.param("deadline", deadline)
			.param("window", window)
			.param("actor", actor)
			.query(Long.class)
			.single();
	}

	boolean nameTaken(String path, String name) {
		return this.jdbc.sql("select exists(select 1 from survey_campaign where jurisdiction_path = :p and name = :n)")
			.param("p", path)
			.param("n", name)
			.query(Boolean.class)
			.single();
	}

	void close(long id) {
		this.jdbc.sql("update survey_campaign set status = 'CLOSED' where id = :id").param("id", id).update();
	}

	/** Grid counters from the household snapshot, built once when the round starts. */
	void insertGridProgress(long campaignId, long gridId, String gridPath, int households) {
		this.jdbc.sql("""
				insert into survey_grid_progress(campaign_id, grid_id, jurisdiction_path, households)
				values (:c, :g, :p, :n)
				on conflict (campaign_id, grid_id) do update set households = survey_grid_progress.households + :n
				""").param("c", campaignId).param("g", gridId).param("p", gridPath).param("n", households).update();
	}

	long addTeam(long campaignId, String name, String path) {
		return this.jdbc.sql("""
				insert into survey_team(campaign_id, name, jurisdiction_path) values (:c, :name, :path) returning id
				""").param("c", campaignId).param("name", name).param("path", path).query(Long.class).single();
	}

	boolean teamNameTaken(long campaignId, String name) {
		return this.jdbc.sql("select exists(select 1 from survey_team where campaign_id = :c and name = :n)")
			.param("c", campaignId)
			.param("n", name)
			.query(Boolean.class)
			.single();
	}

	void setTeam(long teamId, List<Long> members, List<Long> grids) {
		this.jdbc.sql("delete from survey_team_member where team_id = :t").param("t", teamId).update();
		this.jdbc.sql("delete from survey_team_grid where team_id = :t").param("t", teamId).update();
		members.forEach(u -> this.jdbc.sql("insert into survey_team_member(team_id, user_id) values (:t, :u)")
			.param("t", teamId)
			.param("u", u)
			.update());
		grids.forEach(g -> this.jdbc.sql("insert into survey_team_grid(team_id, grid_id) values (:t, :g)")
			.param("t", teamId)
			.param("g", g)
			.update());
	}

	Optional<Long> teamOf(long campaignId, long teamId) {
		return this.jdbc.sql("select id from survey_team where id = :t and campaign_id = :c")
			.param("t", teamId)
			.param("c", campaignId)
			.query(Long.class)
			.optional();
	}

	void deleteTeam(long teamId) {
		this.jdbc.sql("delete from survey_team where id = :t").param("t", teamId).update();
	}

	record TeamRow(long id, String name, List<Long> members, List<Long> grids) {
	}

	List<TeamRow> teams(long campaignId) {
		Map<Long, TeamRow> teams = new LinkedHashMap<>();
		this.jdbc.sql("select id, name from survey_team where campaign_id = :c order by name")
			.param("c", campaignId)
			.query(rs -> {
				teams.put(rs.getLong(1), new TeamRow(rs.getLong(1), rs.getString(2), new ArrayList<>(), new ArrayList<>()));
			});
		this.jdbc.sql("""
				select m.team_id, m.user_id from survey_team_member m join survey_team t on t.id = m.team_id
				where t.campaign_id = :c order by m.user_id
				""").param("c", campaignId).query(rs -> {
			teams.get(rs.getLong(1)).members().add(rs.getLong(2));
		});
		this.jdbc.sql("""
				select tg.team_id, tg.grid_id from survey_team_grid tg join survey_team t on t.id = tg.team_id
				where t.campaign_id = :c order by tg.grid_id
				""").param("c", campaignId).query(rs -> {
			teams.get(rs.getLong(1)).grids().add(rs.getLong(2));
		});
		return List.copyOf(teams.values());
	}

	/** The grids of this round the user knocks on as a team member. */
	List<Long> teamGridsOf(long campaignId, long userId) {
		return this.jdbc.sql("""
				select distinct tg.grid_id from survey_team_grid tg join survey_team t on t.id = tg.team_id
				join survey_team_member m on m.team_id = t.id where t.campaign_id = :c and m.user_id = :u
				""").param("c", campaignId).param("u", userId).query(Long.class).list();
	}

	/** The grids of a round inside a jurisdiction (those with households). */
	List<Long> gridsWithin(long campaignId, JurisdictionScope scope) {
		return scope.bind(this.jdbc.sql("""
				select grid_id from survey_grid_progress where campaign_id = :c
				  and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi order by jurisdiction_path
				""")).param("c", campaignId).query(Long.class).list();
	}

	private static JdbcClient.StatementSpec visible(ShouwangPrincipal caller, JdbcClient.StatementSpec spec) {
		return caller.scope().bind(spec).param("own", caller.nodePath());
	}

	private static Campaign campaign(ResultSet rs) throws SQLException {
		return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getLong("node_id"), null,
				rs.getString("jurisdiction_path"), rs.getDate("starts_on").toLocalDate(),
				rs.getDate("deadline").toLocalDate(), rs.getInt("travel_window_days"),
				"ACTIVE".equals(rs.getString("status")), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}

}
