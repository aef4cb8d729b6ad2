package cn.shouwang.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves measures along with the calendar: a planned measure becomes active on its first day; a
 * measure past its last day without a normal check on that day or after is extended (SORMAS),
 * and gets the day's slots, until someone reports. One node at a time (an advisory lock).
 */
@Component
class MeasureLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MeasureLifecycle.class);

	/** Any number, the same on every node: the lock of this job. */
	private static final long LOCK = 0x5357_4d4c_4946_4531L;

	private final JdbcClient jdbc;

	private final Measures measures;

	private final PolicyService policies;

	private final TransactionTemplate tx;

	private final Clock clock;

	MeasureLifecycle(JdbcClient jdbc, Measures measures, PolicyService policies, TransactionTemplate tx,
			MonitoringClock clock) {
		this.jdbc = jdbc;
		this.measures = measures;
		this.policies = policies;
		this.tx = tx;
		this.clock = clock.clock();
	}

	@Scheduled(fixedDelayString = "${shouwang.monitoring.lifecycle-interval:PT5M}", initialDelayString = "PT1M")
	void scheduled() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.warn("Measure lifecycle failed: {}", ex.toString());
		}
	}

	/** One pass; returns how many measures changed. */
	int tick() {
		Integer changed = this.tx.execute(s -> {
			if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
				return 0;
			}
			LocalDate today = LocalDate.now(this.clock);
			int n = 0;
			for (Long id : this.jdbc.sql("select id from control_measure where status = 'PLANNED' and starts_on <= :today")
				.param("today", today)
				.query(Long.class)
				.list()) {
				this.measures.setStatus(id, MeasureStatus.ACTIVE);
				this.measures.event(id, "ACTIVE", null, "system");
				n++;
			}
			// past the last day, no normal check since: follow-up goes on, a day at a time
			List<Object[]> late = this.jdbc.sql("""
					select m.id, m.policy_id, m.jurisdiction_path, m.status from control_measure m
					where m.status in ('ACTIVE', 'EXTENDED') and m.ends_on < :today
					  and (m.last_normal_day is null or m.last_normal_day < m.ends_on)
					""").param("today", today).query((rs, i) -> new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3),
					rs.getString(4) }).list();
			for (Object[] m : late) {
				long id = (Long) m[0];
				if ("ACTIVE".equals(m[3])) {
					this.measures.setStatus(id, MeasureStatus.EXTENDED);
					this.measures.event(id, "EXTENDED", "最后一次健康监测缺失，继续随访至完成", "system");
					n++;
				}
				this.measures.addSlots(id, (String) m[2], FollowUpWindow.expected(today, today,
						this.policies.byId((Long) m[1]), this.clock.getZone()), this.clock.instant());
			}
			return n;
		});
		return changed == null ? 0 : changed;
	}

}
