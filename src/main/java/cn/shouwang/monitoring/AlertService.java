package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.keyperson.Symptom;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.web.Messages;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Health alerts (DOMAIN §5, §12): a fever or an escalating symptom opens one; it must be
 * acknowledged and handled within the policy's time (2 hours); left unacknowledged it climbs from
 * the grid to the community and the street ({@link AlertEscalation}). Every step is on the
 * alert's timeline and in the audit trail, written in the transaction that made it.
 */
@Service
public class AlertService {

	static final String ENTITY = "healthAlert";

	public record Details(AlertRow alert, String path, List<AlertRow.Event> events) {
	}

	private final Alerts alerts;

	private final Measures measures;

	private final PolicyService policies;

	private final Notifications notifications;

	private final UserService users;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final Messages messages;

	private final Clock clock;

	AlertService(Alerts alerts, Measures measures, PolicyService policies, Notifications notifications,
			UserService users, JurisdictionService jurisdictions, AuditTrail audit, Messages messages,
			MonitoringClock clock) {
		this.alerts = alerts;
		this.measures = measures;
		this.policies = policies;
		this.notifications = notifications;
		this.users = users;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.messages = messages;
		this.clock = clock.clock();
	}

	/**
	 * Runs in the transaction that stored the check (a plain listener, not after commit): the alert
	 * exists exactly when the check does.
	 */
	@EventListener
	void onCheck(HealthCheckRecorded check) {
		if (!check.fever() && !check.escalates()) {
			return;
		}
		AlertRow.Reason reason = check.fever() && check.escalates() ? AlertRow.Reason.FEVER_AND_SYMPTOM
				: check.fever() ? AlertRow.Reason.FEVER : AlertRow.Reason.SYMPTOM;
		Alerts.MeasureRef measure = this.alerts.measure(check.measureId())
			.orElseThrow(() -> new NotFoundException(MeasureService.ENTITY, check.measureId()));
		open(measure, check.checkId(), reason, check.temperature(), check.symptoms(), check.recordedBy());
	}

	/**
	 * For other modules (a checkpoint's second high reading, 复测): opens an alert, or adds to the
	 * open one, for a person under a running measure. Empty when the person is under none.
	 */
	@Transactional
	public Optional<Long> openCheckpointFever(long personId, BigDecimal temperature, String where, String actor) {
		return this.alerts.runningMeasureOf(personId)
			.map(m -> open(m, null, AlertRow.Reason.CHECKPOINT_FEVER, temperature, List.of(),
					actor + (where == null || where.isBlank() ? "" : "（" + where.strip() + "）")));
	}

	public PageResult<AlertRow> list(ShouwangPrincipal caller, AlertFilter filter, PageQuery page) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		JurisdictionScope scope = this.jurisdictions.scopeFor(caller, filter.nodeId());
		Instant now = now();
		return page.result(this.alerts.page(scope, filter, now, page), this.alerts.count(scope, filter, now));
	}

	public void forEach(ShouwangPrincipal caller, AlertFilter filter, Consumer<AlertRow> sink) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		this.alerts.stream(this.jurisdictions.scopeFor(caller, filter.nodeId()), filter, now(), sink);
	}

	/** How many alerts are not yet handled in this jurisdiction (the home page's to-do). */
	public long openCount(ShouwangPrincipal caller) {
		return this.alerts.countOpen(caller.scope());
	}

	public Details get(ShouwangPrincipal caller, long id) {
		Alerts.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		return new Details(stored.row(), stored.path(), this.alerts.events(id));
	}

	/** One tap: "I have it". A second acknowledgement is refused, naming who was first. */
	@Transactional
	public AlertRow acknowledge(ShouwangPrincipal caller, long id, String note) {
		Alerts.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String clipped = errors.text("note", note, 500);
		errors.throwIfAny();
		AlertRow before = stored.row();
		Instant now = now();
		if (!this.alerts.acknowledge(id, caller.getUsername(), clipped, now)) {
			throw InvalidInputException.of("status", before.status() == AlertRow.Status.HANDLED ? "alert.alreadyHandled"
					: "alert.alreadyAcknowledged", String.valueOf(before.acknowledgedBy()));
		}
		this.alerts.event(id, "ACKNOWLEDGED", clipped, caller.getUsername(), now);
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("status", before.status()),
				after("status", AlertRow.Status.ACKNOWLEDGED, "note", clipped));
		return stored(caller, id).row();
	}

	/**
	 * One tap with a choice: referral to a fever clinic, transfer, hospital, or a note (which then
	 * must say something). Handling an alert nobody acknowledged acknowledges it too.
	 */
	@Transactional
	public AlertRow handle(ShouwangPrincipal caller, long id, AlertRow.Handling handling, String note) {
		Alerts.Stored stored = stored(caller, id);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String clipped = errors.text("note", note, 500);
		if (handling == null) {
			errors.add("handling", "alert.handlingRequired");
		}
		else if (handling == AlertRow.Handling.NOTE && clipped == null && !errors.has("note")) {
			errors.add("note", "alert.noteRequired");
		}
		errors.throwIfAny();
		AlertRow before = stored.row();
		Instant now = now();
		if (!this.alerts.handle(id, caller.getUsername(), handling, clipped, now)) {
			throw InvalidInputException.of("status", "alert.alreadyHandled", String.valueOf(before.handledBy()));
		}
		this.alerts.event(id, "HANDLED_" + handling.name(), clipped, caller.getUsername(), now);
		if (now.isAfter(before.handleBy())) {
			this.alerts.event(id, "HANDLED_LATE", null, caller.getUsername(), now);
		}
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("status", before.status()),
				after("status", AlertRow.Status.HANDLED, "handling", handling, "note", clipped));
		return stored(caller, id).row();
	}

	/**
	 * Moves an alert one level up, on its timeline, audited, and tells that level and the team.
	 * Called by the escalation job in its transaction.
	 */
	void escalate(Alerts.Pending alert, AlertRow.Level to) {
		Instant now = now();
		this.alerts.setLevel(alert.id(), to);
		String note = this.messages.get(Locale.SIMPLIFIED_CHINESE, "alert.level." + to.name());
		this.alerts.event(alert.id(), "ESCALATED", note, "system", now);
		this.audit.record(ENTITY, alert.id(), Action.UPDATE, alert.path(), Map.of("level", alert.level()),
				Map.of("level", to));
		notify(to, alert.path(), alert.measureId(), alert.id(), "alert.notify.escalated", alert.name(), note);
	}

	/** Past its handle-by time and not handled: on the timeline once, and everyone concerned is told. */
	void markOverdue(Alerts.Pending alert) {
		this.alerts.event(alert.id(), "OVERDUE", null, "system", now());
		this.audit.record(ENTITY, alert.id(), Action.UPDATE, alert.path(), null, Map.of("overdue", true));
		notify(alert.level(), alert.path(), alert.measureId(), alert.id(), "alert.notify.overdue", alert.name(), "");
	}

	private long open(Alerts.MeasureRef measure, UUID checkId, AlertRow.Reason reason, BigDecimal temperature,
			List<Symptom> symptoms, String actor) {
		Instant now = now();
		String reading = reading(temperature, symptoms);
		Optional<Long> open = this.alerts.openFor(measure.id());
		if (open.isPresent()) {
			// one alert per measure: whoever handles it sees every abnormal reading on its timeline
			this.alerts.event(open.get(), "ABNORMAL_AGAIN", reading, actor, now);
			this.audit.record(ENTITY, open.get(), Action.UPDATE, measure.path(), null,
					after("abnormalAgain", reading));
			return open.get();
		}
		Policy policy = this.policies.byId(measure.policyId());
		long id = this.alerts.insert(measure.id(), measure.personId(), checkId, measure.name(), measure.path(), reason,
				temperature, symptoms, now, now.plusSeconds(60L * policy.handleMinutes()));
		this.alerts.event(id, "OPENED", reading, actor, now);
		this.audit.record(ENTITY, id, Action.CREATE, measure.path(), null,
				after("measureId", measure.id(), "reason", reason, "temperature", temperature, "symptoms",
						Alerts.names(symptoms).length == 0 ? null : String.join(",", Alerts.names(symptoms))));
		notify(AlertRow.Level.GRID, measure.path(), measure.id(), id, "alert.notify.opened", measure.name(),
				this.messages.get(Locale.SIMPLIFIED_CHINESE, "alert.reason." + reason.name()) + " " + reading);
		return id;
	}

	/** The users of that level's node who work on measures, and the measure's 4+N team users. */
	private void notify(AlertRow.Level level, String path, long measureId, long alertId, String key, String name,
			String detail) {
		Set<Long> to = new LinkedHashSet<>();
		nodeAt(path, Level.valueOf(level.name()))
			.ifPresent(node -> to.addAll(this.users.enabledAt(node, MonitoringPermissions.WORK)));
		this.measures.team(measureId).stream().map(Measures.TeamRow::userId).filter(Objects::nonNull).forEach(to::add);
		this.notifications.notifyUsers(List.copyOf(to), "ALERT",
				this.messages.get(Locale.SIMPLIFIED_CHINESE, key, name), detail, "/alerts/" + alertId);
	}

	/** The ancestor of a path (ids from the root, '/1/4/27/') that sits at a level of the tree. */
	private Optional<Long> nodeAt(String path, Level level) {
		for (String part : path.split("/")) {
			if (part.isEmpty()) {
				continue;
			}
			var node = this.jurisdictions.findUnscoped(Long.parseLong(part));
			if (node.isPresent() && node.get().level() == level) {
				return Optional.of(node.get().id());
			}
		}
		return Optional.empty();
	}

	private Alerts.Stored stored(ShouwangPrincipal caller, long id) {
		return this.alerts.find(caller.scope(), id, now()).orElseThrow(() -> new NotFoundException(ENTITY, id));
	}


	private static String reading(BigDecimal temperature, List<Symptom> symptoms) {
		StringBuilder sb = new StringBuilder();
		if (temperature != null) {
			sb.append(temperature.toPlainString()).append(" ℃");
		}
		if (symptoms != null && !symptoms.isEmpty()) {
			sb.append(sb.isEmpty() ? "" : " ").append(String.join(",", Alerts.names(symptoms)));
		}
		return sb.toString();
	}

	/** An audit "after" map that may hold nulls (Map.of may not). */
	private static Map<String, Object> after(Object... pairs) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put((String) pairs[i], pairs[i + 1]);
		}
		return m;
	}

	Instant now() {
		return this.clock.instant();
	}

}
