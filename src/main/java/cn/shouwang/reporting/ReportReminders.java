package cn.shouwang.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shouwang.identity.UserService;
import cn.shouwang.monitoring.Notifications;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.web.Messages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminders before the deadline and escalation after it (DHIS2: "reminders before and after the
 * deadline"): from {@code shouwang.reporting.remind-before} (2 hours) before a day's deadline, the
 * community workers of every community that has not submitted are reminded; once the deadline has
 * passed, the street admins over each community still missing are told (for a day after it). Each
 * notice goes once per community, day and kind, whatever the number of nodes (an advisory lock and
 * a unique row).
 */
@Component
class ReportReminders {

	private static final Logger log = LoggerFactory.getLogger(ReportReminders.class);

	/** The lock of this job, the same on every node. */
	private static final long LOCK = 0x5357_5245_504f_5254L;

	private final JdbcClient jdbc;

	private final DailyReports reports;

	private final ReportService service;

	private final UserService users;

	private final Notifications notifications;

	private final Messages messages;

	private final TransactionTemplate tx;

	private final ReportingClock clock;

	private final Duration remindBefore;

	ReportReminders(JdbcClient jdbc, DailyReports reports, ReportService service, UserService users,
			Notifications notifications, Messages messages, TransactionTemplate tx, ReportingClock clock,
			@Value("${shouwang.reporting.remind-before:PT2H}") Duration remindBefore) {
		this.jdbc = jdbc;
		this.reports = reports;
		this.service = service;
		this.users = users;
		this.notifications = notifications;
		this.messages = messages;
		this.tx = tx;
		this.clock = clock;
		this.remindBefore = remindBefore;
	}

	@Scheduled(fixedDelayString = "${shouwang.reporting.reminder-interval:PT5M}", initialDelayString = "PT2M")
	void scheduled() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.warn("Report reminders failed: {}", ex.toString());
		}
	}

	/** One pass; returns how many notices went out, or -1 when another node holds the lock. */
	int tick() {
		Integer sent = this.tx.execute(s -> {
			if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
				return -1;
			}
			Instant now = this.clock.now();
			int n = 0;
			LocalDate today = this.clock.today();
			for (LocalDate day = today.minusDays(7); !day.isAfter(today); day = day.plusDays(1)) {
				Instant deadline = this.service.deadline(day);
				boolean remind = !now.isBefore(deadline.minus(this.remindBefore)) && now.isBefore(deadline);
				boolean escalate = !now.isBefore(deadline) && now.isBefore(deadline.plus(Duration.ofDays(1)));
				if (!remind && !escalate) {
					continue;
				}
				for (DailyReports.Unreported u : this.reports.unreported(day)) {
					if (remind && this.reports.noticeOnce(u.nodeId(), day, "REMINDER")) {
						n += notify(this.users.enabledAt(u.nodeId(), EnumSet.of(Role.COMMUNITY_WORKER)), "REPORT_REMINDER",
								m("report.notify.reminder", u.name(), day), u, day, deadline);
					}
					if (escalate && u.parentId() != null && this.reports.noticeOnce(u.nodeId(), day, "ESCALATION")) {
						n += notify(this.users.enabledAt(u.parentId(), EnumSet.of(Role.STREET_ADMIN)), "REPORT_MISSING",
								m("report.notify.missing", u.name(), day), u, day, deadline);
					}
				}
			}
			return n;
		});
		return sent == null ? 0 : sent;
	}

	private int notify(List<Long> userIds, String kind, String title, DailyReports.Unreported u, LocalDate day,
			Instant deadline) {
		if (userIds.isEmpty()) {
			return 0;
		}
		this.notifications.notifyUsers(userIds, kind, title,
				m("report.notify.deadline", deadline.atZone(this.clock.zone()).toLocalDateTime().toString().replace('T', ' ')),
				"/reports/" + u.nodeId() + "?day=" + day);
		return userIds.size();
	}

	private String m(String key, Object... args) {
		return this.messages.get(Locale.SIMPLIFIED_CHINESE, key, args);
	}

}
