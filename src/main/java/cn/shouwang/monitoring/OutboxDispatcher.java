package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import cn.shouwang.shared.crypto.FieldCipher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox (SMS, WeChat): every pending message due now, the rows locked with
 * {@code for update skip locked} so several nodes share the work without sending anything twice.
 * A failure is retried with backoff (1, 2, 4 … minutes, at most an hour apart) and the message
 * marked FAILED after the configured attempts. Everything is rows: a restart loses nothing.
 */
@Component
class OutboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	private static final int BATCH = 100;

	private static final Duration MAX_BACKOFF = Duration.ofHours(1);

	private record Pending(long id, Notifications.Channel channel, byte[] recipient, String body, int attempts) {
	}

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	private final MessageSender sender;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final int maxAttempts;

	OutboxDispatcher(JdbcClient jdbc, FieldCipher cipher, MessageSender sender, TransactionTemplate tx,
			MonitoringClock clock, @Value("${shouwang.monitoring.outbox.max-attempts:5}") int maxAttempts) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.sender = sender;
		this.tx = tx;
		this.clock = clock.clock();
		this.maxAttempts = maxAttempts;
	}

	@Scheduled(fixedDelayString = "${shouwang.monitoring.outbox-interval:PT30S}", initialDelayString = "PT1M")
	void scheduled() {
		try {
			while (dispatch(this.sender, this.clock.instant()) == BATCH) {
				// a backlog: batch after batch, each in its own transaction
			}
		}
		catch (RuntimeException ex) {
			log.warn("Outbox dispatch failed: {}", ex.toString());
		}
	}

	/** One batch of messages due at {@code now} through {@code via}; returns how many it tried. */
	int dispatch(MessageSender via, Instant now) {
		Integer tried = this.tx.execute(s -> {
			List<Pending> due = this.jdbc.sql("""
					select id, channel, recipient_enc, body, attempts from outbox_message
					where status = 'PENDING' and next_attempt_at <= :now order by next_attempt_at, id limit :batch
					for update skip locked
					""").param("now", Timestamp.from(now)).param("batch", BATCH).query((rs, i) -> new Pending(rs.getLong(1),
					Notifications.Channel.valueOf(rs.getString(2)), rs.getBytes(3), rs.getString(4), rs.getInt(5))).list();
			for (Pending p : due) {
				try {
					via.send(p.channel(), this.cipher.decrypt(p.recipient()), p.body());
					this.jdbc.sql("update outbox_message set status = 'SENT', sent_at = :now, attempts = attempts + 1, last_error = null where id = :id")
						.param("now", Timestamp.from(now))
						.param("id", p.id())
						.update();
				}
				catch (Exception ex) {
					failed(p, ex, now);
				}
			}
			return due.size();
		});
		return tried == null ? 0 : tried;
	}

	private void failed(Pending p, Exception ex, Instant now) {
		int attempts = p.attempts() + 1;
		boolean giveUp = attempts >= this.maxAttempts;
		String error = String.valueOf(ex.getMessage());
		this.jdbc.sql("""
				update outbox_message set attempts = :attempts, last_error = :error, status = :status, next_attempt_at = :next
				where id = :id
				""")
			.param("attempts", attempts)
			.param("error", error.length() > 500 ? error.substring(0, 500) : error)
			.param("status", giveUp ? "FAILED" : "PENDING")
			.param("next", Timestamp.from(now.plus(backoff(attempts))))
			.param("id", p.id())
			.update();
		if (giveUp) {
			log.warn("Outbox message {} ({}) failed {} times, given up: {}", p.id(), p.channel(), attempts, error);
		}
	}

	/** 1 minute after the first failure, doubling, at most an hour. */
	static Duration backoff(int attempts) {
		Duration d = Duration.ofMinutes(1L << Math.min(attempts - 1, 10));
		return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
	}

}
