package cn.shouwang.care;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.monitoring.MeasureService;
import cn.shouwang.monitoring.MonitoringClock;
import cn.shouwang.monitoring.Notifications;
import cn.shouwang.monitoring.PersonalLinks;
import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.registry.RegistryFieldwork.HouseholdAtDoor;
import cn.shouwang.registry.VulnerableTag;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.web.Messages;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service requests (生活保障). The rules, written down:
 * <ul>
 * <li>A request is for a household inside the caller's jurisdiction (or the one its personal link
 * opens) that has someone under a running control measure or a member of a vulnerable group
 * (独居老人, 残疾, 慢性病, 孕妇, 婴幼儿); any other household is refused with that reason.</li>
 * <li>It is due a fixed time after it is made, by kind ({@link RequestKind}, configurable as
 * {@code shouwang.care.due-hours.<KIND>}), unless the worker sets a due time (not in the past,
 * at most 30 days ahead). Past due and not done or cancelled, it is on the overdue list.</li>
 * <li>It is assigned to a volunteer whose jurisdiction covers the household (bound to its
 * building, grid, community, street or district); reassigning is allowed until it is done.</li>
 * <li>open → assigned → done (with what was done); open or assigned → cancelled (with the
 * reason). Done is recorded by the assigned volunteer or a worker.</li>
 * <li>Feedback (satisfied or not, and a remark) once, on a done request, by a worker or by the
 * household through its link.</li>
 * <li>Every change carries the version the person saw: a change made meanwhile by someone else is
 * refused, never overwritten. Each change is on the request's timeline and in the audit trail.</li>
 * <li>A household may have at most {@value #MAX_OPEN_FROM_LINK} open requests made through its link.</li>
 * </ul>
 */
@Service
public class CareService {

	static final String ENTITY = "serviceRequest";

	/** Who the timeline names for what the household did through its link. */
	public static final String LINK_ACTOR = "household-link";

	static final int MAX_OPEN_FROM_LINK = 10;

	private static final Duration MAX_DUE = Duration.ofDays(30);

	public record NewRequest(Long householdId, RequestKind kind, String description, String dueAt) {
	}

	public record Event(String kind, String note, String actor, Instant at) {
	}

	public record Details(ServiceRequestRow request, String path, List<Event> events) {
	}

	/** Why a household may ask for help: someone under a measure, members of vulnerable groups. */
	public record Eligibility(boolean underMeasure, Set<VulnerableTag> tags) {

		public boolean eligible() {
			return this.underMeasure || !this.tags.isEmpty();
		}

	}

	/** A household as the new-request form and the link page show it. */
	public record Household(long id, String address, String path, Eligibility eligibility) {
	}

	public record Counts(long open, long assigned, long done, long cancelled, long overdue) {
	}

	/** What the household sees through its link: its address and its requests, newest first. */
	public record LinkView(Household household, List<ServiceRequestRow> requests) {
	}

	private final ServiceRequests requests;

	private final RegistryFieldwork registry;

	private final MeasureService measures;

	private final PersonalLinks links;

	private final UserService users;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final Notifications notifications;

	private final Messages messages;

	private final Environment env;

	private final Clock clock;

	CareService(ServiceRequests requests, RegistryFieldwork registry, MeasureService measures, PersonalLinks links,
			UserService users, JurisdictionService jurisdictions, AuditTrail audit, Notifications notifications,
			Messages messages, Environment env, MonitoringClock clock) {
		this.notifications = notifications;
		this.messages = messages;
		this.requests = requests;
		this.registry = registry;
		this.measures = measures;
		this.links = links;
		this.users = users;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.env = env;
		this.clock = clock.clock();
	}

	/** Whether the caller is one of the workers who enter, assign and cancel (not a volunteer). */
	public boolean isStaff(ShouwangPrincipal caller) {
		return CarePermissions.STAFF.contains(caller.role());
	}

	// ---- lists

	public PageResult<ServiceRequestRow> list(ShouwangPrincipal caller, CareFilter filter, PageQuery page) {
		CarePermissions.require(CarePermissions.DO_TASKS, caller);
		JurisdictionScope scope = this.jurisdictions.scopeFor(caller, filter.nodeId());
		ServiceRequests.Query q = query(caller, filter);
		Instant now = now();
		return page.result(this.requests.page(scope, q, now, page), this.requests.count(scope, q, now));
	}

	public void forEach(ShouwangPrincipal caller, CareFilter filter, Consumer<ServiceRequestRow> sink) {
		CarePermissions.require(CarePermissions.DO_TASKS, caller);
		this.requests.stream(this.jurisdictions.scopeFor(caller, filter.nodeId()), query(caller, filter), now(), sink);
	}

	/** Counts by status and overdue, in the caller's jurisdiction (a volunteer: their own tasks). */
	public Counts counts(ShouwangPrincipal caller, Long nodeId) {
		CarePermissions.require(CarePermissions.DO_TASKS, caller);
		ServiceRequests.Counts c = this.requests.counts(this.jurisdictions.scopeFor(caller, nodeId), onlyAssignee(caller), now());
		return new Counts(c.open(), c.assigned(), c.done(), c.cancelled(), c.overdue());
	}

	/** For the home page: a worker's overdue requests, a volunteer's open tasks; 0 for other roles. */
	public long todoCount(ShouwangPrincipal caller) {
		if (caller.role() == Role.VOLUNTEER) {
			return caller.userId() == null ? 0 : this.requests.openCount(caller.scope(), caller.userId(), false, now());
		}
		return CarePermissions.STAFF.contains(caller.role()) ? this.requests.openCount(caller.scope(), null, true, now())
				: 0;
	}

	// ---- one request

	public Details get(ShouwangPrincipal caller, long id) {
		ServiceRequests.Stored stored = stored(caller, id);
		CarePermissions.require(CarePermissions.DO_TASKS, caller);
		return new Details(stored.row(), stored.path(), events(id));
	}

	/** The volunteers this request may be assigned to: enabled, their jurisdiction covering the household. */
	public List<UserService.Colleague> volunteersFor(ShouwangPrincipal caller, long id) {
		ServiceRequests.Stored stored = stored(caller, id);
		CarePermissions.require(CarePermissions.STAFF, caller);
		return this.users.covering(stored.path(), Role.VOLUNTEER);
	}

	/** A household of the caller's jurisdiction and whether it may ask for help, for the new-request form. */
	public Household household(ShouwangPrincipal caller, long householdId) {
		HouseholdAtDoor h = this.registry.household(caller, householdId)
			.orElseThrow(() -> new NotFoundException("household", householdId));
		CarePermissions.require(CarePermissions.STAFF, caller);
		return household(h);
	}

	@Transactional
	public ServiceRequestRow create(ShouwangPrincipal caller, NewRequest in) {
		CarePermissions.require(CarePermissions.STAFF, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		HouseholdAtDoor h = null;
		if (in.householdId() == null) {
			errors.add("householdId", "validation.required");
		}
		else {
			h = this.registry.household(caller, in.householdId()).orElse(null);
			if (h == null) {
				errors.add("householdId", "care.householdNotFound");
			}
		}
		Checked c = check(errors, in.kind(), in.description());
		Instant due = due(errors, in.dueAt(), in.kind());
		errors.throwIfAny();
		Household household = household(h);
		requireEligible(household);
		long id = this.requests.insert(h.id(), h.path(), h.address(), in.kind(), c.description(), RequestSource.STAFF,
				due, caller.getUsername(), null);
		this.requests.event(id, "CREATED", c.description(), caller.getUsername());
		this.audit.record(ENTITY, id, Action.CREATE, h.path(), null, created(h.id(), in.kind(), c.description(), due,
				RequestSource.STAFF));
		return stored(caller, id).row();
	}

	@Transactional
	public ServiceRequestRow assign(ShouwangPrincipal caller, long id, Long userId, Integer version) {
		ServiceRequests.Stored stored = stored(caller, id);
		CarePermissions.require(CarePermissions.STAFF, caller);
		ServiceRequestRow r = stored.row();
		if (userId == null) {
			throw InvalidInputException.of("userId", "validation.required");
		}
		if (r.status().closed()) {
			throw InvalidInputException.of("status", "care.alreadyClosed", r.status().name());
		}
		UserService.Colleague volunteer = this.users.covering(userId, stored.path(), Role.VOLUNTEER)
			.orElseThrow(() -> InvalidInputException.of("userId", "care.volunteerNotServing"));
		if (!this.requests.assign(id, expected(r, version), volunteer.id(), volunteer.displayName())) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		this.requests.event(id, "ASSIGNED", volunteer.displayName(), caller.getUsername());
		this.notifications.notifyUsers(List.of(volunteer.id()), "CARE_ASSIGNED",
				zh("care.notify.assigned", zh(r.kind().messageKey()), r.address()), r.description(),
				"/care/requests/" + id);
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(),
				mapOf("status", r.status(), "assignedUserId", r.assignedUserId()),
				mapOf("status", RequestStatus.ASSIGNED, "assignedUserId", volunteer.id()));
		return stored(caller, id).row();
	}

	@Transactional
	public ServiceRequestRow done(ShouwangPrincipal caller, long id, String note, Integer version) {
		ServiceRequests.Stored stored = stored(caller, id);
		CarePermissions.require(CarePermissions.DO_TASKS, caller);
		ServiceRequestRow r = stored.row();
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String what = errors.requiredText("note", note, 500, "care.doneNoteRequired");
		errors.throwIfAny();
		if (r.status() != RequestStatus.ASSIGNED) {
			throw InvalidInputException.of("status", r.status().closed() ? "care.alreadyClosed" : "care.notAssigned",
					r.status().name());
		}
		if (!this.requests.done(id, expected(r, version), what, now())) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		this.requests.event(id, "DONE", what, caller.getUsername());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), mapOf("status", r.status()),
				mapOf("status", RequestStatus.DONE, "doneNote", what));
		return stored(caller, id).row();
	}

	@Transactional
	public ServiceRequestRow cancel(ShouwangPrincipal caller, long id, String reason, Integer version) {
		ServiceRequests.Stored stored = stored(caller, id);
		CarePermissions.require(CarePermissions.STAFF, caller);
		ServiceRequestRow r = stored.row();
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String why = errors.requiredText("reason", reason, 500, "care.cancelReasonRequired");
		errors.throwIfAny();
		if (r.status().closed()) {
			throw InvalidInputException.of("status", "care.alreadyClosed", r.status().name());
		}
		if (!this.requests.cancel(id, expected(r, version), why)) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		this.requests.event(id, "CANCELLED", why, caller.getUsername());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), mapOf("status", r.status()),
				mapOf("status", RequestStatus.CANCELLED, "cancelReason", why));
		return stored(caller, id).row();
	}

	/** The household's feedback as a worker heard it (by phone, at the door). */
	@Transactional
	public ServiceRequestRow feedback(ShouwangPrincipal caller, long id, Boolean satisfied, String text,
			Integer version) {
		ServiceRequests.Stored stored = stored(caller, id);
		CarePermissions.require(CarePermissions.STAFF, caller);
		recordFeedback(stored, satisfied, text, version, RequestSource.STAFF, caller.getUsername(), null);
		return stored(caller, id).row();
	}

	// ---- through the household's personal link

	/** The household the link opens and its requests; a bad link is refused on the field {@code token}. */
	public LinkView linkView(String token) {
		PersonalLinks.Link link = this.links.resolve(token);
		Household h = household(linkHousehold(link));
		ServiceRequests.Query q = new ServiceRequests.Query(null, null, false, null, link.householdId(), null);
		return new LinkView(h, this.requests.page(JurisdictionScope.of(link.path()), q, now(), PageQuery.of(0, 50)));
	}

	@Transactional
	public ServiceRequestRow createFromLink(String token, RequestKind kind, String description) {
		PersonalLinks.Link link = this.links.resolve(token);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Checked c = check(errors, kind, description);
		errors.throwIfAny();
		HouseholdAtDoor h = linkHousehold(link);
		requireEligible(household(h));
		JurisdictionScope scope = JurisdictionScope.of(link.path());
		ServiceRequests.Query open = new ServiceRequests.Query(null, null, false, null, h.id(), null);
		long stillOpen = this.requests.page(scope, open, now(), PageQuery.of(0, MAX_OPEN_FROM_LINK * 3))
			.stream()
			.filter(r -> r.source() == RequestSource.LINK && !r.status().closed())
			.count();
		if (stillOpen >= MAX_OPEN_FROM_LINK) {
			throw InvalidInputException.of("kind", "care.tooManyOpen", MAX_OPEN_FROM_LINK);
		}
		Instant due = now().plus(Duration.ofHours(hours(kind)));
		long id = this.requests.insert(h.id(), h.path(), h.address(), kind, c.description(), RequestSource.LINK, due,
				LINK_ACTOR, link.id());
		this.requests.event(id, "CREATED", c.description(), LINK_ACTOR);
		this.notifications.notifyUsers(nearbyWorkers(h.path()), "CARE_REQUEST",
				zh("care.notify.linkRequest", zh(kind.messageKey()), h.address()), c.description(),
				"/care/requests/" + id);
		this.audit.recordAs(null, LINK_ACTOR, ENTITY, id, Action.CREATE, h.path(), null,
				created(h.id(), kind, c.description(), due, RequestSource.LINK));
		return linkStored(link, id).row();
	}

	@Transactional
	public ServiceRequestRow feedbackFromLink(String token, long id, Boolean satisfied, String text,
			Integer version) {
		PersonalLinks.Link link = this.links.resolve(token);
		ServiceRequests.Stored stored = linkStored(link, id);
		recordFeedback(stored, satisfied, text, version, RequestSource.LINK, LINK_ACTOR, link);
		return linkStored(link, id).row();
	}

	// ---- helpers

	private void recordFeedback(ServiceRequests.Stored stored, Boolean satisfied, String text, Integer version,
			RequestSource source, String actor, PersonalLinks.Link link) {
		ServiceRequestRow r = stored.row();
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (satisfied == null) {
			errors.add("satisfied", "validation.required");
		}
		String remark = errors.text("feedback", text, 500);
		errors.throwIfAny();
		if (r.status() != RequestStatus.DONE) {
			throw InvalidInputException.of("status", "care.feedbackOnlyWhenDone");
		}
		if (r.satisfied() != null) {
			throw InvalidInputException.of("satisfied", "care.feedbackGiven");
		}
		if (!this.requests.feedback(r.id(), expected(r, version), satisfied, remark, source, now())) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		this.requests.event(r.id(), satisfied ? "SATISFIED" : "NOT_SATISFIED", remark, actor);
		Map<String, Object> after = mapOf("satisfied", satisfied, "feedback", remark, "feedbackSource", source);
		if (link == null) {
			this.audit.record(ENTITY, r.id(), Action.UPDATE, stored.path(), null, after);
		}
		else {
			this.audit.recordAs(null, LINK_ACTOR, ENTITY, r.id(), Action.UPDATE, stored.path(), null, after);
		}
	}

	private record Checked(String description) {
	}

	private static Checked check(InvalidInputException.Collector errors, RequestKind kind, String description) {
		if (kind == null) {
			errors.add("kind", "validation.required");
		}
		String d = errors.requiredText("description", description, 500, "validation.required");
		return new Checked(d);
	}

	private Instant due(InvalidInputException.Collector errors, String dueAt, RequestKind kind) {
		Instant now = now();
		if (dueAt == null || dueAt.isBlank()) {
			return kind == null ? null : now.plus(Duration.ofHours(hours(kind)));
		}
		Instant due;
		try {
			String v = dueAt.strip();
			due = v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? OffsetDateTime.parse(v).toInstant()
					: LocalDateTime.parse(v).atZone(this.clock.getZone()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add("dueAt", "care.dueAtFormat");
			return null;
		}
		if (due.isBefore(now.minus(Duration.ofMinutes(1)))) {
			errors.add("dueAt", "care.dueInPast");
		}
		else if (due.isAfter(now.plus(MAX_DUE))) {
			errors.add("dueAt", "care.dueTooFar", MAX_DUE.toDays());
		}
		return due;
	}

	/** Hours until a request of this kind is due: {@code shouwang.care.due-hours.<KIND>}, 1 to 720. */
	int hours(RequestKind kind) {
		Integer h = this.env.getProperty("shouwang.care.due-hours." + kind.name(), Integer.class);
		return h == null || h < 1 || h > 720 ? kind.defaultHours() : h;
	}

	private Household household(HouseholdAtDoor h) {
		Set<VulnerableTag> tags = EnumSet.noneOf(VulnerableTag.class);
		for (PersonRow m : h.members()) {
			tags.addAll(m.tags());
		}
		return new Household(h.id(), h.address(), h.path(),
				new Eligibility(this.measures.householdUnderMeasure(h.id()), tags));
	}

	private static void requireEligible(Household h) {
		if (!h.eligibility().eligible()) {
			throw InvalidInputException.of("householdId", "care.notEligible", h.address());
		}
	}

	private HouseholdAtDoor linkHousehold(PersonalLinks.Link link) {
		return this.registry.household(JurisdictionScope.of(link.path()), link.householdId())
			.orElseThrow(() -> InvalidInputException.of("token", "link.revoked"));
	}

	private ServiceRequests.Stored linkStored(PersonalLinks.Link link, long id) {
		return this.requests.find(JurisdictionScope.of(link.path()), id, null, now())
			.filter(s -> s.row().householdId() == link.householdId())
			.orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	private ServiceRequests.Stored stored(ShouwangPrincipal caller, long id) {
		return this.requests.find(caller.scope(), id, onlyAssignee(caller), now())
			.orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	private List<Event> events(long id) {
		return this.requests.events(id).stream().map(e -> new Event(e.kind(), e.note(), e.actor(), e.at())).toList();
	}

	/** A volunteer sees only what is assigned to them (an account without a user sees nothing). */
	private static Long onlyAssignee(ShouwangPrincipal caller) {
		if (caller.role() != Role.VOLUNTEER) {
			return null;
		}
		return caller.userId() == null ? -1L : caller.userId();
	}

	private ServiceRequests.Query query(ShouwangPrincipal caller, CareFilter f) {
		if (f.text() != null && f.text().length() > 100) {
			throw InvalidInputException.of("q", "validation.tooLong", 100);
		}
		Long assignee = onlyAssignee(caller);
		if (assignee == null && Boolean.TRUE.equals(f.mine())) {
			assignee = caller.userId() == null ? -1L : caller.userId();
		}
		return new ServiceRequests.Query(f.status(), f.kind(), Boolean.TRUE.equals(f.overdue()), assignee,
				f.householdId(), f.text() == null || f.text().isBlank() ? null : f.text().strip());
	}


	private static int expected(ServiceRequestRow r, Integer version) {
		return version == null ? r.version() : version;
	}

	private static Map<String, Object> created(long householdId, RequestKind kind, String description, Instant due,
			RequestSource source) {
		return mapOf("householdId", householdId, "kind", kind, "description", description, "dueAt", due.toString(),
				"source", source);
	}

	private static Map<String, Object> mapOf(Object... kv) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			map.put((String) kv[i], kv[i + 1] == null ? null : kv[i + 1] instanceof Enum<?> e ? e.name() : kv[i + 1]);
		}
		return map;
	}

	/** Community and grid workers bound to the household's community, grid or building: whom to tell. */
	private List<Long> nearbyWorkers(String path) {
		List<Long> to = new java.util.ArrayList<>();
		for (String segment : path.substring(1).split("/")) {
			to.addAll(this.users.enabledAt(Long.parseLong(segment), List.of(Role.COMMUNITY_WORKER, Role.GRID_WORKER)));
		}
		return to;
	}

		/** Notifications are stored once for everyone, in the first language. */
	private String zh(String key, Object... args) {
		return this.messages.get(java.util.Locale.SIMPLIFIED_CHINESE, key, args);
	}

		private Instant now() {
		return this.clock.instant();
	}

}
