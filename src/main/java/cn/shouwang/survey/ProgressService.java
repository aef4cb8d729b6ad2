package cn.shouwang.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Progress of a round, by the children of a node (streets of a district, communities of a
 * street, grids of a community). Read from the per-grid counters each visit keeps, so a
 * district of 500,000 households is a sum over a few thousand rows.
 */
@Service
public class ProgressService {

	/** One line of the progress table; the four clears are for grids (and hold for any node when all its grids do). */
	public record Line(long nodeId, String name, Level level, long households, long done, long revisit,
			long refused, long personsExpected, long personsAccounted, long whereaboutsUnknown, long findings,
			long findingsOpen) {

		@com.fasterxml.jackson.annotation.JsonProperty("percent")
		public int percent() {
			return this.households == 0 ? 100 : (int) (this.done * 100 / this.households);
		}

		/** 人数清: every household of the grid accounted for. */
		@com.fasterxml.jackson.annotation.JsonProperty("householdsClear")
		public boolean householdsClear() {
			return this.done == this.households;
		}

		/** 人头清: every registered person of the visited households seen or explained. */
		@com.fasterxml.jackson.annotation.JsonProperty("personsClear")
		public boolean personsClear() {
			return householdsClear() && this.personsAccounted >= this.personsExpected;
		}

		/** 位置清: nobody absent without a known whereabouts. */
		@com.fasterxml.jackson.annotation.JsonProperty("whereaboutsClear")
		public boolean whereaboutsClear() {
			return householdsClear() && this.whereaboutsUnknown == 0;
		}

		/** 管控清: every finding handed on and handled (none still waiting to be verified). */
		@com.fasterxml.jackson.annotation.JsonProperty("controlClear")
		public boolean controlClear() {
			return this.findingsOpen == 0;
		}

		Line plus(Line o) {
			return new Line(this.nodeId, this.name, this.level, this.households + o.households, this.done + o.done,
					this.revisit + o.revisit, this.refused + o.refused, this.personsExpected + o.personsExpected,
					this.personsAccounted + o.personsAccounted, this.whereaboutsUnknown + o.whereaboutsUnknown,
					this.findings + o.findings, this.findingsOpen + o.findingsOpen);
		}

	}

	public record Progress(Campaign campaign, Node node, List<Line> lines, Line total) {
	}

	/** The node to look from: the one asked for, else the round's (or the caller's, below the round). */
	private Node nodeOf(ShouwangPrincipal caller, Campaign c, Long nodeId) {
		Node node;
		try {
			long start = nodeId != null ? nodeId : caller.scope().contains(c.path()) ? c.nodeId() : caller.nodeId();
			node = this.jurisdictions.get(caller, start);
		}
		catch (NotFoundException ex) {
			throw InvalidInputException.of("nodeId", "validation.nodeNotInScope");
		}
		if (!JurisdictionScope.of(c.path()).contains(node.path()) && !JurisdictionScope.of(node.path()).contains(c.path())) {
			throw InvalidInputException.of("nodeId", "survey.notInRound");
		}
		return node;
	}

	private record GridRow(long gridId, String path, Line line) {
	}

	private final CampaignService campaigns;

	private final JurisdictionService jurisdictions;

	private final KeyPersonService keyPersons;

	private final JdbcClient jdbc;

	private final RoundHouseholds households;

	ProgressService(CampaignService campaigns, JurisdictionService jurisdictions, KeyPersonService keyPersons,
			JdbcClient jdbc, RoundHouseholds households) {
		this.households = households;
		this.campaigns = campaigns;
		this.jurisdictions = jurisdictions;
		this.keyPersons = keyPersons;
		this.jdbc = jdbc;
	}

	/** The round's households under a node, by state (the revisit list is state REVISIT). */
	public PageResult<RoundHousehold> households(ShouwangPrincipal caller, long campaignId, Long nodeId,
			RoundHousehold.State state, PageQuery page) {
		Campaign c = this.campaigns.get(caller, campaignId);
		JurisdictionScope scope = JurisdictionScope.of(nodeOf(caller, c, nodeId).path());
		return page.result(this.households.page(c.id(), scope, state, page), this.households.count(c.id(), scope, state));
	}

	public void forEachHousehold(ShouwangPrincipal caller, long campaignId, Long nodeId, RoundHousehold.State state,
			java.util.function.Consumer<RoundHousehold> sink) {
		Campaign c = this.campaigns.get(caller, campaignId);
		this.households.stream(c.id(), JurisdictionScope.of(nodeOf(caller, c, nodeId).path()), state, sink);
	}

	public Progress progress(ShouwangPrincipal caller, long campaignId, Long nodeId) {
		Campaign c = this.campaigns.get(caller, campaignId);
		Node node = nodeOf(caller, c, nodeId);
		JurisdictionScope scope = JurisdictionScope.of(node.path());
		Map<Long, long[]> findings = this.keyPersons.findingsByGrid(c.id(), scope);
		List<GridRow> grids = scope.bind(this.jdbc.sql("""
				select grid_id, jurisdiction_path, households, done, revisit, refused, persons_expected, persons_accounted,
				  whereabouts_unknown, findings
				from survey_grid_progress where campaign_id = :c
				  and ((jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi)
				    or starts_with(:nodePath, jurisdiction_path))
				"""))
			.param("c", c.id())
			// a round over a single building counts in the row of the grid it stands in
			.param("nodePath", node.path())
			.query((rs, i) -> {
				long grid = rs.getLong(1);
				long open = findings.getOrDefault(grid, new long[2])[1];
				return new GridRow(grid, rs.getString(2), new Line(grid, null, Level.GRID, rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), open));
			})
			.list();
		Line total = new Line(node.id(), node.name(), node.level(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
		for (GridRow g : grids) {
			total = total.plus(g.line());
		}
		List<Line> lines = new ArrayList<>();
		if (node.level() == Level.GRID) {
			// a grid worker's view: their own grid's line, with its four clears
			lines.add(total);
		}
		else {
			for (Node child : this.jurisdictions.children(caller, node.id(), false)) {
				Line line = new Line(child.id(), child.name(), child.level(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
				for (GridRow g : grids) {
					if (g.path().startsWith(child.path())) {
						line = line.plus(g.line());
					}
				}
				if (line.households() > 0) {
					lines.add(line);
				}
			}
		}
		return new Progress(c, node, lines, total);
	}

}
