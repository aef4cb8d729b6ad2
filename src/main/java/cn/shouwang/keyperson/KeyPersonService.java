package cn.shouwang.keyperson;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key persons inside the caller's jurisdiction. Each person has at most one open record per
 * category: a second finding (another door, another list) adds to the open record rather than
 * starting a second one, so each fact is entered once.
 */
@Service
public class KeyPersonService {

	static final String ENTITY = "keyPerson";

	public record Details(KeyPersonRow row, String path, List<StatusChange> history,
			List<Responsible> responsibles, List<VerificationCalls.Call> calls,
			RiskAreaService.RiskArea riskArea) {
	}

	public record StatusChange(KeyPersonStatus from, KeyPersonStatus to, String note, String actor,
			java.time.Instant at) {
	}

	public record Responsible(long userId, String displayName, String role) {
	}

	/** A key person entered by hand for a registered person. */
	public record NewKeyPerson(Long personId, String category, String returnDate, String cameFrom,
			TransportMode transportMode, String transportNo, Boolean fever, String deadline, String notes,
			List<Long> responsibleIds) {
	}

	/** The four clears and notes, as a form or client sends them, with the version read. */
	public record Clears(String returnDate, String cameFrom, TransportMode transportMode, String transportNo,
			Boolean fever, String notes, Integer version) {
	}

	/** What another module found about a person (at the door, in a list, at a gate). */
	public record Finding(long personId, String category, KeyPersonSource source, BigDecimal temperature,
			List<Symptom> symptoms, LocalDate returnDate, String cameFrom, Long riskAreaId, LocalDate deadline,
			UUID assistanceListId, Long campaignId, UUID visitId, String note) {
	}

	private final KeyPersons keyPersons;

	private final VerificationCalls calls;

	private final RegistryFieldwork registry;

	private final RiskAreaService riskAreas;

	private final UserService users;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	private final HealthRules health;

	KeyPersonService(HealthRules health, KeyPersons keyPersons, VerificationCalls calls, RegistryFieldwork registry,
			RiskAreaService riskAreas, UserService users, JurisdictionService jurisdictions, AuditTrail audit,
			JdbcClient jdbc, @Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.health = health;
		this.keyPersons = keyPersons;
		this.calls = calls;
		this.registry = registry;
		this.riskAreas = riskAreas;
		this.users = users;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.jdbc = jdbc;
		this.zone = ZoneId.of(zone);
	}

	public List<KeyPersonCategory> categories(boolean activeOnly) {
		return this.jdbc.sql("""
				select code, name_zh, name_en, sort, active, built_in from key_person_category
				where active or not :activeOnly order by sort, code
				""").param("activeOnly", activeOnly).query((rs, i) -> new KeyPersonCategory(rs.getString(1),
				rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6))).list();
	}

	/** Adds a category, or renames or (de)activates one; built-in categories cannot be deactivated. */
	@Transactional
	public KeyPersonCategory saveCategory(ShouwangPrincipal caller, String code, String nameZh, String nameEn,
			Integer sort, Boolean active) {
		KeyPersonPermissions.require(java.util.EnumSet.of(cn.shouwang.shared.Role.DISTRICT_ADMIN), caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String c = code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT);
		if (!c.matches("[A-Z][A-Z0-9_]{1,39}")) {
			errors.add("code", "keyPerson.category.badCode");
		}
		if (nameZh == null || nameZh.isBlank()) {
			errors.add("nameZh", "validation.required");
		}
		else if (nameZh.length() > 40) {
			errors.add("nameZh", "validation.tooLong", 40);
		}
		if (nameEn != null && nameEn.length() > 60) {
			errors.add("nameEn", "validation.tooLong", 60);
		}
		errors.throwIfAny();
		KeyPersonCategory existing = categories(false).stream().filter(k -> k.code().equals(c)).findFirst().orElse(null);
		if (existing != null && existing.builtIn() && Boolean.FALSE.equals(active)) {
			throw InvalidInputException.of("active", "keyPerson.category.builtIn");
		}
		this.jdbc.sql("""
				insert into key_person_category(code, name_zh, name_en, sort, active) values (:c, :zh, :en, :sort, :active)
				on conflict (code) do update set name_zh = :zh, name_en = :en, sort = :sort, active = :active
				""")
			.param("c", c)
			.param("zh", nameZh.strip())
			.param("en", nameEn == null || nameEn.isBlank() ? nameZh.strip() : nameEn.strip())
			.param("sort", sort == null ? (existing == null ? 100 : existing.sort()) : sort)
			.param("active", active == null || active)
			.update();
		this.audit.record("keyPersonCategory", c, existing == null ? Action.CREATE : Action.UPDATE,
				caller.nodePath(), null, Map.of("nameZh", nameZh.strip(), "active", active == null || active));
		return categories(false).stream().filter(k -> k.code().equals(c)).findFirst().orElseThrow();
	}

	public PageResult<KeyPersonRow> list(ShouwangPrincipal caller, KeyPersonFilter filter, PageQuery page) {
		KeyPersonPermissions.require(KeyPersonPermissions.READ, caller);
		JurisdictionScope scope = this.jurisdictions.scopeFor(caller, filter.nodeId());
		LocalDate today = today();
		return page.result(this.keyPersons.page(scope, filter, today, page), this.keyPersons.count(scope, filter, today));
	}

	public void forEach(ShouwangPrincipal caller, KeyPersonFilter filter, Consumer<KeyPersonRow> sink) {
		KeyPersonPermissions.require(KeyPersonPermissions.READ, caller);
		this.keyPersons.stream(this.jurisdictions.scopeFor(caller, filter.nodeId()), filter, today(), sink);
	}

	public Details get(ShouwangPrincipal caller, long id) {
		KeyPersons.Stored stored = stored(caller, id);
		KeyPersonPermissions.require(KeyPersonPermissions.READ, caller);
		KeyPersonRow row = stored.row();
		RiskAreaService.RiskArea area = row.riskAreaId() == null ? null
				: this.riskAreas.list(caller, true, today())
					.stream()
					.filter(a -> a.id() == row.riskAreaId())
					.findFirst()
					.orElse(null);
		return new Details(row, stored.path(), this.keyPersons.statusChanges(id), this.keyPersons.responsibles(id),
				this.calls.forKeyPerson(id), area);
	}

	/** The key-person records of a registered person the caller may see (for the person's page). */
	public List<KeyPersonRow> forPerson(ShouwangPrincipal caller, long personId) {
		if (!KeyPersonPermissions.READ.contains(caller.role())) {
			return List.of();
		}
		return this.keyPersons.forPerson(caller.scope(), personId);
	}

	@Transactional
	public KeyPersonRow create(ShouwangPrincipal caller, NewKeyPerson input) {
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		RegistryFieldwork.PersonRef person = null;
		if (input.personId() == null) {
			errors.add("personId", "validation.required");
		}
		else {
			person = this.registry.person(caller, input.personId()).orElse(null);
			if (person == null) {
				errors.add("personId", "keyPerson.personNotFound");
			}
		}
		String category = checkCategory(errors, input.category());
		LocalDate returnDate = errors.date("returnDate", input.returnDate());
		LocalDate deadline = errors.date("deadline", input.deadline());
		String cameFrom = errors.text("cameFrom", input.cameFrom(), 100);
		String transportNo = errors.text("transportNo", input.transportNo(), 40);
		String notes = errors.text("notes", input.notes(), 500);
		checkReturnDate(errors, returnDate);
		List<Long> responsibles = checkResponsibles(caller, errors, input.responsibleIds());
		errors.throwIfAny();
		if (this.keyPersons.openFor(person.id(), category).isPresent()) {
			throw InvalidInputException.of("category", "keyPerson.alreadyOpen",
					this.keyPersons.openFor(person.id(), category).get().row().id());
		}
		Long riskArea = returnDate == null ? null
				: this.riskAreas.match(person.path(), cameFrom, returnDate.minusDays(14), returnDate)
					.map(RiskAreaService.RiskArea::id)
					.orElse(null);
		long id = this.keyPersons.insert(new KeyPersons.NewKeyPerson(person.id(), person.name(), person.address(),
				person.gridId(), person.path(), category, KeyPersonSource.MANUAL, returnDate, cameFrom,
				input.transportMode(), transportNo, input.fever(), null, List.of(), riskArea, deadline, null, null, null,
				notes, caller.getUsername()));
		this.keyPersons.recordStatus(id, null, KeyPersonStatus.NEW, null, caller.getUsername());
		this.keyPersons.setResponsibles(id, responsibles);
		this.audit.record(ENTITY, id, Action.CREATE, person.path(), null,
				Map.of("personId", person.id(), "category", category, "source", KeyPersonSource.MANUAL));
		return stored(caller, id).row();
	}

	/**
	 * Records what another module found: a new key person, or, when the person already has an
	 * open record of that category, the finding added to it. Returns the record's id. The caller
	 * must see the person; the calling module has decided they may report findings.
	 */
	@Transactional
	public long registerFinding(ShouwangPrincipal caller, Finding finding) {
		RegistryFieldwork.PersonRef person = this.registry.person(caller, finding.personId())
			.orElseThrow(() -> new NotFoundException("person", finding.personId()));
		Boolean fever = finding.temperature() == null ? null : this.health.isFever(finding.temperature());
		var open = this.keyPersons.openFor(person.id(), finding.category());
		if (open.isPresent()) {
			long id = open.get().row().id();
			this.keyPersons.addFinding(id, fever, finding.temperature(), finding.symptoms(), finding.note());
			this.audit.record(ENTITY, id, Action.UPDATE, open.get().path(), null,
					Map.of("finding", String.valueOf(finding.source()), "temperature", String.valueOf(finding.temperature())));
			return id;
		}
		long id = this.keyPersons.insert(new KeyPersons.NewKeyPerson(person.id(), person.name(), person.address(),
				person.gridId(), person.path(), finding.category(), finding.source(), finding.returnDate(),
				finding.cameFrom(), null, null, fever, finding.temperature(), finding.symptoms(), finding.riskAreaId(),
				finding.deadline(), finding.assistanceListId(), finding.campaignId(), finding.visitId(), finding.note(),
				caller.getUsername()));
		this.keyPersons.recordStatus(id, null, KeyPersonStatus.NEW, null, caller.getUsername());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("personId", person.id());
		after.put("category", finding.category());
		after.put("source", finding.source());
		this.audit.record(ENTITY, id, Action.CREATE, person.path(), null, after);
		return id;
	}

	@Transactional
	public KeyPersonRow updateClears(ShouwangPrincipal caller, long id, Clears input) {
		KeyPersons.Stored before = stored(caller, id);
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate returnDate = errors.date("returnDate", input.returnDate());
		String cameFrom = errors.text("cameFrom", input.cameFrom(), 100);
		String transportNo = errors.text("transportNo", input.transportNo(), 40);
		String notes = errors.text("notes", input.notes(), 1000);
		checkReturnDate(errors, returnDate);
		errors.throwIfAny();
		Long riskArea = returnDate == null ? before.row().riskAreaId()
				: this.riskAreas.match(before.path(), cameFrom, returnDate.minusDays(14), returnDate)
					.map(RiskAreaService.RiskArea::id)
					.orElse(before.row().riskAreaId());
		int version = input.version() == null ? before.row().version() : input.version();
		if (this.keyPersons.updateClears(id, version, returnDate, cameFrom, input.transportMode(), transportNo,
				input.fever(), riskArea, notes) == 0) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		KeyPersonRow after = stored(caller, id).row();
		this.audit.record(ENTITY, id, Action.UPDATE, before.path(), clears(before.row()), clears(after));
		return after;
	}

	@Transactional
	public KeyPersonRow changeStatus(ShouwangPrincipal caller, long id, KeyPersonStatus to, String note) {
		KeyPersons.Stored before = stored(caller, id);
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		if (to == null) {
			throw InvalidInputException.of("status", "validation.required");
		}
		KeyPersonStatus from = before.row().status();
		if (!from.next().contains(to)) {
			throw InvalidInputException.of("status", "keyPerson.status.notAllowed");
		}
		String clipped = note == null || note.isBlank() ? null : note.strip();
		if (clipped != null && clipped.length() > 500) {
			throw InvalidInputException.of("note", "validation.tooLong", 500);
		}
		this.keyPersons.setStatus(id, from, to, clipped, caller.getUsername());
		this.audit.record(ENTITY, id, Action.UPDATE, before.path(), Map.of("status", from),
				Map.of("status", to, "note", String.valueOf(clipped)));
		return stored(caller, id).row();
	}

	/**
	 * A control measure started for the key person (monitoring module): whatever stage the record
	 * was at, it is now under a measure, with that in its history.
	 */
	@Transactional
	public KeyPersonRow placeUnderMeasure(ShouwangPrincipal caller, long id, String note) {
		KeyPersons.Stored before = stored(caller, id);
		KeyPersonStatus from = before.row().status();
		if (!from.open() && from != KeyPersonStatus.NOT_FOUND) {
			throw InvalidInputException.of("keyPersonId", "keyPerson.closed");
		}
		if (from != KeyPersonStatus.UNDER_MEASURE) {
			this.keyPersons.setStatus(id, from, KeyPersonStatus.UNDER_MEASURE, note, caller.getUsername());
			this.audit.record(ENTITY, id, Action.UPDATE, before.path(), Map.of("status", from),
					Map.of("status", KeyPersonStatus.UNDER_MEASURE, "note", String.valueOf(note)));
		}
		return stored(caller, id).row();
	}

	/** The measure ended (released): the key person is cleared, unless another stage was set meanwhile. */
	@Transactional
	public void measureEnded(ShouwangPrincipal caller, long id, String note) {
		KeyPersons.Stored before = stored(caller, id);
		if (before.row().status() == KeyPersonStatus.UNDER_MEASURE) {
			this.keyPersons.setStatus(id, KeyPersonStatus.UNDER_MEASURE, KeyPersonStatus.CLEARED, note,
					caller.getUsername());
			this.audit.record(ENTITY, id, Action.UPDATE, before.path(), Map.of("status", KeyPersonStatus.UNDER_MEASURE),
					Map.of("status", KeyPersonStatus.CLEARED, "note", String.valueOf(note)));
		}
	}

	@Transactional
	public void setResponsibles(ShouwangPrincipal caller, long id, List<Long> userIds) {
		KeyPersons.Stored stored = stored(caller, id);
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		List<Long> checked = checkResponsibles(caller, errors, userIds);
		errors.throwIfAny();
		List<Long> before = this.keyPersons.responsibles(id).stream().map(Responsible::userId).toList();
		this.keyPersons.setResponsibles(id, checked);
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("responsibles", before),
				Map.of("responsibles", checked));
	}

	/** Per grid of a campaign: findings made and how many are still new; for the survey's "管控清". */
	public Map<Long, long[]> findingsByGrid(long campaignId, JurisdictionScope scope) {
		return this.keyPersons.findingsByGrid(campaignId, scope);
	}

	KeyPersons.Stored stored(ShouwangPrincipal caller, long id) {
		return this.keyPersons.find(caller.scope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	LocalDate today() {
		return LocalDate.now(this.zone);
	}


	private String checkCategory(InvalidInputException.Collector errors, String category) {
		if (category == null || category.isBlank()) {
			errors.add("category", "validation.required");
			return null;
		}
		String c = category.strip();
		if (categories(true).stream().noneMatch(k -> k.code().equals(c))) {
			errors.add("category", "keyPerson.category.unknown");
		}
		return c;
	}

	private List<Long> checkResponsibles(ShouwangPrincipal caller, InvalidInputException.Collector errors,
			List<Long> ids) {
		List<Long> checked = new ArrayList<>();
		for (Long id : ids == null ? List.<Long>of() : ids) {
			if (id == null || this.users.colleague(caller, id).isEmpty()) {
				errors.add("responsibleIds", "keyPerson.responsibleNotInScope");
				return List.of();
			}
			if (!checked.contains(id)) {
				checked.add(id);
			}
		}
		return checked;
	}

	private void checkReturnDate(InvalidInputException.Collector errors, LocalDate returnDate) {
		if (returnDate != null && (returnDate.isAfter(today()) || returnDate.isBefore(today().minusYears(1)))) {
			errors.add("returnDate", "keyPerson.returnDateImpossible");
		}
	}

	private static Map<String, Object> clears(KeyPersonRow r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("returnDate", r.returnDate());
		m.put("cameFrom", r.cameFrom());
		m.put("transportMode", r.transportMode());
		m.put("transportNo", r.transportNo());
		m.put("fever", r.fever());
		m.put("notes", r.notes());
		return m;
	}

}
