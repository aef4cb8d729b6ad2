package cn.shouwang.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeping the register clean: finding and merging duplicate persons (keeping every movement and
 * link), and anonymising persons whose purpose has ended (PIPL retention), with a preview first.
 */
@Service
public class RegistryCare {

	/** A set of records that look like one person, and why. */
	public record DuplicateGroup(String reason, List<PersonRow> persons) {
	}

	private final JdbcClient jdbc;

	private final Persons persons;

	private final PersonService people;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	RegistryCare(JdbcClient jdbc, Persons persons, PersonService people, AuditTrail audit,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.persons = persons;
		this.people = people;
		this.audit = audit;
		this.events = events;
	}

	/** Same identity document, or same name, birth date and phone, inside the caller's jurisdiction. */
	public List<DuplicateGroup> duplicates(ShouwangPrincipal caller, int limit) {
		RegistryScope scope = this.people.scopeOf(caller);
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		List<DuplicateGroup> groups = new ArrayList<>();
		String inScope = """
				from person p where p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or p.household_id = :onlyHousehold)
				  and p.status in ('ACTIVE', 'MOVED_OUT')
				""";
		List<Long[]> byId = scope.bind(this.jdbc.sql("select array_agg(p.id order by p.id) " + inScope
				+ " and p.id_number_bidx is not null group by p.id_number_bidx having count(*) > 1 limit :limit"))
			.param("limit", limit)
			.query((rs, i) -> (Long[]) rs.getArray(1).getArray())
			.list();
		List<Long[]> byNameBirthPhone = scope.bind(this.jdbc.sql("select array_agg(p.id order by p.id) " + inScope
				+ " and p.phone_bidx is not null and p.birth_date is not null"
				+ " group by p.name, p.birth_date, p.phone_bidx having count(*) > 1 limit :limit"))
			.param("limit", limit)
			.query((rs, i) -> (Long[]) rs.getArray(1).getArray())
			.list();
		for (Long[] ids : byId) {
			groups.add(group(scope, "duplicate.sameIdNumber", ids));
		}
		for (Long[] ids : byNameBirthPhone) {
			groups.add(group(scope, "duplicate.sameNameBirthPhone", ids));
		}
		return groups;
	}

	/**
	 * Merges {@code mergedId} into {@code keptId}: the kept record takes over what it lacks
	 * (phone, work place, tags, notes), every movement and link moves over, and the merged record
	 * stays as MERGED pointing to the kept one.
	 */
	@Transactional
	public PersonRow merge(ShouwangPrincipal caller, long keptId, long mergedId) {
		RegistryScope scope = this.people.scopeOf(caller);
		Persons.Stored kept = this.persons.find(scope, keptId).orElseThrow(() -> new NotFoundException("person", keptId));
		Persons.Stored merged = this.persons.find(scope, mergedId)
			.orElseThrow(() -> new NotFoundException("person", mergedId));
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		if (keptId == mergedId) {
			throw InvalidInputException.of("mergedId", "duplicate.samePerson");
		}
		this.jdbc.sql("""
				update person k set phone_enc = coalesce(k.phone_enc, m.phone_enc), phone_bidx = coalesce(k.phone_bidx, m.phone_bidx),
				  work_place = coalesce(k.work_place, m.work_place),
				  tags = array(select distinct unnest(k.tags || m.tags) order by 1),
				  notes = nullif(concat_ws('；', k.notes, m.notes), ''), version = k.version + 1, updated_at = now()
				from person m where k.id = :kept and m.id = :merged
				""").param("kept", keptId).param("merged", mergedId).update();
		this.jdbc.sql("update person set status = 'MERGED', merged_into = :kept, version = version + 1, updated_at = now() where id = :merged")
			.param("kept", keptId)
			.param("merged", mergedId)
			.update();
		this.jdbc.sql("update person_movement set person_id = :kept where person_id = :merged")
			.param("kept", keptId)
			.param("merged", mergedId)
			.update();
		this.jdbc.sql("update resident_account set person_id = :kept where person_id = :merged")
			.param("kept", keptId)
			.param("merged", mergedId)
			.update();
		this.jdbc.sql("update household set head_person_id = :kept where head_person_id = :merged")
			.param("kept", keptId)
			.param("merged", mergedId)
			.update();
		this.persons.recordMovement(keptId, "MERGE", merged.row().householdId(), kept.row().householdId(),
				merged.path(), kept.path(), "#" + mergedId, caller.getUsername());
		this.events.publishEvent(new PersonsMerged(keptId, mergedId));
		this.audit.record("person", mergedId, Action.UPDATE, merged.path(), Map.of("status", merged.row().status()),
				Map.of("status", "MERGED", "mergedInto", keptId));
		this.audit.record("person", keptId, Action.UPDATE, kept.path(), null, Map.of("merged", mergedId));
		return this.persons.find(scope, keptId).orElseThrow().row();
	}

	/** How many persons an anonymisation would touch: moved out more than {@code days} days ago. */
	public long anonymisationPreview(ShouwangPrincipal caller, int days) {
		RegistryScope scope = this.people.scopeOf(caller);
		RegistryPermissions.require(RegistryPermissions.RETENTION, caller);
		checkDays(days);
		return scope.bind(this.jdbc.sql("""
				select count(*) from person p where p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or p.household_id = :onlyHousehold)
				  and p.status = 'MOVED_OUT' and p.moved_out_at < now() - make_interval(days => :days)
				""")).param("days", days).query(Long.class).single();
	}

	/**
	 * Removes names, document numbers and phones irreversibly from persons moved out more than
	 * {@code days} days ago (birth year, sex and residence type stay, so the counts still add up),
	 * and redacts them in earlier audit values. {@code expected} must equal the preview's count,
	 * so nobody anonymises a different set than the one they confirmed.
	 */
	@Transactional
	public long anonymise(ShouwangPrincipal caller, int days, long expected) {
		long count = anonymisationPreview(caller, days);
		if (count != expected) {
			throw InvalidInputException.of("expected", "retention.countChanged", count);
		}
		RegistryScope scope = this.people.scopeOf(caller);
		List<Long> ids = scope.bind(this.jdbc.sql("""
				update person p set name = '已匿名', id_number_enc = null, id_number_bidx = null, phone_enc = null,
				  phone_bidx = null, work_place = null, notes = null, relation = null,
				  birth_date = make_date(extract(year from p.birth_date)::int, 1, 1), status = 'ANONYMISED',
				  anonymised_at = now(), version = p.version + 1, updated_at = now()
				where p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or p.household_id = :onlyHousehold)
				  and p.status = 'MOVED_OUT' and p.moved_out_at < now() - make_interval(days => :days)
				returning p.id
				""")).param("days", days).query(Long.class).list();
		if (!ids.isEmpty()) {
			this.jdbc.sql("select set_config('shouwang.audit_redaction', 'on', true)").query(String.class).single();
			this.jdbc.sql("""
					update audit_event set
					  before = case when before is null then null else before || jsonb_build_object('name', '已匿名', 'idNumber', null, 'phone', null) end,
					  after = case when after is null then null else after || jsonb_build_object('name', '已匿名', 'idNumber', null, 'phone', null) end
					where entity = 'person' and entity_id = any(:ids)
					""").param("ids", ids.stream().map(String::valueOf).toArray(String[]::new)).update();
			this.jdbc.sql("update person_movement set note = null where person_id = any(:ids)")
				.param("ids", ids.toArray(Long[]::new))
				.update();
			this.jdbc.sql("select set_config('shouwang.audit_redaction', 'off', true)").query(String.class).single();
		}
		this.audit.record("retention", caller.nodePath(), Action.UPDATE, caller.nodePath(), null,
				Map.of("anonymised", ids.size(), "movedOutMoreThanDays", days));
		return ids.size();
	}

	private DuplicateGroup group(RegistryScope scope, String reason, Long[] ids) {
		return new DuplicateGroup(reason, Arrays.stream(ids)
			.map(id -> this.persons.find(scope, id).map(Persons.Stored::row).orElse(null))
			.filter(java.util.Objects::nonNull)
			.toList());
	}

	private static void checkDays(int days) {
		if (days < 30 || days > 36_500) {
			throw InvalidInputException.of("days", "validation.range", 30, 36_500);
		}
	}

}
