package cn.shouwang.survey;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.db.BulkCopy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survey rounds and their teams. Starting a round lists every household of its jurisdiction as
 * a door to knock on (one COPY, so a district of 500,000 households starts in seconds) and sets
 * up the per-grid counters that progress is read from.
 */
@Service
public class CampaignService {

	static final String ENTITY = "surveyCampaign";

	public record NewCampaign(Long nodeId, String name, String startsOn, String deadline, Integer travelWindowDays) {
	}

	public record TeamInput(String name, List<Long> memberIds, List<Long> gridIds) {
	}

	private final Campaigns campaigns;

	private final JurisdictionService jurisdictions;

	private final UserService users;

	private final RegistryFieldwork registry;

	private final BulkCopy bulk;

	private final AuditTrail audit;

	private final ZoneId zone;

	CampaignService(Campaigns campaigns, JurisdictionService jurisdictions, UserService users,
			RegistryFieldwork registry, BulkCopy bulk, AuditTrail audit,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.campaigns = campaigns;
		this.jurisdictions = jurisdictions;
		this.users = users;
		this.registry = registry;
		this.bulk = bulk;
		this.audit = audit;
		this.zone = ZoneId.of(zone);
	}

	public List<Campaign> list(ShouwangPrincipal caller, boolean includeClosed) {
		SurveyPermissions.require(SurveyPermissions.SEE, caller);
		return this.campaigns.list(caller, includeClosed).stream().map(this::named).toList();
	}

	public Campaign get(ShouwangPrincipal caller, long id) {
		Campaign c = this.campaigns.find(caller, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
		SurveyPermissions.require(SurveyPermissions.SEE, caller);
		return named(c);
	}

	@Transactional
	public Campaign create(ShouwangPrincipal caller, NewCampaign input) {
		SurveyPermissions.require(SurveyPermissions.ORGANISE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Node node = null;
		try {
			node = this.jurisdictions.get(caller, input.nodeId() == null ? caller.nodeId() : input.nodeId());
		}
		catch (NotFoundException ex) {
			errors.add("nodeId", "validation.nodeNotInScope");
		}
		String name = input.name() == null ? null : input.name().strip();
		if (name == null || name.isEmpty()) {
			errors.add("name", "validation.required");
		}
		else if (name.length() > 60) {
			errors.add("name", "validation.tooLong", 60);
		}
		LocalDate starts = errors.date("startsOn", input.startsOn());
		LocalDate deadline = errors.date("deadline", input.deadline());
		LocalDate today = LocalDate.now(this.zone);
		if (starts == null && !errors.has("startsOn")) {
			starts = today;
		}
		if (deadline == null && !errors.has("deadline")) {
			errors.add("deadline", "validation.required");
		}
		if (starts != null && deadline != null && deadline.isBefore(starts)) {
			errors.add("deadline", "validation.endBeforeStart");
		}
		if (starts != null && (starts.isBefore(today.minusDays(30)) || starts.isAfter(today.plusDays(60)))) {
			errors.add("startsOn", "survey.startsOn.range");
		}
		int window = input.travelWindowDays() == null ? 14 : input.travelWindowDays();
		if (window < 1 || window > 60) {
			errors.add("travelWindowDays", "validation.range", 1, 60);
		}
		errors.throwIfAny();
		if (this.campaigns.nameTaken(node.path(), name)) {
			throw InvalidInputException.of("name", "survey.nameTaken");
		}
		long id = this.campaigns.insert(name, node.id(), node.path(), starts, deadline, window, caller.getUsername());
		snapshotHouseholds(id, JurisdictionScope.of(node.path()));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("name", name);
		after.put("nodeId", node.id());
		after.put("startsOn", starts);
		after.put("deadline", deadline);
		after.put("travelWindowDays", window);
		this.audit.record(ENTITY, id, Action.CREATE, node.path(), null, after);
		return get(caller, id);
	}

	@Transactional
	public Campaign close(ShouwangPrincipal caller, long id) {
		Campaign c = get(caller, id);
		requireOrganiser(caller, c);
		this.campaigns.close(id);
		this.audit.record(ENTITY, id, Action.UPDATE, c.path(), Map.of("status", "ACTIVE"), Map.of("status", "CLOSED"));
		return get(caller, id);
	}

	public List<Team> teams(ShouwangPrincipal caller, long campaignId) {
		get(caller, campaignId);
		return this.campaigns.teams(campaignId)
			.stream()
			.map(t -> new Team(t.id(), campaignId, t.name(),
					t.members().stream().map(u -> new Team.Member(u, userName(u))).toList(),
					t.grids().stream().map(g -> new Team.Grid(g, nodeName(g))).toList()))
			.toList();
	}

	@Transactional
	public Team saveTeam(ShouwangPrincipal caller, long campaignId, Long teamId, TeamInput input) {
		Campaign c = get(caller, campaignId);
		requireOrganiser(caller, c);
		if (teamId != null && this.campaigns.teamOf(campaignId, teamId).isEmpty()) {
			throw new NotFoundException("surveyTeam", teamId);
		}
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String name = input.name() == null ? null : input.name().strip();
		if (name == null || name.isEmpty()) {
			errors.add("name", "validation.required");
		}
		else if (name.length() > 40) {
			errors.add("name", "validation.tooLong", 40);
		}
		else if (teamId == null && this.campaigns.teamNameTaken(campaignId, name)) {
			errors.add("name", "survey.team.nameTaken");
		}
		List<Node> grids = new ArrayList<>();
		for (Long gridId : input.gridIds() == null ? List.<Long>of() : input.gridIds()) {
			try {
				Node grid = this.jurisdictions.get(caller, gridId);
				if (grid.level() != Level.GRID || !JurisdictionScope.of(c.path()).contains(grid.path())) {
					errors.add("gridIds", "survey.team.notAGridOfTheRound", grid.name());
				}
				else if (grids.stream().noneMatch(g -> g.id() == grid.id())) {
					grids.add(grid);
				}
			}
			catch (NotFoundException ex) {
				errors.add("gridIds", "validation.nodeNotInScope");
			}
		}
		if (grids.isEmpty() && !errors.has("gridIds")) {
			errors.add("gridIds", "survey.team.noGrids");
		}
		List<Long> members = new ArrayList<>();
		for (Long userId : input.memberIds() == null ? List.<Long>of() : input.memberIds()) {
			var colleague = userId == null ? null : this.users.colleague(caller, userId).orElse(null);
			if (colleague == null || !SurveyPermissions.TEAM_MEMBERS.contains(colleague.role())) {
				errors.add("memberIds", "survey.team.memberNotAllowed");
				continue;
			}
			// a member must be able to see the households of every grid of the team
			for (Node grid : grids) {
				if (!JurisdictionScope.of(colleague.nodePath()).contains(grid.path())) {
					errors.add("memberIds", "survey.team.memberCannotSeeGrid", colleague.displayName(), grid.name());
				}
			}
			if (!members.contains(userId)) {
				members.add(userId);
			}
		}
		if (members.isEmpty() && !errors.has("memberIds")) {
			errors.add("memberIds", "survey.team.noMembers");
		}
		errors.throwIfAny();
		long id = teamId == null ? this.campaigns.addTeam(campaignId, name, c.path()) : teamId;
		this.campaigns.setTeam(id, members, grids.stream().map(Node::id).toList());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("team", name);
		after.put("members", members);
		after.put("grids", grids.stream().map(Node::id).toList());
		this.audit.record(ENTITY, campaignId, teamId == null ? Action.CREATE : Action.UPDATE, c.path(), null, after);
		return teams(caller, campaignId).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
	}

	@Transactional
	public void deleteTeam(ShouwangPrincipal caller, long campaignId, long teamId) {
		Campaign c = get(caller, campaignId);
		requireOrganiser(caller, c);
		if (this.campaigns.teamOf(campaignId, teamId).isEmpty()) {
			throw new NotFoundException("surveyTeam", teamId);
		}
		this.campaigns.deleteTeam(teamId);
		this.audit.record(ENTITY, campaignId, Action.DELETE, c.path(), Map.of("team", teamId), null);
	}

	/**
	 * The grids the caller knocks on in a round: their teams' grids, and for grid workers and the
	 * cadres above them every grid of the round inside their jurisdiction.
	 */
	public List<Long> gridsOf(ShouwangPrincipal caller, Campaign c) {
		List<Long> grids = new ArrayList<>(caller.userId() == null ? List.of()
				: this.campaigns.teamGridsOf(c.id(), caller.userId()));
		if (SurveyPermissions.KNOCK_ANYWHERE.contains(caller.role())) {
			for (Long g : this.campaigns.gridsWithin(c.id(), caller.scope())) {
				if (!grids.contains(g)) {
					grids.add(g);
				}
			}
		}
		return grids;
	}

	public String nodeName(long nodeId) {
		return this.jurisdictions.findUnscoped(nodeId).map(Node::name).orElse("#" + nodeId);
	}

	private String userName(long userId) {
		return this.users.displayNameOf(userId);
	}

	/** Lists every household of the round's jurisdiction, with the per-grid counters. */
	private void snapshotHouseholds(long campaignId, JurisdictionScope scope) {
		Map<Long, String> gridPaths = new HashMap<>();
		Map<Long, int[]> gridCounts = new LinkedHashMap<>();
		try (BulkCopy.Writer w = this.bulk.writer(
				"copy survey_household(campaign_id, household_id, grid_id, jurisdiction_path, address) from stdin (format csv)",
				20_000)) {
			this.registry.forEachHousehold(scope, h -> {
				w.number(campaignId).number(h.id()).number(h.gridId()).text(h.path()).text(h.address()).endRow();
				gridPaths.computeIfAbsent(h.gridId(), g -> gridPath(h.path(), g));
				gridCounts.computeIfAbsent(h.gridId(), g -> new int[1])[0]++;
			});
		}
		gridCounts.forEach((grid, n) -> this.campaigns.insertGridProgress(campaignId, grid, gridPaths.get(grid), n[0]));
	}

	/** The grid's own path, cut from a household path below it: /1/4/27/300/5000/ and 300 → /1/4/27/300/. */
	static String gridPath(String householdPath, long gridId) {
		String marker = "/" + gridId + "/";
		int at = householdPath.indexOf(marker);
		return at < 0 ? householdPath : householdPath.substring(0, at + marker.length());
	}

	private void requireOrganiser(ShouwangPrincipal caller, Campaign c) {
		SurveyPermissions.require(SurveyPermissions.ORGANISE, caller);
		if (!caller.scope().contains(c.path())) {
			// a round started above the caller is theirs to work in, not to change
			throw new org.springframework.security.access.AccessDeniedException("round started above the caller");
		}
	}

	private Campaign named(Campaign c) {
		return new Campaign(c.id(), c.name(), c.nodeId(), nodeName(c.nodeId()), c.path(), c.startsOn(), c.deadline(),
				c.travelWindowDays(), c.active(), c.createdBy(), c.createdAt());
	}

}
