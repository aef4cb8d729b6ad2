package cn.shouwang.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.keyperson.KeyPersonRow;
import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.PhoneNumbers;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Measure plans. A plan takes the policy version in force on its first day and keeps it; its
 * window follows the last exposure (a later exposure moves it); its phases follow one another;
 * the follow-up slots from today to its end are what the "not reported" list is made of.
 */
@Service
public class MeasureService {

	static final String ENTITY = "controlMeasure";

	public record TeamMember(String duty, Long userId, String name, String phone) {
	}

	/** What starts a measure: the key person, the last exposure, and where (for centralised phases). */
	public record StartMeasure(Long keyPersonId, String lastExposure, String category, String siteName, String room,
			List<TeamMember> team) {
	}

	public record Phase(int seq, MeasureType type, LocalDate startsOn, LocalDate endsOn, String place, String siteName,
			String room) {
	}

	public record Member(long id, String duty, Long userId, String name, String maskedPhone) {
	}

	public record Event(String kind, String note, String actor, java.time.Instant at) {
	}

	public record Details(MeasureRow measure, String path, Policy policy, List<Phase> phases, List<Member> team,
			List<Event> events, boolean readyForRelease) {
	}

	/** Published inside the transaction that released a measure, for whoever issues the notice. */
	public record Released(long measureId, long personId, String path) {
	}

	private final Measures measures;

	private final PolicyService policies;

	private final KeyPersonService keyPersons;

	private final RegistryFieldwork registry;

	private final UserService users;

	private final JurisdictionService jurisdictions;

	private final FieldCipher cipher;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Clock clock;

	MeasureService(Measures measures, PolicyService policies, KeyPersonService keyPersons, RegistryFieldwork registry,
			UserService users, JurisdictionService jurisdictions, FieldCipher cipher, AuditTrail audit,
			ApplicationEventPublisher events, JdbcClient jdbc, MonitoringClock clock) {
		this.measures = measures;
		this.policies = policies;
		this.keyPersons = keyPersons;
		this.registry = registry;
		this.users = users;
		this.jurisdictions = jurisdictions;
		this.cipher = cipher;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock.clock();
	}

	public PageResult<MeasureRow> list(ShouwangPrincipal caller, MeasureFilter filter, PageQuery page) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		JurisdictionScope scope = this.jurisdictions.scopeFor(caller, filter.nodeId());
		return page.result(this.measures.page(scope, filter, today(), page), this.measures.count(scope, filter, today()));
	}

	public void forEach(ShouwangPrincipal caller, MeasureFilter filter, Consumer<MeasureRow> sink) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		this.measures.stream(this.jurisdictions.scopeFor(caller, filter.nodeId()), filter, today(), sink);
	}

	public Details get(ShouwangPrincipal caller, long id) {
		Measures.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		MeasureRow m = stored.row();
		return new Details(m, stored.path(), this.policies.byId(m.policyId()),
				this.measures.phases(id).stream().map(p -> new Phase(p.seq(), p.type(), p.startsOn(), p.endsOn(), p.place(),
						p.siteName(), p.room())).toList(),
				this.measures.team(id).stream().map(t -> new Member(t.id(), t.duty(), t.userId(), t.name(),
						t.phoneEnc() == null ? null : Masking.phone(this.cipher.decrypt(t.phoneEnc())))).toList(),
				this.measures.events(id).stream().map(e -> new Event(e.kind(), e.note(), e.actor(), e.at())).toList(),
				readyForRelease(m));
	}

	/** The running measure of a person the caller may see, if any. */
	public java.util.Optional<MeasureRow> runningFor(ShouwangPrincipal caller, long personId) {
		return this.measures.runningFor(personId).flatMap(id -> this.measures.find(caller.scope(), id, today()))
			.map(Measures.Stored::row);
	}

	/**
	 * Whether someone of this household is under a running measure (planned, active or extended).
	 * The calling module has already checked that its caller may see the household.
	 */
	public boolean householdUnderMeasure(long householdId) {
		return this.jdbc.sql("""
				select exists (select 1 from control_measure where household_id = :h and status in ('PLANNED', 'ACTIVE', 'EXTENDED'))
				""").param("h", householdId).query(Boolean.class).single();
	}

	@Transactional
	public MeasureRow start(ShouwangPrincipal caller, StartMeasure in) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		KeyPersonRow kp = null;
		if (in.keyPersonId() == null) {
			errors.add("keyPersonId", "validation.required");
		}
		else {
			try {
				kp = this.keyPersons.get(caller, in.keyPersonId()).row();
			}
			catch (NotFoundException ex) {
				errors.add("keyPersonId", "measure.keyPersonNotFound");
			}
		}
		LocalDate exposure = errors.date("lastExposure", in.lastExposure());
		LocalDate today = today();
		if (exposure == null && !errors.has("lastExposure")) {
			errors.add("lastExposure", "validation.required");
		}
		else if (exposure != null && exposure.isAfter(today)) {
			errors.add("lastExposure", "measure.exposureInFuture");
		}
		else if (exposure != null && exposure.isBefore(today.minusDays(60))) {
			errors.add("lastExposure", "measure.exposureTooOld");
		}
		String site = errors.text("siteName", in.siteName(), 100);
		String room = errors.text("room", in.room(), 20);
		List<Measures.TeamRow> team = team(caller, errors, in.team());
		errors.throwIfAny();
		String category = in.category() == null || in.category().isBlank() ? kp.category() : in.category().strip();
		Policy policy = this.policies.inForceOn(exposure.plusDays(1));
		List<FollowUpWindow.Phase> phases = FollowUpWindow.phases(exposure, policy.phasesFor(category));
		if (phases.isEmpty()) {
			throw InvalidInputException.of("category", "measure.noPeriod", policy.name());
		}
		LocalDate starts = phases.get(0).startsOn();
		LocalDate ends = phases.get(phases.size() - 1).endsOn();
		if (ends.isBefore(today)) {
			throw InvalidInputException.of("lastExposure", "measure.windowOver", ends);
		}
		if (phases.stream().anyMatch(p -> p.type().atSite()) && site == null) {
			throw InvalidInputException.of("siteName", "measure.siteRequired");
		}
		if (this.measures.runningFor(kp.personId()).isPresent()) {
			throw InvalidInputException.of("keyPersonId", "measure.alreadyRunning");
		}
		RegistryFieldwork.PersonRef person = this.registry.person(caller, kp.personId()).orElse(null);
		MeasureStatus status = starts.isAfter(today) ? MeasureStatus.PLANNED : MeasureStatus.ACTIVE;
		String path = person != null ? person.path() : this.keyPersonPath(caller, kp.id());
		long id = this.measures.insert(kp.id(), kp.personId(), kp.name(), kp.address(),
				person == null ? null : person.householdId(), kp.gridId(), path, category, policy.id(), exposure, starts,
				ends, status, caller.getUsername());
		this.measures.setPhases(id, rows(phases, site, room));
		this.measures.setTeam(id, team);
		this.measures.event(id, "START", policy.name() + "：" + starts + " — " + ends, caller.getUsername());
		this.measures.addSlots(id, path, FollowUpWindow.expected(max(starts, today), ends, policy, this.clock.getZone()),
				now());
		this.keyPersons.placeUnderMeasure(caller, kp.id(), "采取管控措施：" + starts + " — " + ends);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("keyPersonId", kp.id());
		after.put("category", category);
		after.put("policy", policy.name());
		after.put("lastExposure", exposure);
		after.put("startsOn", starts);
		after.put("endsOn", ends);
		this.audit.record(ENTITY, id, Action.CREATE, path, null, after);
		return stored(caller, id).row();
	}

	/**
	 * A new, later exposure moves the window (Go.Data): the measure keeps its policy version, the
	 * phases are laid out again from the new date, and only the slots still ahead are regenerated.
	 */
	@Transactional
	public MeasureRow reexpose(ShouwangPrincipal caller, long id, String lastExposure) {
		Measures.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		MeasureRow m = stored.row();
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate exposure = errors.date("lastExposure", lastExposure);
		if (exposure == null && !errors.has("lastExposure")) {
			errors.add("lastExposure", "validation.required");
		}
		errors.throwIfAny();
		if (!m.status().running()) {
			throw InvalidInputException.of("status", "measure.notRunning");
		}
		if (exposure.isAfter(today())) {
			throw InvalidInputException.of("lastExposure", "measure.exposureInFuture");
		}
		if (!exposure.isAfter(m.lastExposure())) {
			throw InvalidInputException.of("lastExposure", "measure.exposureNotLater", m.lastExposure());
		}
		Policy policy = this.policies.byId(m.policyId());
		List<FollowUpWindow.Phase> phases = FollowUpWindow.phases(exposure, policy.phasesFor(m.category()));
		List<Measures.PhaseRow> old = this.measures.phases(id);
		String site = old.stream().filter(p -> p.siteName() != null).map(Measures.PhaseRow::siteName).findFirst().orElse(null);
		String room = old.stream().filter(p -> p.room() != null).map(Measures.PhaseRow::room).findFirst().orElse(null);
		LocalDate starts = phases.get(0).startsOn();
		LocalDate ends = phases.get(phases.size() - 1).endsOn();
		MeasureStatus status = m.status() == MeasureStatus.PLANNED && starts.isAfter(today()) ? MeasureStatus.PLANNED
				: MeasureStatus.ACTIVE;
		this.measures.setWindow(id, exposure, starts, ends, status);
		this.measures.setPhases(id, rows(phases, site, room));
		Instant now = now();
		this.measures.dropOpenSlotsAfter(id, now);
		this.measures.addSlots(id, stored.path(), FollowUpWindow.expected(max(starts, today()), ends, policy,
				this.clock.getZone()), now);
		this.measures.event(id, "REEXPOSED", m.lastExposure() + " → " + exposure + "：" + starts + " — " + ends,
				caller.getUsername());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(),
				Map.of("lastExposure", m.lastExposure(), "endsOn", m.endsOn()),
				Map.of("lastExposure", exposure, "endsOn", ends));
		return stored(caller, id).row();
	}

	@Transactional
	public void setTeam(ShouwangPrincipal caller, long id, List<TeamMember> members) {
		Measures.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		List<Measures.TeamRow> team = team(caller, errors, members);
		errors.throwIfAny();
		this.measures.setTeam(id, team);
		this.measures.event(id, "TEAM", team.stream().map(t -> t.duty() + ":" + t.name()).toList().toString(),
				caller.getUsername());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), null,
				Map.of("team", team.stream().map(Measures.TeamRow::name).toList()));
	}

	/** Ends a measure early: transferred (elsewhere, another plan follows) or referred to hospital. */
	@Transactional
	public MeasureRow end(ShouwangPrincipal caller, long id, MeasureStatus status, String note) {
		Measures.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		if (status != MeasureStatus.TRANSFERRED && status != MeasureStatus.REFERRED) {
			throw InvalidInputException.of("status", "measure.endStatus");
		}
		if (!stored.row().status().running()) {
			throw InvalidInputException.of("status", "measure.notRunning");
		}
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String clipped = errors.text("note", note, 500);
		errors.throwIfAny();
		this.measures.setStatus(id, status);
		this.measures.dropUnreportedSlots(id);
		this.measures.event(id, status.name(), clipped, caller.getUsername());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("status", stored.row().status()),
				Map.of("status", status, "note", String.valueOf(clipped)));
		return stored(caller, id).row();
	}

	/**
	 * Releases a measure whose window is over and whose last required check was normal; the notice
	 * is issued in the same transaction by whoever listens for {@link Released}.
	 */
	@Transactional
	public MeasureRow release(ShouwangPrincipal caller, long id) {
		Measures.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		MeasureRow m = stored.row();
		if (!m.status().running()) {
			throw InvalidInputException.of("status", "measure.notRunning");
		}
		if (!readyForRelease(m)) {
			throw InvalidInputException.of("status", "measure.notReady", m.endsOn());
		}
		this.measures.setStatus(id, MeasureStatus.RELEASED);
		this.measures.dropUnreportedSlots(id);
		this.measures.event(id, "RELEASED", null, caller.getUsername());
		this.keyPersons.measureEnded(caller, m.keyPersonId(), "解除管控措施");
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("status", m.status()),
				Map.of("status", MeasureStatus.RELEASED));
		this.events.publishEvent(new Released(id, m.personId(), stored.path()));
		return stored(caller, id).row();
	}

	/**
	 * Ready when the window is over (today is its last day or later) and a normal check was made on
	 * its last day or after. Without it, follow-up goes on (SORMAS): the measure is extended.
	 */
	boolean readyForRelease(MeasureRow m) {
		if (!m.status().running() || today().isBefore(m.endsOn())) {
			return false;
		}
		return this.jdbc.sql("select coalesce(last_normal_day >= ends_on, false) from control_measure where id = :m")
			.param("m", m.id())
			.query(Boolean.class)
			.single();
	}

	Measures.Stored stored(ShouwangPrincipal caller, long id) {
		return this.measures.find(caller.scope(), id, today()).orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

	Instant now() {
		return this.clock.instant();
	}

	private String keyPersonPath(ShouwangPrincipal caller, long keyPersonId) {
		return this.keyPersons.get(caller, keyPersonId).path();
	}

	private List<Measures.TeamRow> team(ShouwangPrincipal caller, InvalidInputException.Collector errors,
			List<TeamMember> members) {
		List<Measures.TeamRow> team = new ArrayList<>();
		List<TeamMember> list = members == null ? List.of() : members;
		for (int i = 0; i < list.size(); i++) {
			TeamMember t = list.get(i);
			String f = "team[" + i + "].";
			if (t.duty() == null || !List.of("STREET_CADRE", "COMMUNITY_CADRE", "MEDICAL", "POLICE", "OTHER").contains(t.duty())) {
				errors.add(f + "duty", "validation.badValue");
				continue;
			}
			String name = errors.text(f + "name", t.name(), 40);
			if (t.userId() != null) {
				var colleague = this.users.colleague(caller, t.userId());
				if (colleague.isEmpty()) {
					errors.add(f + "userId", "keyPerson.responsibleNotInScope");
					continue;
				}
				name = name == null ? colleague.get().displayName() : name;
			}
			if (name == null) {
				errors.add(f + "name", "validation.required");
				continue;
			}
			String phone = t.phone() == null || t.phone().isBlank() ? null : PhoneNumbers.normalise(t.phone());
			if (t.phone() != null && !t.phone().isBlank() && phone == null) {
				errors.add(f + "phone", "validation.phone");
				continue;
			}
			team.add(new Measures.TeamRow(0, t.duty(), t.userId(), name, phone == null ? null : this.cipher.encrypt(phone)));
		}
		return team;
	}


	private static List<Measures.PhaseRow> rows(List<FollowUpWindow.Phase> phases, String site, String room) {
		List<Measures.PhaseRow> rows = new ArrayList<>();
		for (int i = 0; i < phases.size(); i++) {
			FollowUpWindow.Phase p = phases.get(i);
			rows.add(new Measures.PhaseRow(i + 1, p.type(), p.startsOn(), p.endsOn(), p.type().atSite() ? "SITE" : "HOME",
					p.type().atSite() ? site : null, p.type().atSite() ? room : null));
		}
		return rows;
	}

	private static LocalDate max(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

}
