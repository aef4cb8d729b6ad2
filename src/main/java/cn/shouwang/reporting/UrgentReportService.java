package cn.shouwang.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.shouwang.identity.UserService;
import cn.shouwang.monitoring.Notifications;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.report.UrgentEvent;
import cn.shouwang.shared.report.UrgentEvents;
import cn.shouwang.shared.web.Messages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Urgent reports (紧急报告, DOMAIN §12: within 2 hours, escalated if late): each event a module offers
 * through {@link UrgentEvents} opens one at the community where it happened, due
 * {@code shouwang.reporting.urgent-minutes} (120) after the event; the community's workers are told at
 * once. The community writes what happened and what was done and submits it, which is the report
 * reaching the street (late after the due time); the street acknowledges it. One still open at its
 * due time is escalated: the street admins above are told, once.
 */
@Service
public class UrgentReportService {

	static final String ENTITY = "urgentReport";

	private final UrgentReports reports;

	private final List<UrgentEvents> sources;

	private final UserService users;

	private final Notifications notifications;

	private final Messages messages;

	private final AuditTrail audit;

	private final ReportingClock clock;

	private final Duration within;

	UrgentReportService(UrgentReports reports, List<UrgentEvents> sources, UserService users, Notifications notifications,
			Messages messages, AuditTrail audit, ReportingClock clock,
			@Value("${shouwang.reporting.urgent-minutes:120}") int urgentMinutes) {
		this.reports = reports;
		this.sources = sources;
		this.users = users;
		this.notifications = notifications;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
		this.within = Duration.ofMinutes(urgentMinutes);
	}

	public Instant now() {
		return this.clock.now();
	}

	public List<UrgentReport> list(ShouwangPrincipal caller, boolean all) {
		ReportPermissions.require(ReportPermissions.SEE, caller);
		return this.reports.list(caller.scope(), all, 500);
	}

	public UrgentReport get(ShouwangPrincipal caller, long id) {
		UrgentReport r = this.reports.find(caller.scope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
		ReportPermissions.require(ReportPermissions.SEE, caller);
		return r;
	}

	/** The community sends the report up: what happened and what was done (required). */
	@Transactional
	public UrgentReport submit(ShouwangPrincipal caller, long id, String report) {
		UrgentReport r = get(caller, id);
		ReportPermissions.require(ReportPermissions.SUBMIT, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String text = errors.text("report", report, 2000);
		if (text == null) {
			errors.add("report", "validation.required");
		}
		errors.throwIfAny();
		Instant now = this.clock.now();
		if (this.reports.submit(id, text, now, caller.getUsername()) == 0) {
			throw InvalidInputException.of("status", "urgent.alreadySubmitted", r.submittedBy());
		}
		this.audit.record(ENTITY, id, Action.UPDATE, r.path(), Map.of("status", r.status().name()),
				Map.of("status", "SUBMITTED", "late", now.isAfter(r.dueAt())));
		return get(caller, id);
	}

	/** The street acknowledges a submitted report (from above the community only). */
	@Transactional
	public UrgentReport acknowledge(ShouwangPrincipal caller, long id) {
		UrgentReport r = get(caller, id);
		ReportPermissions.require(ReportPermissions.SUPERVISE, caller);
		if (caller.nodePath().equals(r.path())) {
			throw InvalidInputException.of("status", "report.reopenFromAbove");
		}
		if (this.reports.acknowledge(id, this.clock.now(), caller.getUsername()) == 0) {
			throw InvalidInputException.of("status", "urgent.notSubmitted");
		}
		this.audit.record(ENTITY, id, Action.UPDATE, r.path(), Map.of("status", r.status().name()),
				Map.of("status", "ACKNOWLEDGED"));
		return get(caller, id);
	}

	/** Opens the urgent reports of the events of the last six hours not yet opened; returns how many. */
	@Transactional
	public int collect() {
		Instant now = this.clock.now();
		int n = 0;
		for (UrgentEvents source : this.sources) {
			for (UrgentEvent e : source.between(now.minus(Duration.ofHours(6)), now.plusSeconds(60))) {
				java.util.Optional<long[]> opened = this.reports.open(e, e.occurredAt().plus(this.within));
				if (opened.isPresent()) {
					n++;
					notifyOpened(opened.get()[0], opened.get()[1], e);
				}
			}
		}
		return n;
	}

	/** Marks the open reports past their due time as escalated and tells the street above, once each. */
	@Transactional
	public int escalate() {
		int n = 0;
		for (UrgentReports.Late l : this.reports.escalateLate(this.clock.now())) {
			if (l.parentId() != null) {
				List<Long> admins = this.users.enabledAt(l.parentId(), EnumSet.of(Role.STREET_ADMIN));
				if (!admins.isEmpty()) {
					this.notifications.notifyUsers(admins, "URGENT_LATE", m("urgent.notify.late", l.nodeName(), l.summary()),
							null, "/reports/urgent/" + l.id());
				}
			}
			n++;
		}
		return n;
	}

	/** Tells the workers of the community that must report it. */
	private void notifyOpened(long id, long nodeId, UrgentEvent e) {
		List<Long> workers = this.users.enabledAt(nodeId, EnumSet.of(Role.COMMUNITY_WORKER));
		if (!workers.isEmpty()) {
			this.notifications.notifyUsers(workers, "URGENT_OPEN", m("urgent.notify.open", e.summary()),
					m("urgent.notify.due", e.occurredAt().plus(this.within).atZone(this.clock.zone()).toLocalTime().withNano(0)),
					"/reports/urgent/" + id);
		}
	}

	private String m(String key, Object... args) {
		return this.messages.get(Locale.SIMPLIFIED_CHINESE, key, args);
	}

}
