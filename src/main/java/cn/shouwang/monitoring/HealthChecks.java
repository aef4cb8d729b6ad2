package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.shouwang.keyperson.HealthRules;
import cn.shouwang.keyperson.Symptom;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twice-daily health checks (DOMAIN §5): entered by the visiting worker, or by the person (or the
 * household head for everyone at home) through a personal link. The rules, in the order applied:
 * <ul>
 * <li>the id is made on the phone: the same id again gets the same answer and stores nothing;</li>
 * <li>temperature 34.0–43.0 ℃, symptoms from the checklist of the measure's policy version, a
 * time not in the future and not before the measure's first day (links: always now);</li>
 * <li>only a running measure takes checks;</li>
 * <li>a repeat for the same person within the policy's duplicate minutes is dropped (Sara Alert):
 * the answer says so and points at the check that stands;</li>
 * <li>the check fills its day's slot, morning before the evening window opens and evening from
 * then to midnight, in the configured zone; a fever is at or above the policy's threshold;</li>
 * <li>{@link HealthCheckRecorded} is published in the same transaction, so the alert it may open
 * ({@link AlertService}) commits with the check or not at all.</li>
 * </ul>
 */
@Service
public class HealthChecks {

	static final String ENTITY = "healthCheck";

	/** A phone's clock may run a little ahead of the server's. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private static final int HISTORY = 100;

	/** What the worker's check form needs: the measure, its checklist and fever line, and the history. */
	public record CheckSheet(MeasureRow measure, List<Symptom> checklist, BigDecimal feverThreshold,
			List<HealthCheck> history) {
	}

	/** A person of a linked household under a running measure, as the self-report page shows them. */
	public record LinkMember(long measureId, String maskedName, List<Symptom> checklist, BigDecimal feverThreshold,
			HealthCheck last) {
	}

	/** The household a personal link opens, with only its members under a running measure. */
	public record LinkHousehold(PersonalLinks.Link link, List<LinkMember> members) {
	}

	/** One person's check in a report through a link. */
	public record LinkReport(Long measureId, HealthCheckInput check) {
	}

	private record Prepared(Checks.LockedMeasure measure, Policy policy, HealthCheck check, CheckOutcome earlier) {
	}

	private final Checks checks;

	private final Measures measures;

	private final PolicyService policies;

	private final PersonalLinks links;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	HealthChecks(Checks checks, Measures measures, PolicyService policies, PersonalLinks links, AuditTrail audit,
			ApplicationEventPublisher events, MonitoringClock clock) {
		this.checks = checks;
		this.measures = measures;
		this.policies = policies;
		this.links = links;
		this.audit = audit;
		this.events = events;
		this.clock = clock.clock();
	}

	/** A check entered by a worker for a measure in their jurisdiction. */
	@Transactional
	public CheckOutcome record(ShouwangPrincipal caller, long measureId, HealthCheckInput in) {
		scoped(caller, measureId);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Prepared p = prepare(errors, "", measureId, in, HealthCheck.Source.WORKER, caller.getUsername(), true);
		errors.throwIfAny();
		return commit(p, caller.userId());
	}

	public CheckSheet sheet(ShouwangPrincipal caller, long measureId) {
		MeasureRow m = scoped(caller, measureId);
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		Policy policy = this.policies.byId(m.policyId());
		return new CheckSheet(m, policy.symptoms(), policy.feverThreshold(), this.checks.ofMeasure(measureId, HISTORY));
	}

	public List<HealthCheck> history(ShouwangPrincipal caller, long measureId) {
		return sheet(caller, measureId).history();
	}

	/**
	 * The household behind a personal link; a malformed, altered, expired or revoked link is
	 * refused ({@link PersonalLinks#resolve}) before anything is read.
	 */
	public LinkHousehold household(String token) {
		PersonalLinks.Link link = this.links.resolve(token);
		List<LinkMember> members = new ArrayList<>();
		for (Checks.LockedMeasure m : reportable(link.householdId())) {
			List<HealthCheck> last = this.checks.ofMeasure(m.id(), 1);
			Policy policy = this.policies.byId(m.policyId());
			members.add(new LinkMember(m.id(), Masking.name(m.name()), policy.symptoms(), policy.feverThreshold(),
					last.isEmpty() ? null : last.get(0)));
		}
		return new LinkHousehold(link, members);
	}

	/**
	 * Checks reported through a personal link, for one person (SELF) or several at once by the
	 * household head (HOUSEHOLD_HEAD). All or nothing: one bad reading and none is stored. The time
	 * is always now: a link reports the reading just taken, never a backdated one.
	 */
	@Transactional
	public List<CheckOutcome> reportByLink(String token, List<LinkReport> reports) {
		PersonalLinks.Link link = this.links.resolve(token);
		if (reports == null || reports.isEmpty()) {
			throw InvalidInputException.of("reports", "check.nothingToReport");
		}
		List<Long> household = reportable(link.householdId())
			.stream()
			.map(Checks.LockedMeasure::id)
			.toList();
		HealthCheck.Source source = reports.size() == 1 ? HealthCheck.Source.SELF : HealthCheck.Source.HOUSEHOLD_HEAD;
		String by = "link:" + link.id().toString().substring(0, 8);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		List<Prepared> prepared = new ArrayList<>();
		for (int i = 0; i < reports.size(); i++) {
			LinkReport r = reports.get(i);
			String prefix = reports.size() == 1 ? "" : "reports[" + i + "].";
			if (r.measureId() == null || !household.contains(r.measureId())) {
				errors.add(prefix + "measureId", "check.notInHousehold");
				continue;
			}
			HealthCheckInput in = r.check() == null ? new HealthCheckInput(null, null, null, null) : r.check();
			prepared.add(prepare(errors, prefix, r.measureId(), new HealthCheckInput(in.id(), in.temperature(),
					in.symptoms(), null), source, by, false));
		}
		errors.throwIfAny();
		return prepared.stream().map(p -> commit(p, null)).toList();
	}

	/** The household's measures that take checks today: running, and started (a planned one begins tomorrow). */
	private List<Checks.LockedMeasure> reportable(long householdId) {
		LocalDate today = LocalDate.now(this.clock);
		return this.checks.runningInHousehold(householdId).stream().filter(m -> !m.startsOn().isAfter(today)).toList();
	}

	/** Checks, validates and locks; adds errors to the collector (fields prefixed) rather than throwing. */
	private Prepared prepare(InvalidInputException.Collector errors, String prefix, long measureId, HealthCheckInput in,
			HealthCheck.Source source, String recordedBy, boolean clientTime) {
		if (in.id() != null) {
			var earlier = this.checks.find(in.id());
			if (earlier.isPresent()) {
				if (earlier.get().measureId() != measureId) {
					errors.add(prefix + "id", "check.idTaken");
					return null;
				}
				return new Prepared(null, null, null, new CheckOutcome(CheckOutcome.Result.ALREADY_RECORDED, earlier.get()));
			}
		}
		Checks.LockedMeasure m = this.checks.lock(measureId)
			.orElseThrow(() -> new NotFoundException(MeasureService.ENTITY, measureId));
		Policy policy = this.policies.byId(m.policyId());
		InvalidInputException.Collector mine = new InvalidInputException.Collector();
		BigDecimal temperature = null;
		if (in.temperature() == null || in.temperature().isBlank()) {
			mine.add(prefix + "temperature", "check.temperature.required");
		}
		else {
			temperature = HealthRules.temperature(mine, prefix + "temperature", in.temperature());
		}
		List<Symptom> symptoms = symptoms(mine, prefix + "symptoms", in.symptoms(), policy);
		Instant now = this.clock.instant();
		Instant takenAt = clientTime ? takenAt(mine, prefix + "takenAt", in.takenAt(), now) : now;
		ZonedDateTime local = takenAt == null ? null : takenAt.atZone(this.clock.getZone());
		if (local != null && local.toLocalDate().isBefore(m.startsOn())) {
			mine.add(prefix + "takenAt", "check.takenAt.beforeWindow", m.startsOn());
		}
		if (!m.status().running()) {
			mine.add(prefix + "status", "check.measureEnded", m.name());
		}
		try {
			mine.throwIfAny();
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach(e -> errors.add(e.field(), e.code(), e.args()));
			return null;
		}
		LocalDate day = local.toLocalDate();
		HealthCheck check = new HealthCheck(in.id() == null ? UUID.randomUUID() : in.id(), m.id(), m.personId(), takenAt,
				day, FollowUpWindow.slotOf(local, policy), temperature, symptoms, policy.isFever(temperature), source,
				recordedBy);
		return new Prepared(m, policy, check, null);
	}

	private CheckOutcome commit(Prepared p, Long actorId) {
		if (p.earlier() != null) {
			return p.earlier();
		}
		HealthCheck c = p.check();
		if (p.policy().duplicateMinutes() > 0) {
			var near = this.checks.near(c.personId(), c.takenAt(), Duration.ofMinutes(p.policy().duplicateMinutes()));
			if (near.isPresent()) {
				return new CheckOutcome(CheckOutcome.Result.DUPLICATE_DROPPED, near.get());
			}
		}
		if (!this.checks.insert(c, p.measure().path())) {
			// the same id committed by a concurrent retry while this one waited
			return new CheckOutcome(CheckOutcome.Result.ALREADY_RECORDED, this.checks.find(c.id()).orElseThrow());
		}
		this.checks.fillSlot(c);
		this.checks.noteIfNormal(c);
		this.events.publishEvent(new HealthCheckRecorded(c.id(), c.measureId(), c.personId(), p.measure().name(),
				p.measure().path(), c.temperature(), c.symptoms(), c.fever(), p.policy().escalates(c.symptoms()),
				c.recordedBy()));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("measureId", c.measureId());
		after.put("temperature", c.temperature());
		after.put("symptoms", String.join(",", Alerts.names(c.symptoms())));
		after.put("fever", c.fever());
		after.put("day", c.day());
		after.put("slot", c.slot());
		after.put("source", c.source());
		this.audit.recordAs(actorId, c.recordedBy(), ENTITY, c.id(), Action.CREATE, p.measure().path(), null, after);
		return new CheckOutcome(CheckOutcome.Result.RECORDED, c);
	}

	private static List<Symptom> symptoms(InvalidInputException.Collector errors, String field, List<String> values,
			Policy policy) {
		List<Symptom> out = new ArrayList<>();
		for (String v : values == null ? List.<String>of() : values) {
			if (v == null || v.isBlank()) {
				continue;
			}
			Symptom s;
			try {
				s = Symptom.parse(v);
			}
			catch (IllegalArgumentException ex) {
				errors.add(field, "check.symptomUnknown", v.strip());
				continue;
			}
			if (!policy.symptoms().contains(s)) {
				errors.add(field, "check.symptomUnknown", v.strip());
			}
			else if (!out.contains(s)) {
				out.add(s);
			}
		}
		return out;
	}

	private Instant takenAt(InvalidInputException.Collector errors, String field, String value, Instant now) {
		if (value == null || value.isBlank()) {
			return now;
		}
		Instant t;
		try {
			t = OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				t = LocalDateTime.parse(value.strip()).atZone(this.clock.getZone()).toInstant();
			}
			catch (DateTimeParseException ex2) {
				errors.add(field, "check.takenAt.format");
				return null;
			}
		}
		if (t.isAfter(now.plus(CLOCK_SKEW))) {
			errors.add(field, "check.takenAt.future");
			return null;
		}
		return t;
	}

	private MeasureRow scoped(ShouwangPrincipal caller, long measureId) {
		return this.measures.find(caller.scope(), measureId, LocalDate.now(this.clock))
			.orElseThrow(() -> new NotFoundException(MeasureService.ENTITY, measureId))
			.row();
	}

}
