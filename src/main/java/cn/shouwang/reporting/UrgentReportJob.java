package cn.shouwang.reporting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Every minute, one node at a time: opens the urgent reports of new events and escalates late ones. */
@Component
class UrgentReportJob {

	private static final Logger log = LoggerFactory.getLogger(UrgentReportJob.class);

	private static final long LOCK = 0x5357_5552_4745_4e54L;

	private final JdbcClient jdbc;

	private final UrgentReportService service;

	private final TransactionTemplate tx;

	UrgentReportJob(JdbcClient jdbc, UrgentReportService service, TransactionTemplate tx) {
		this.jdbc = jdbc;
		this.service = service;
		this.tx = tx;
	}

	@Scheduled(fixedDelayString = "${shouwang.reporting.urgent-interval:PT1M}", initialDelayString = "PT1M")
	void scheduled() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			log.warn("Urgent reports failed: {}", ex.toString());
		}
	}

	/** One pass: reports opened plus escalations made, or -1 when another node holds the lock. */
	int tick() {
		Integer n = this.tx.execute(s -> {
			if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
				return -1;
			}
			return this.service.collect() + this.service.escalate();
		});
		return n == null ? 0 : n;
	}

}
