package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import cn.shouwang.registry.RegistryContacts;
import cn.shouwang.shared.web.Messages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds about checks not reported by their deadline: an in-app notification to each user of the
 * measure's 4+N team, and an SMS to the person through the outbox, written in the transaction
 * that marks the slot reminded, so each slot is reminded once whatever crashes or how many nodes
 * run (an advisory lock, and the rows locked with skip locked). A slot found more than
 * {@link #STALE} after its deadline (the job was down) is marked without messages: nobody should
 * get a text at night about yesterday morning.
 */
@Component
class NotReportedReminders {

	private static final Logger log = LoggerFactory.getLogger(NotReportedReminders.class);

	/** Any number, the same on every node, different from the other jobs': the lock of this job. */
	private static final long LOCK = 0x5357_4e52_454d_4e44L;

	static final Duration STALE = Duration.ofHours(12);

	private static final int BATCH = 500;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("M月d日");

	private record Due(long measureId, LocalDate day, Slot slot, Instant dueAt, long personId, String name) {
	}

	private final JdbcClient jdbc;

	private final Measures measures;

	private final Notifications notifications;

	private final RegistryContacts contacts;

	private final Messages messages;

	private final TransactionTemplate tx;

	private final Clock clock;

	NotReportedReminders(JdbcClient jdbc, Measures measures, Notifications notifications, RegistryContacts contacts,
			Messages messages, TransactionTemplate tx, MonitoringClock clock) {
		this.jdbc = jdbc;
		this.measures = measures;
		this.notifications = notifications;
		this.contacts = contacts;
		this.messages = messages;
		this.tx = tx;
		this.clock = clock.clock();
	}

	@Scheduled(fixedDelayString = "${shouwang.monitoring.reminder-interval:PT5M}", initialDelayString = "PT1M")
	void scheduled() {
		try {
			while (remind() == BATCH) {
				// a backlog (after a restart): one batch per transaction until it is done
			}
		}
		catch (RuntimeException ex) {
			log.warn("Not-reported reminders failed: {}", ex.toString());
		}
	}

	/** One batch; returns how many slots it marked, or -1 when another node holds the lock. */
	int remind() {
		Integer marked = this.tx.execute(s -> {
			if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
				return -1;
			}
			Instant now = this.clock.instant();
			List<Due> due = this.jdbc.sql("""
					select s.measure_id, s.day, s.slot, s.due_at, m.person_id, m.name
					from followup_slot s join control_measure m on m.id = s.measure_id
					where s.check_id is null and s.reminded_at is null and s.due_at < :now
					  and m.status in ('PLANNED', 'ACTIVE', 'EXTENDED')
					order by s.due_at limit :batch
					for update of s skip locked
					""").param("now", Timestamp.from(now)).param("batch", BATCH).query((rs, i) -> new Due(rs.getLong(1),
					rs.getDate(2).toLocalDate(), Slot.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getLong(5),
					rs.getString(6))).list();
			for (Due d : due) {
				if (d.dueAt().isAfter(now.minus(STALE))) {
					send(d);
				}
				this.jdbc.sql("update followup_slot set reminded_at = :now where measure_id = :m and day = :d and slot = :s")
					.param("now", Timestamp.from(now))
					.param("m", d.measureId())
					.param("d", d.day())
					.param("s", d.slot().name())
					.update();
			}
			return due.size();
		});
		return marked == null ? 0 : marked;
	}

	private void send(Due d) {
		String day = DAY.format(d.day());
		String slot = this.messages.get(Locale.SIMPLIFIED_CHINESE, d.slot().messageKey());
		List<Long> team = this.measures.team(d.measureId())
			.stream()
			.map(Measures.TeamRow::userId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		this.notifications.notifyUsers(team, "NOT_REPORTED",
				this.messages.get(Locale.SIMPLIFIED_CHINESE, "notReported.notify", d.name(), day, slot), null,
				"/monitoring/measures/" + d.measureId());
		this.contacts.phoneOf(d.personId())
			.ifPresent(phone -> this.notifications.send(Notifications.Channel.SMS, phone,
					this.messages.get(Locale.SIMPLIFIED_CHINESE, "notReported.sms", d.name(), day, slot)));
	}

}
