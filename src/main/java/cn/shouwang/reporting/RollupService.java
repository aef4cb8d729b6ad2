package cn.shouwang.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.stereotype.Service;

/**
 * Streets and the district see their communities' reports aggregated (DHIS2's rules): the expected
 * reports are one per active community under the node; reporting rate = complete ÷ expected;
 * on-time rate = complete by the deadline ÷ expected; a report first submitted after the deadline
 * is late; one not submitted when the deadline has passed is missing. Figures add up.
 */
@Service
public class RollupService {

	private final DailyReports reports;

	private final FigureCatalogue figures;

	private final JurisdictionService jurisdictions;

	private final ReportService service;

	RollupService(DailyReports reports, FigureCatalogue figures, JurisdictionService jurisdictions,
			ReportService service) {
		this.reports = reports;
		this.figures = figures;
		this.jurisdictions = jurisdictions;
		this.service = service;
	}

	/** The node's roll-up of the day (the caller's own node when {@code nodeId} is null). */
	public Rollup rollup(ShouwangPrincipal caller, Long nodeId, LocalDate day, boolean computed) {
		boolean live = computed;
		Node node = this.jurisdictions.get(caller, nodeId == null ? caller.nodeId() : nodeId);
		ReportPermissions.require(ReportPermissions.SEE, caller);
		if (day == null) {
			throw InvalidInputException.of("day", "validation.required");
		}
		// a grid has no report of its own: its figures can only be computed
		live = live || node.level() == Level.GRID || node.level() == Level.BUILDING;
		Instant deadline = this.service.deadline(day);
		boolean passed = this.service.now().isAfter(deadline);
		// the communities that must report: walked down level by level (one indexed read per street),
		// not the tree's every grid and building
		List<Node> communities = new ArrayList<>();
		Map<Long, String> names = new HashMap<>();
		names.put(node.id(), node.name());
		communitiesUnder(caller, node, communities, names);
		List<Node> children = childLines(caller, node, live);
		Map<String, StoredReport> stored = new HashMap<>();
		for (StoredReport r : this.reports.under(JurisdictionScope.of(node.path()), day)) {
			stored.put(r.path(), r);
		}
		Map<String, Map<String, Long>> liveValues = live
				? this.figures.compute(children.stream().map(Node::path).toList(), day) : Map.of();
		Map<String, Rollup.Line> lines = new LinkedHashMap<>();
		for (Node c : children) {
			StoredReport own = stored.get(c.path());
			ReportStatus ownStatus = c.level() == Level.COMMUNITY || c.level() == Level.STREET
					? (own == null ? ReportStatus.NOT_STARTED : own.status()) : null;
			lines.put(c.path(), new Rollup.Line(c.id(), c.name(), c.level(), c.path(), 0, 0, 0, 0,
					live ? new HashMap<>(liveValues.getOrDefault(c.path(), Map.of())) : new HashMap<>(), ownStatus));
		}
		List<Rollup.UnitStatus> units = new ArrayList<>();
		List<Rollup.UnitStatus> pending = new ArrayList<>();
		List<Rollup.UnitStatus> missing = new ArrayList<>();
		List<Rollup.UnitStatus> late = new ArrayList<>();
		for (Node community : communities) {
			StoredReport r = stored.get(community.path());
			ReportStatus status = r == null ? ReportStatus.NOT_STARTED : r.status();
			boolean complete = status.complete();
			boolean onTime = complete && Boolean.TRUE.equals(r.onTime());
			Rollup.UnitStatus u = new Rollup.UnitStatus(community.id(), community.name(),
					names.getOrDefault(community.parentId(), ""), status, r == null ? null : r.submittedAt(),
					complete ? r.onTime() : null, r != null && r.zero());
			units.add(u);
			if (!complete) {
				(passed ? missing : pending).add(u);
			}
			else if (!onTime) {
				late.add(u);
			}
			String key = lineOf(lines, community.path());
			if (key == null) {
				continue;
			}
			Rollup.Line l = lines.get(key);
			if (!live && complete) {
				FigureCatalogue.addInto(l.figures(), r.figures());
			}
			lines.put(key, new Rollup.Line(l.nodeId(), l.name(), l.level(), l.path(), l.expected() + 1,
					l.submitted() + (complete ? 1 : 0), l.onTime() + (onTime ? 1 : 0),
					l.approved() + (status == ReportStatus.APPROVED ? 1 : 0), l.figures(), l.own()));
		}
		Map<String, Long> totals = new HashMap<>();
		int expected = 0;
		int submitted = 0;
		int onTime = 0;
		int approved = 0;
		for (Rollup.Line l : lines.values()) {
			FigureCatalogue.addInto(totals, l.figures());
		}
		for (Rollup.UnitStatus u : units) {
			expected++;
			submitted += u.status().complete() ? 1 : 0;
			onTime += Boolean.TRUE.equals(u.onTime()) ? 1 : 0;
			approved += u.status() == ReportStatus.APPROVED ? 1 : 0;
		}
		StoredReport mine = stored.get(node.path());
		Rollup.Line total = new Rollup.Line(node.id(), node.name(), node.level(), node.path(), expected, submitted, onTime,
				approved, totals, mine == null ? null : mine.status());
		return new Rollup(node.id(), node.name(), node.level(), node.path(), day, live, deadline, passed,
				new ArrayList<>(lines.values()), total, units, pending, missing, late);
	}

	private void communitiesUnder(ShouwangPrincipal caller, Node node, List<Node> communities, Map<Long, String> names) {
		if (node.level() == Level.COMMUNITY) {
			communities.add(node);
			return;
		}
		if (node.level() != Level.DISTRICT && node.level() != Level.STREET) {
			return;
		}
		for (Node child : this.jurisdictions.children(caller, node.id(), false)) {
			names.put(child.id(), child.name());
			communitiesUnder(caller, child, communities, names);
		}
	}

	/**
	 * The lines: the node's children; for a community its grids when computed live (a stored report is
	 * the community's as a whole); a grid (or building) is its own single line.
	 */
	private List<Node> childLines(ShouwangPrincipal caller, Node node, boolean live) {
		return switch (node.level()) {
			case DISTRICT, STREET -> this.jurisdictions.children(caller, node.id(), false);
			case COMMUNITY -> {
				List<Node> grids = live ? this.jurisdictions.children(caller, node.id(), false) : List.of();
				yield grids.isEmpty() ? List.of(node) : grids;
			}
			default -> List.of(node);
		};
	}

	private static String lineOf(Map<String, Rollup.Line> lines, String path) {
		for (String p : lines.keySet()) {
			if (path.startsWith(p)) {
				return p;
			}
		}
		return null;
	}

}
