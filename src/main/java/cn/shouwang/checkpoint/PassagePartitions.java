package cn.shouwang.checkpoint;

import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps a month's partition of the passage log ready before its first passage: this month and the
 * next two, made at start and every day. A month is dropped whole when the retention rule says
 * so, which costs nothing however many rows it holds.
 */
@Component
class PassagePartitions {

	private static final Logger log = LoggerFactory.getLogger(PassagePartitions.class);

	private final JdbcClient jdbc;

	private final ZoneId zone;

	PassagePartitions(JdbcClient jdbc, @Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.zone = ZoneId.of(zone);
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(cron = "0 17 3 * * *", zone = "${shouwang.zone:Asia/Shanghai}")
	void ensureAhead() {
		LocalDate month = LocalDate.now(this.zone).withDayOfMonth(1);
		for (int i = 0; i < 3; i++) {
			ensure(month.plusMonths(i));
		}
	}

	/** Creates the partition of the month starting on {@code first}, if missing. */
	void ensure(LocalDate first) {
		String name = "passage_" + first.getYear() + "_" + String.format("%02d", first.getMonthValue());
		try {
			// the names and bounds are made here from dates, never from input
			this.jdbc.sql("create table if not exists " + name + " partition of passage for values from ('"
					+ first.atStartOfDay(this.zone).toOffsetDateTime() + "') to ('"
					+ first.plusMonths(1).atStartOfDay(this.zone).toOffsetDateTime() + "')").update();
		}
		catch (RuntimeException ex) {
			log.warn("Passage partition {} not created: {}", name, ex.toString());
		}
	}

}
