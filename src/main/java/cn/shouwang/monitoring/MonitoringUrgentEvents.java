package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import cn.shouwang.shared.report.UrgentEvent;
import cn.shouwang.shared.report.UrgentEvents;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every health alert is an urgent report to make (a symptomatic or feverish person under a
 * measure, or a fever at a checkpoint of a person under a measure): the alert's opening starts the
 * two hours.
 */
@Component
class MonitoringUrgentEvents implements UrgentEvents {

	private final JdbcClient jdbc;

	MonitoringUrgentEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<UrgentEvent> between(Instant from, Instant to) {
		return this.jdbc.sql("""
				select id, reason, jurisdiction_path, opened_at, name, temperature from health_alert
				where opened_at >= :from and opened_at < :to order by opened_at
				""").param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).query((rs, i) -> {
			String reason = rs.getString(2);
			java.math.BigDecimal t = rs.getBigDecimal(6);
			return new UrgentEvent("alert:" + rs.getLong(1), reason, rs.getString(3), rs.getTimestamp(4).toInstant(),
					rs.getString(5) + (t == null ? "" : " " + t + "℃"), "/alerts/" + rs.getLong(1));
		}).list();
	}

}
