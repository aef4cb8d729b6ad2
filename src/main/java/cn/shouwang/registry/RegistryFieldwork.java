package cn.shouwang.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.crypto.BlindIndex;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people working at the door need from the registry: survey teams (which may include
 * volunteers), key-person follow-up. The jurisdiction still bounds everything; the calling
 * module decides whether the caller's task (a survey team, a key person) entitles them to act,
 * so these methods do not check the registry roles that guard the registry's own pages.
 */
@Service
public class RegistryFieldwork {

	/** A household as the door form shows it, with its active members (ID numbers and phones masked). */
	public record HouseholdAtDoor(long id, long gridId, Long buildingId, String address, String unitNo, String roomNo,
			String path, List<PersonRow> members) {
	}

	/** A registered person and where their record is owned. */
	public record PersonRef(long id, String name, long householdId, long gridId, String address, String path,
			PersonStatus status, String maskedPhone) {
	}

	/** A person as a checkpoint needs them: registered or not, and where; nothing else is read. */
	public record PersonAtGate(long id, String name, String path, PersonStatus status) {
	}

	/** A household in a campaign's snapshot. */
	public record HouseholdRef(long id, long gridId, String path, String address, int members) {
	}

	private final PersonService people;

	private final Persons persons;

	private final Households households;

	private final JdbcClient jdbc;

	private final BlindIndex blindIndex;

	RegistryFieldwork(PersonService people, Persons persons, Households households, JdbcClient jdbc,
			BlindIndex blindIndex) {
		this.people = people;
		this.persons = persons;
		this.households = households;
		this.jdbc = jdbc;
		this.blindIndex = blindIndex;
	}

	/**
	 * The persons of these ids inside the scope, by id, as a checkpoint decides on them (a gate's
	 * scans read their holders in one statement); ids outside the scope are absent.
	 */
	public java.util.Map<Long, PersonAtGate> peopleAtGate(JurisdictionScope scope, java.util.Collection<Long> ids) {
		java.util.Map<Long, PersonAtGate> out = new java.util.HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		scope.bind(this.jdbc.sql("""
				select id, name, jurisdiction_path, status from person
				where id = any(:ids) and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				""")).param("ids", ids.toArray(Long[]::new)).query((rs, i) -> out.put(rs.getLong(1), personAtGate(rs))).list();
		return out;
	}

	/**
	 * The person a guard named by their 居民身份证 number (checked first with
	 * {@link #residentIdProblem}), found exactly through the blind index inside the checkpoint's
	 * jurisdiction; a merged record never answers.
	 */
	public Optional<PersonAtGate> personAtGate(JurisdictionScope scope, String residentId) {
		return scope.bind(this.jdbc.sql("""
				select id, name, jurisdiction_path, status from person
				where id_number_bidx = :b and status <> 'MERGED'
				  and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				order by status = 'ACTIVE' desc limit 1
				"""))
			.param("b", this.blindIndex.idNumber(IdType.normalise(residentId)))
			.query((rs, i) -> personAtGate(rs))
			.optional();
	}

	/** Why a typed 居民身份证 number is not one (a message key such as idnumber.CHECK_DIGIT), or empty. */
	public static Optional<String> residentIdProblem(String raw) {
		return IdType.RESIDENT_ID.problem(raw);
	}

	/**
	 * Which of these households are inside the scope (visitors' hosts), each with its jurisdiction
	 * path; nothing else about them.
	 */
	public java.util.Map<Long, String> householdsIn(JurisdictionScope scope, java.util.Collection<Long> ids) {
		java.util.Map<Long, String> out = new java.util.HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		scope.bind(this.jdbc.sql("""
				select id, jurisdiction_path from household
				where id = any(:ids) and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				""")).param("ids", ids.toArray(Long[]::new)).query((rs, i) -> out.put(rs.getLong(1), rs.getString(2))).list();
		return out;
	}

	private static PersonAtGate personAtGate(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new PersonAtGate(rs.getLong(1), rs.getString(2), rs.getString(3), PersonStatus.valueOf(rs.getString(4)));
	}

	public Optional<HouseholdAtDoor> household(ShouwangPrincipal caller, long id) {
		return this.households.find(this.people.scopeOf(caller), id)
			.map(h -> new HouseholdAtDoor(h.id(), h.gridId(), h.buildingId(), h.address(), h.unitNo(), h.roomNo(),
					h.path(), this.persons.members(h.id())));
	}

	/**
	 * A household reached without an account, through a personal link the calling module has
	 * resolved: the link's own jurisdiction bounds it.
	 */
	public Optional<HouseholdAtDoor> household(JurisdictionScope scope, long id) {
		return this.households.find(new RegistryScope(scope, null), id)
			.map(h -> new HouseholdAtDoor(h.id(), h.gridId(), h.buildingId(), h.address(), h.unitNo(), h.roomNo(),
					h.path(), this.persons.members(h.id())));
	}

	/** The household a resident's account is linked to (empty for other roles or an unlinked account). */
	public Optional<HouseholdAtDoor> residentHousehold(ShouwangPrincipal caller) {
		RegistryScope scope = this.people.scopeOf(caller);
		if (scope.onlyHousehold() == null || scope.onlyHousehold() < 0) {
			return Optional.empty();
		}
		return household(caller, scope.onlyHousehold());
	}

	/** Every household of these grids inside the caller's jurisdiction, with members, in address order. */
	public List<HouseholdAtDoor> households(ShouwangPrincipal caller, Collection<Long> gridIds) {
		if (gridIds.isEmpty()) {
			return List.of();
		}
		RegistryScope scope = this.people.scopeOf(caller);
		List<HouseholdAtDoor> found = scope.bind(this.jdbc.sql("""
				select h.id, h.grid_id, h.building_id, h.address, h.unit_no, h.room_no, h.jurisdiction_path from household h
				where h.grid_id = any(:grids) and h.jurisdiction_path >= :scopeLo and h.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or h.id = :onlyHousehold)
				order by h.jurisdiction_path, h.unit_no, length(h.room_no), h.room_no, h.id
				"""))
			.param("grids", gridIds.toArray(Long[]::new))
			.query((rs, i) -> new HouseholdAtDoor(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), new ArrayList<>()))
			.list();
		Map<Long, HouseholdAtDoor> byId = new LinkedHashMap<>();
		found.forEach(h -> byId.put(h.id(), h));
		for (PersonRow member : this.persons.membersOf(byId.keySet())) {
			byId.get(member.householdId()).members().add(member);
		}
		return found;
	}

	public Optional<PersonRef> person(ShouwangPrincipal caller, long id) {
		return this.persons.find(this.people.scopeOf(caller), id).flatMap(stored -> this.households
			.find(this.people.scopeOf(caller), stored.row().householdId())
			.map(h -> new PersonRef(id, stored.row().name(), h.id(), h.gridId(), h.address(), stored.path(),
					stored.row().status(), stored.row().maskedPhone())));
	}

	/** The person's ID number masked as lists show it, for a document that names them (a release notice). */
	public Optional<String> maskedIdNumber(ShouwangPrincipal caller, long id) {
		return this.persons.find(this.people.scopeOf(caller), id).map(stored -> stored.row().maskedIdNumber());
	}

	/** Households of a jurisdiction whose address contains the text (a checkpoint's visitor names their host). */
	public List<HouseholdRef> householdsMatching(JurisdictionScope scope, String text, int limit) {
		return this.households.search(new RegistryScope(scope, null), text, limit)
			.stream()
			.map(h -> new HouseholdRef(h.id(), h.gridId(), h.path(), h.address(), (int) h.members()))
			.toList();
	}

	/** Every household under a jurisdiction, for a campaign's list of doors to knock on. */
	@Transactional(readOnly = true)
	public void forEachHousehold(JurisdictionScope scope, Consumer<HouseholdRef> sink) {
		scope.bind(this.jdbc.sql("""
				select h.id, h.grid_id, h.jurisdiction_path, h.address,
				  (select count(*) from person m where m.household_id = h.id and m.status = 'ACTIVE')
				from household h where h.jurisdiction_path >= :scopeLo and h.jurisdiction_path < :scopeHi
				"""))
			.withFetchSize(5_000)
			.query(rs -> {
				sink.accept(new HouseholdRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
			});
	}

	/** A new resident found at the door, registered in the household visited. */
	@Transactional
	public PersonRow registerFoundAtDoor(ShouwangPrincipal caller, long householdId, PersonInput input) {
		HouseholdView household = this.households.find(this.people.scopeOf(caller), householdId)
			.orElseThrow(() -> new NotFoundException(PersonService.HOUSEHOLD, householdId));
		return this.people.createIn(caller, household, input);
	}

	/** A registered person found to have left: marked moved out, with the reason. */
	@Transactional
	public void markMovedOut(ShouwangPrincipal caller, long personId, String note) {
		Persons.Stored stored = this.people.stored(caller, personId);
		if (stored.row().status() == PersonStatus.ACTIVE) {
			this.people.moveOut(caller, stored, note);
		}
	}

}
