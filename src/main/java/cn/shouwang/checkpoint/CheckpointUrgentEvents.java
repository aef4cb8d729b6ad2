package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import cn.shouwang.keyperson.HealthRules;
import cn.shouwang.shared.crypto.Masking;
import cn.shouwang.shared.report.UrgentEvent;
import cn.shouwang.shared.report.UrgentEvents;
import cn.shouwang.shared.web.Messages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A fever at a checkpoint (卡点发热) of someone monitoring does not follow — a resident under no
 * measure, or a visitor — is an urgent report: the passages turned back because a second reading
 * (复测) was still at or over the fever line.
 * <p>
 * The log does not keep whether a reading was the second, only the reason shown to the guard; the
 * fever reason is given only when the holder passed every other check, monitoring's clearance
 * included, so such a person was under no running measure and had no open alert, and
 * {@code AlertService.openCheckpointFever} opened nothing: these are exactly the fevers monitoring
 * does not report itself ({@code MonitoringUrgentEvents}, {@code alert:<id>}), and none is reported
 * twice. A second high reading of someone turned back for another reason (an expired pass, a closed
 * checkpoint) cannot be told from a first and stays with the notification {@code PassageService} sends.
 */
@Component
class CheckpointUrgentEvents implements UrgentEvents {

	/** The floor of the partial index {@code passage_fever_idx} (V24); repeated in the query for the planner. */
	static final BigDecimal INDEXED_FLOOR = new BigDecimal("37.0");

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private final JdbcClient jdbc;

	private final BigDecimal feverLine;

	private final String feverReason;

	private final Duration maxAge;

	private final ZoneId zone;

	private final Messages messages;

	CheckpointUrgentEvents(JdbcClient jdbc, HealthRules health, Messages messages,
			@Value("${shouwang.checkpoint.max-passage-age:7d}") Duration maxAge,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		if (health.feverThreshold().compareTo(INDEXED_FLOOR) < 0) {
			throw new IllegalStateException("shouwang.health.fever-threshold " + health.feverThreshold()
					+ " is below " + INDEXED_FLOOR + " °C, the lowest fever line the passage log's fever index covers (V24)");
		}
		this.jdbc = jdbc;
		this.feverLine = health.feverThreshold();
		// the same text PassageService stores as the reason (it keeps the Chinese text, not the key)
		this.feverReason = messages.get(Locale.SIMPLIFIED_CHINESE, "passage.reason.fever");
		this.maxAge = maxAge;
		this.zone = ZoneId.of(zone);
		this.messages = messages;
	}

	@Override
	public List<UrgentEvent> between(Instant from, Instant to) {
		// a scan is dated at most maxAge before it is recorded and PassageService.MAX_AHEAD after:
		// bounding `at` too keeps the question to the one or two monthly partitions that can hold it
		return this.jdbc.sql("""
				select p.id, p.at, p.recorded_at, p.jurisdiction_path, p.temperature, coalesce(s.name, p.visitor_name),
				  p.visitor_name is not null and p.person_id is null, c.id, c.name
				from passage p join checkpoint c on c.id = p.checkpoint_id left join pass s on s.id = p.pass_id
				where p.decision = 'TURNED_BACK' and p.temperature >= 37.0
				  and p.recorded_at >= :from and p.recorded_at < :to
				  and p.at >= :oldest and p.at < :latest
				  and p.temperature >= :line and p.reason = :reason
				order by p.recorded_at
				""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("oldest", Timestamp.from(from.minus(this.maxAge).minus(Duration.ofDays(1))))
			.param("latest", Timestamp.from(to.plus(PassageService.MAX_AHEAD).plus(Duration.ofHours(1))))
			.param("line", this.feverLine)
			.param("reason", this.feverReason)
			.query((rs, i) -> {
				String name = rs.getString(6) == null ? "—" : Masking.name(rs.getString(6));
				String who = rs.getBoolean(7) ? text("urgent.summary.visitor", name) : name;
				String at = rs.getTimestamp(2).toInstant().atZone(this.zone).format(HH_MM);
				return new UrgentEvent("passage:" + rs.getObject(1, UUID.class), "CHECKPOINT_FEVER", rs.getString(4),
						rs.getTimestamp(3).toInstant(),
						text("urgent.summary.checkpointFever", who, rs.getBigDecimal(5).toPlainString(), rs.getString(9), at),
						"/checkpoints/" + rs.getLong(8));
			})
			.list();
	}

	/** Stored with the report in Chinese, like the notifications (the reader's language is not known yet). */
	private String text(String key, Object... args) {
		return this.messages.get(Locale.SIMPLIFIED_CHINESE, key, args);
	}

}
