package cn.shouwang.keyperson;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Medium and high risk areas as announced, each with the days it was in force. An area entered
 * at a node applies to everyone under it, so a traveller is checked against the list their own
 * district (or street) keeps, as it stood on the days they were there.
 */
@Service
public class RiskAreaService {

	static final String ENTITY = "riskArea";

	public record RiskArea(long id, String region, RiskLevel level, LocalDate effectiveFrom, LocalDate effectiveTo,
			String note, String path, boolean editable) {

		public boolean inForceOn(LocalDate day) {
			return !day.isBefore(this.effectiveFrom) && (this.effectiveTo == null || !day.isAfter(this.effectiveTo));
		}

	}

	public record RiskAreaInput(Long nodeId, String region, RiskLevel level, LocalDate effectiveFrom,
			LocalDate effectiveTo, String note) {
	}

	private static final String COLUMNS = "id, region, level, effective_from, effective_to, note, jurisdiction_path";

	private final JdbcClient jdbc;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	RiskAreaService(JdbcClient jdbc, JurisdictionService jurisdictions, AuditTrail audit) {
		this.jdbc = jdbc;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
	}

	/** The areas that apply to the caller's jurisdiction and those entered inside it; ended ones on request. */
	public List<RiskArea> list(ShouwangPrincipal caller, boolean includeEnded, LocalDate today) {
		KeyPersonPermissions.require(KeyPersonPermissions.READ, caller);
		return caller.scope().bind(this.jdbc.sql("select " + COLUMNS + """
				 from risk_area where (starts_with(:own, jurisdiction_path)
				   or (jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi))
				   and (:all or effective_to is null or effective_to >= :today)
				order by effective_to is not null, level, region
				"""))
			.param("own", caller.nodePath())
			.param("all", includeEnded)
			.param("today", today)
			.query((rs, i) -> area(rs, caller))
			.list();
	}

	@Transactional
	public RiskArea add(ShouwangPrincipal caller, RiskAreaInput input) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Node node = null;
		try {
			node = this.jurisdictions.get(caller, input.nodeId() == null ? caller.nodeId() : input.nodeId());
		}
		catch (NotFoundException ex) {
			errors.add("nodeId", "validation.nodeNotInScope");
		}
		KeyPersonPermissions.require(KeyPersonPermissions.ADMIN, caller);
		String region = input.region() == null ? null : input.region().strip().replaceAll("\\s+", "");
		if (region == null || region.length() < 2) {
			errors.add("region", "validation.required");
		}
		else if (region.length() > 100) {
			errors.add("region", "validation.tooLong", 100);
		}
		if (input.level() == null) {
			errors.add("level", "validation.required");
		}
		if (input.effectiveFrom() == null) {
			errors.add("effectiveFrom", "validation.required");
		}
		if (input.effectiveFrom() != null && input.effectiveTo() != null
				&& input.effectiveTo().isBefore(input.effectiveFrom())) {
			errors.add("effectiveTo", "validation.endBeforeStart");
		}
		if (input.note() != null && input.note().length() > 500) {
			errors.add("note", "validation.tooLong", 500);
		}
		errors.throwIfAny();
		long id = this.jdbc.sql("""
				insert into risk_area(node_id, jurisdiction_path, region, level, effective_from, effective_to, note, created_by)
				values (:node, :path, :region, :level, :from, :to, :note, :actor) returning id
				""")
			.param("node", node.id())
			.param("path", node.path())
			.param("region", region)
			.param("level", input.level().name())
			.param("from", input.effectiveFrom())
			.param("to", input.effectiveTo())
			.param("note", blankToNull(input.note()))
			.param("actor", caller.getUsername())
			.query(Long.class)
			.single();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("region", region);
		after.put("level", input.level());
		after.put("effectiveFrom", input.effectiveFrom());
		after.put("effectiveTo", input.effectiveTo());
		this.audit.record(ENTITY, id, Action.CREATE, node.path(), null, after);
		return find(caller, id).orElseThrow();
	}

	/** Ends an area on a day (inclusive): it stays on record for travellers who were there before. */
	@Transactional
	public RiskArea end(ShouwangPrincipal caller, long id, LocalDate lastDay) {
		RiskArea area = find(caller, id).orElseThrow(() -> new NotFoundException(ENTITY, id));
		KeyPersonPermissions.require(KeyPersonPermissions.ADMIN, caller);
		if (!area.editable()) {
			// announced above the caller's jurisdiction: theirs to read, not to end
			throw new org.springframework.security.access.AccessDeniedException("risk area entered above the caller");
		}
		if (lastDay == null) {
			throw InvalidInputException.of("effectiveTo", "validation.required");
		}
		if (lastDay.isBefore(area.effectiveFrom())) {
			throw InvalidInputException.of("effectiveTo", "validation.endBeforeStart");
		}
		this.jdbc.sql("update risk_area set effective_to = :to where id = :id").param("to", lastDay).param("id", id).update();
		this.audit.record(ENTITY, id, Action.UPDATE, area.path(), Map.of("effectiveTo", String.valueOf(area.effectiveTo())),
				Map.of("effectiveTo", lastDay));
		return find(caller, id).orElseThrow();
	}

	/**
	 * The area in force for a person registered at {@code personPath} who was at {@code place}
	 * between {@code from} and {@code to}: the place names the area (it contains the announced
	 * region's name) and the days overlap the days it was in force. High risk wins over medium.
	 */
	public Optional<RiskArea> match(String personPath, String place, LocalDate from, LocalDate to) {
		if (place == null || place.isBlank() || from == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("select " + COLUMNS + """
				 from risk_area where starts_with(:path, jurisdiction_path)
				   and strpos(:place, region) > 0
				   and effective_from <= :to and (effective_to is null or effective_to >= :from)
				order by level = 'HIGH' desc, length(region) desc limit 1
				""")
			.param("path", personPath)
			.param("place", place.replaceAll("\\s+", ""))
			.param("from", from)
			.param("to", to == null ? from : to)
			.query((rs, i) -> area(rs, null))
			.optional();
	}

	private Optional<RiskArea> find(ShouwangPrincipal caller, long id) {
		return caller.scope().bind(this.jdbc.sql("select " + COLUMNS + """
				 from risk_area where id = :id and (starts_with(:own, jurisdiction_path)
				   or (jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi))
				"""))
			.param("id", id)
			.param("own", caller.nodePath())
			.query((rs, i) -> area(rs, caller))
			.optional();
	}

	private static RiskArea area(java.sql.ResultSet rs, ShouwangPrincipal caller) throws java.sql.SQLException {
		java.sql.Date to = rs.getDate("effective_to");
		String path = rs.getString("jurisdiction_path");
		return new RiskArea(rs.getLong("id"), rs.getString("region"), RiskLevel.valueOf(rs.getString("level")),
				rs.getDate("effective_from").toLocalDate(), to == null ? null : to.toLocalDate(), rs.getString("note"),
				path, caller != null && caller.scope().contains(path));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
