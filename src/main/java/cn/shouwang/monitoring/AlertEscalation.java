package cn.shouwang.monitoring;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Climbs unacknowledged alerts up the tree (DOMAIN §12: urgent events within 2 hours, with
 * escalation if unacknowledged): after the policy's ackMinutes to the community, after its
 * streetMinutes to the street; an alert past its handle-by time and not handled is marked overdue
 * once. Every minute, one node at a time (an advisory lock), in one transaction.
 */
@Component
class AlertEscalation {

	private static final Logger log = LoggerFactory.getLogger(AlertEscalation.class);

	/** Any number, the same on every node, different from the other jobs': the lock of this job. */
	private static final long LOCK = 0x5357_414c_4552_5431L;

	private final JdbcClient jdbc;

	private final Alerts alerts;

	private final AlertService service;

	private final TransactionTemplate tx;

	private final Clock clock;

	AlertEscalation(JdbcClient jdbc, Alerts alerts, AlertService service, TransactionTemplate tx,
			MonitoringClock clock) {
		this.jdbc = jdbc;
		this.alerts = alerts;
		this.service = service;
		this.tx = tx;
		this.clock = clock.clock();
	}

	@Scheduled(fixedDelayString = "${shouwang.monitoring.escalation-interval:PT1M}", initialDelayString = "PT1M")
	void scheduled() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.warn("Alert escalation failed: {}", ex.toString());
		}
	}

	/** One pass; returns how many escalations and overdue marks it made, or -1 when another node holds the lock. */
	int tick() {
		Integer changed = this.tx.execute(s -> {
			if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
				return -1;
			}
			Instant now = this.clock.instant();
			int n = 0;
			for (Alerts.Pending a : this.alerts.pending()) {
				if (a.status() == AlertRow.Status.OPEN) {
					AlertRow.Level due = dueLevel(a, now);
					// one step at a time, so a job that was down for an hour still leaves both steps on the timeline
					while (a.level().ordinal() < due.ordinal()) {
						AlertRow.Level next = AlertRow.Level.values()[a.level().ordinal() + 1];
						this.service.escalate(a, next);
						a = new Alerts.Pending(a.id(), a.measureId(), a.path(), a.name(), next, a.status(), a.openedAt(),
								a.handleBy(), a.ackMinutes(), a.streetMinutes(), a.overdueNotified());
						n++;
					}
				}
				if (!a.overdueNotified() && now.isAfter(a.handleBy())) {
					this.service.markOverdue(a);
					n++;
				}
			}
			return n;
		});
		return changed == null ? 0 : changed;
	}

	static AlertRow.Level dueLevel(Alerts.Pending a, Instant now) {
		if (!now.isBefore(a.openedAt().plusSeconds(60L * a.streetMinutes()))) {
			return AlertRow.Level.STREET;
		}
		if (!now.isBefore(a.openedAt().plusSeconds(60L * a.ackMinutes()))) {
			return AlertRow.Level.COMMUNITY;
		}
		return AlertRow.Level.GRID;
	}

}
