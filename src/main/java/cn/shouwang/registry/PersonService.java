package cn.shouwang.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.audit.SensitiveAccessLog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Households and persons, seen from the caller's jurisdiction (a resident: their own household).
 * Each fact is entered once: a second registration of the same identity document is refused
 * and points to the existing record instead.
 */
@Service
public class PersonService {

	static final String PERSON = "person";

	static final String HOUSEHOLD = "household";

	/** Lists count their matches up to here (100 pages); beyond, they say "2000+" and ask for a filter. */
	static final long COUNT_CAP = 2_000;

	public enum Field {

		ID_NUMBER, PHONE

	}

	public record Details(PersonRow person, HouseholdView household, List<Persons.Movement> movements) {
	}

	public record HouseholdDetails(HouseholdView household, List<PersonRow> members) {
	}

	/** Where a new household goes: a building (or a grid without buildings), unit and room. */
	public record NewHousehold(Long nodeId, String unitNo, String roomNo, String address) {
	}

	private final Persons persons;

	private final Households households;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final SensitiveAccessLog accessLog;

	private final cn.shouwang.shared.crypto.FieldCipher cipher;

	private final tools.jackson.databind.json.JsonMapper json;

	PersonService(Persons persons, Households households, JurisdictionService jurisdictions, AuditTrail audit,
			SensitiveAccessLog accessLog, cn.shouwang.shared.crypto.FieldCipher cipher,
			tools.jackson.databind.json.JsonMapper json) {
		this.json = json;
		this.cipher = cipher;
		this.persons = persons;
		this.households = households;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.accessLog = accessLog;
	}

	RegistryScope scopeOf(ShouwangPrincipal caller) {
		Long only = RegistryScope.isResident(caller) && caller.userId() != null
				? this.households.residentHousehold(caller.userId()) : RegistryScope.isResident(caller) ? -1L : null;
		return new RegistryScope(caller.scope(), only);
	}

	public PageResult<PersonRow> list(ShouwangPrincipal caller, PersonFilter filter, PageQuery page) {
		RegistryPermissions.require(RegistryPermissions.READ, caller);
		RegistryScope scope = narrowed(caller, filter.nodeId());
		List<PersonRow> items = this.persons.page(scope, filter, page);
		if (page.page() == 0 && items.size() < page.size()) {
			// the whole result is on this page: no count needed (an exact ID lookup is one query)
			return page.result(items, items.size());
		}
		long total = this.persons.count(scope, filter, COUNT_CAP + 1);
		return new PageResult<>(items, Math.min(total, COUNT_CAP), page.page(), page.size(), total <= COUNT_CAP);
	}

	/** Checks an export before its download starts: role and filter, so a refusal is a clear error. */
	public void checkExport(ShouwangPrincipal caller, PersonFilter filter) {
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		narrowed(caller, filter.nodeId());
	}

	/** Every person matching the filter, in list order, for exports. */
	@Transactional(readOnly = true)
	public void forEach(ShouwangPrincipal caller, PersonFilter filter, java.util.function.Consumer<PersonRow> sink) {
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		this.persons.stream(narrowed(caller, filter.nodeId()), filter, sink);
	}

	public Details get(ShouwangPrincipal caller, long id) {
		Persons.Stored stored = stored(caller, id);
		RegistryPermissions.require(RegistryPermissions.READ, caller);
		HouseholdView household = this.households.find(scopeOf(caller), stored.row().householdId()).orElse(null);
		return new Details(stored.row(), household, this.persons.movements(id));
	}

	/**
	 * The history of a person, newest first: their own audit entries and, for one the registry
	 * import registered, the entry of the chunk that did (the person records the job, V32).
	 */
	public List<AuditTrail.Entry> history(ShouwangPrincipal caller, long id) {
		stored(caller, id);
		RegistryPermissions.require(RegistryPermissions.READ, caller);
		List<AuditTrail.Entry> entries = new java.util.ArrayList<>(this.audit.history(caller.scope(), PERSON, id));
		this.persons.importJob(id)
			.ifPresent(job -> this.audit.history(caller.scope(), "registry_import_job", job)
				.stream()
				.filter(e -> registers(e, id))
				.forEach(entries::add));
		entries.sort(java.util.Comparator.comparing(AuditTrail.Entry::at).reversed());
		return entries;
	}

	/** Whether an import chunk's audit entry covers the person (its ids run from first to last). */
	private boolean registers(AuditTrail.Entry e, long id) {
		if (e.after() == null) {
			return false;
		}
		tools.jackson.databind.JsonNode after = this.json.readTree(e.after());
		return after.has("firstPersonId") && after.get("firstPersonId").asLong() <= id
				&& id <= after.path("lastPersonId").asLong();
	}

	/** The full ID number or phone, for roles that call or visit people; written to the access log. */
	@Transactional
	public String reveal(ShouwangPrincipal caller, long id, Field field) {
		Persons.Stored stored = stored(caller, id);
		RegistryPermissions.require(RegistryPermissions.FULL_VALUES, caller);
		byte[] value = field == Field.ID_NUMBER ? stored.idNumberEnc() : stored.phoneEnc();
		if (value == null) {
			return null;
		}
		this.accessLog.fullValueViewed(caller, PERSON, id, field == Field.ID_NUMBER ? "idNumber" : "phone",
				stored.path());
		return this.cipher.decrypt(value);
	}

	public HouseholdDetails household(ShouwangPrincipal caller, long id) {
		HouseholdView h = this.households.find(scopeOf(caller), id).orElseThrow(() -> new NotFoundException(HOUSEHOLD, id));
		RegistryPermissions.require(RegistryPermissions.READ, caller);
		return new HouseholdDetails(h, this.persons.members(id));
	}

	public List<HouseholdView> findHouseholds(ShouwangPrincipal caller, String text) {
		RegistryPermissions.require(RegistryPermissions.READ, caller);
		return this.households.search(scopeOf(caller), text, 30);
	}

	@Transactional
	public HouseholdView createHousehold(ShouwangPrincipal caller, NewHousehold cmd) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Node node = null;
		if (cmd.nodeId() == null) {
			errors.add("nodeId", "validation.required");
		}
		else {
			try {
				node = this.jurisdictions.get(caller, cmd.nodeId());
				if (node.level() != Level.BUILDING && node.level() != Level.GRID) {
					errors.add("nodeId", "household.needsBuildingOrGrid");
				}
			}
			catch (NotFoundException ex) {
				errors.add("nodeId", "validation.nodeNotInScope");
			}
		}
		RegistryPermissions.require(RegistryPermissions.WRITE, caller);
		String unit = shortText(errors, "unitNo", cmd.unitNo(), 10);
		String room = shortText(errors, "roomNo", cmd.roomNo(), 20);
		String address = shortText(errors, "address", cmd.address(), 200);
		errors.throwIfAny();
		if (this.households.findByAddress(node.path(), unit, room).isPresent()) {
			throw InvalidInputException.of("roomNo", "household.exists");
		}
		long gridId = node.level() == Level.GRID ? node.id() : node.parentId();
		Long buildingId = node.level() == Level.BUILDING ? node.id() : null;
		if (address == null) {
			address = composeAddress(caller, node, unit, room);
		}
		long id = this.households.insert(gridId, buildingId, address, unit, room, node.path());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("address", address);
		after.put("nodeId", node.id());
		this.audit.record(HOUSEHOLD, id, Action.CREATE, node.path(), null, after);
		return this.households.find(scopeOf(caller), id).orElseThrow();
	}

	@Transactional
	public PersonRow create(ShouwangPrincipal caller, long householdId, PersonInput input) {
		HouseholdView household = this.households.find(scopeOf(caller), householdId)
			.orElseThrow(() -> new NotFoundException(HOUSEHOLD, householdId));
		RegistryPermissions.require(RegistryPermissions.WRITE, caller);
		return createIn(caller, household, input);
	}

	/** Registers a person in a household the caller may see; the caller's right to write is checked before. */
	PersonRow createIn(ShouwangPrincipal caller, HouseholdView household, PersonInput input) {
		long householdId = household.id();
		PersonData data = PersonRules.validate(input);
		refuseSecondRegistration(caller, data.idNumber(), null);
		long id;
		try {
			id = this.persons.insert(householdId, data, household.path());
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInputException.of("idNumber", "person.idNumberRegisteredElsewhere");
		}
		if ("户主".equals(data.relation()) || household.headPersonId() == null) {
			this.households.setHead(householdId, id);
		}
		this.persons.recordMovement(id, "REGISTER", null, householdId, null, household.path(), null,
				caller.getUsername());
		this.audit.record(PERSON, id, Action.CREATE, household.path(), null, auditValues(data, householdId));
		return stored(caller, id).row();
	}

	@Transactional
	public PersonRow update(ShouwangPrincipal caller, long id, PersonInput input) {
		Persons.Stored before = stored(caller, id);
		RegistryPermissions.require(RegistryPermissions.WRITE, caller);
		// the full values are never shown in the form: left blank they stay as they are
		PersonInput effective = new PersonInput(input.name(),
				input.idType() == null ? before.row().idType() : input.idType(),
				blank(input.idNumber()) ? this.cipher.decrypt(before.idNumberEnc()) : input.idNumber(),
				blank(input.phone()) ? this.cipher.decrypt(before.phoneEnc()) : input.phone(),
				input.sex() == null && !before.row().idType().carriesBirthAndSex() ? String.valueOf(before.row().sex())
						: input.sex(),
				input.birthDate() == null && !before.row().idType().carriesBirthAndSex()
						? String.valueOf(before.row().birthDate()) : input.birthDate(),
				input.relation(), input.residenceType() == null ? before.row().residenceType() : input.residenceType(),
				input.workPlace(), input.tags(), input.notes(), input.version());
		PersonData data = PersonRules.validate(effective);
		refuseSecondRegistration(caller, data.idNumber(), id);
		int version = input.version() == null ? before.row().version() : input.version();
		try {
			if (this.persons.update(id, version, data) == 0) {
				throw InvalidInputException.of("version", "validation.staleVersion");
			}
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInputException.of("idNumber", "person.idNumberRegisteredElsewhere");
		}
		PersonRow after = stored(caller, id).row();
		this.audit.record(PERSON, id, Action.UPDATE, before.path(), rowValues(before.row()), rowValues(after));
		return after;
	}

	@Transactional
	public PersonRow moveOut(ShouwangPrincipal caller, long id, String note) {
		Persons.Stored p = stored(caller, id);
		RegistryPermissions.require(RegistryPermissions.WRITE, caller);
		return moveOut(caller, p, note);
	}

	/** Marks a person the caller may see as moved out; the caller's right to write is checked before. */
	PersonRow moveOut(ShouwangPrincipal caller, Persons.Stored p, String note) {
		long id = p.row().id();
		if (p.row().status() != PersonStatus.ACTIVE) {
			throw InvalidInputException.of("status", "person.notActive");
		}
		this.persons.setStatus(id, PersonStatus.MOVED_OUT);
		this.persons.recordMovement(id, "MOVE_OUT", p.row().householdId(), null, p.path(), null, clip(note),
				caller.getUsername());
		this.audit.record(PERSON, id, Action.UPDATE, p.path(), Map.of("status", "ACTIVE"),
				Map.of("status", "MOVED_OUT", "note", String.valueOf(clip(note))));
		return stored(caller, id).row();
	}

	@Transactional
	public PersonRow returnHome(ShouwangPrincipal caller, long id) {
		Persons.Stored p = stored(caller, id);
		RegistryPermissions.require(RegistryPermissions.WRITE, caller);
		if (p.row().status() != PersonStatus.MOVED_OUT) {
			throw InvalidInputException.of("status", "person.notMovedOut");
		}
		this.persons.setStatus(id, PersonStatus.ACTIVE);
		this.persons.recordMovement(id, "RETURN", null, p.row().householdId(), null, p.path(), null,
				caller.getUsername());
		this.audit.record(PERSON, id, Action.UPDATE, p.path(), Map.of("status", "MOVED_OUT"), Map.of("status", "ACTIVE"));
		return stored(caller, id).row();
	}

	/** Moves a person to another household (and so perhaps another grid) inside the caller's jurisdiction. */
	@Transactional
	public PersonRow transfer(ShouwangPrincipal caller, long id, long householdId, String note) {
		Persons.Stored p = stored(caller, id);
		HouseholdView target = this.households.find(scopeOf(caller), householdId)
			.orElseThrow(() -> new NotFoundException(HOUSEHOLD, householdId));
		RegistryPermissions.require(RegistryPermissions.WRITE, caller);
		if (target.id() == p.row().householdId()) {
			throw InvalidInputException.of("householdId", "person.sameHousehold");
		}
		this.persons.moveToHousehold(id, householdId, target.path());
		this.persons.recordMovement(id, "TRANSFER", p.row().householdId(), householdId, p.path(), target.path(),
				clip(note), caller.getUsername());
		this.audit.record(PERSON, id, Action.MOVE, target.path(), Map.of("householdId", p.row().householdId()),
				Map.of("householdId", householdId));
		return stored(caller, id).row();
	}

	/** Links a resident's account to their person record, so they see their own household. */
	@Transactional
	public void linkResidentAccount(long userId, String buildingPath) {
		this.households.firstHeadIn(buildingPath).ifPresent(person -> this.households.linkResident(userId, person));
	}

	private void refuseSecondRegistration(ShouwangPrincipal caller, String idNumber, Long self) {
		this.persons.idNumberOwner(idNumber).map(o -> o[0]).filter(owner -> !owner.equals(self)).ifPresent(owner -> {
			boolean visible = this.persons.find(scopeOf(caller), owner).isPresent();
			throw visible ? InvalidInputException.of("idNumber", "person.idNumberRegistered", owner)
					: InvalidInputException.of("idNumber", "person.idNumberRegisteredElsewhere");
		});
	}

	Persons.Stored stored(ShouwangPrincipal caller, long id) {
		return this.persons.find(scopeOf(caller), id).orElseThrow(() -> new NotFoundException(PERSON, id));
	}

	private RegistryScope narrowed(ShouwangPrincipal caller, Long nodeId) {
		RegistryScope scope = scopeOf(caller);
		if (nodeId == null) {
			return scope;
		}
		try {
			return scope.narrowedTo(this.jurisdictions.get(caller, nodeId).path());
		}
		catch (NotFoundException ex) {
			throw InvalidInputException.of("nodeId", "validation.nodeNotInScope");
		}
	}

	private String composeAddress(ShouwangPrincipal caller, Node node, String unit, String room) {
		StringBuilder sb = new StringBuilder();
		for (Node n : this.jurisdictions.breadcrumb(caller, node)) {
			if (n.level() == Level.STREET || n.level() == Level.COMMUNITY || n.level() == Level.BUILDING) {
				sb.append(n.name());
			}
		}
		if (unit != null) {
			sb.append(unit).append("单元");
		}
		if (room != null) {
			sb.append(room).append("室");
		}
		return sb.toString();
	}

	private static Map<String, Object> auditValues(PersonData d, long householdId) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("householdId", householdId);
		m.put("name", d.name());
		m.put("idType", d.idType());
		m.put("idNumber", d.idNumber());
		m.put("phone", d.phone());
		m.put("sex", String.valueOf(d.sex()));
		m.put("birthDate", String.valueOf(d.birthDate()));
		m.put("relation", d.relation());
		m.put("residenceType", d.residenceType());
		m.put("workPlace", d.workPlace());
		m.put("tags", d.tags());
		m.put("notes", d.notes());
		return m;
	}

	private static Map<String, Object> rowValues(PersonRow r) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", r.name());
		m.put("idType", r.idType());
		m.put("idNumber", r.maskedIdNumber());
		m.put("phone", r.maskedPhone());
		m.put("sex", String.valueOf(r.sex()));
		m.put("birthDate", String.valueOf(r.birthDate()));
		m.put("relation", r.relation());
		m.put("residenceType", r.residenceType());
		m.put("workPlace", r.workPlace());
		m.put("tags", r.tags());
		m.put("notes", r.notes());
		m.put("status", r.status());
		return m;
	}

	private static String shortText(InvalidInputException.Collector errors, String field, String raw, int max) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String v = raw.strip();
		if (v.length() > max) {
			errors.add(field, "validation.tooLong", max);
		}
		return v;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String clip(String note) {
		return note == null || note.isBlank() ? null : note.strip().substring(0, Math.min(200, note.strip().length()));
	}

}
