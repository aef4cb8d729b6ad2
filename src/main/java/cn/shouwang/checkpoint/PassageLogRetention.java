package cn.shouwang.checkpoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.shouwang.shared.audit.AuditTrail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention rule of the passage log: a month's partition is dropped whole once every passage
 * in it is older than {@code shouwang.checkpoint.passage-retention-months} (default 6), which costs
 * nothing however many rows it holds; stray old rows in the default partition are deleted. Every
 * night, one node at a time (an advisory lock), each drop audited. {@link PassagePartitions} keeps
 * the months ahead ready.
 */
@Component
class PassageLogRetention {

	private static final Logger logger = LoggerFactory.getLogger(PassageLogRetention.class);

	/** The lock of this job: any number, the same on every node, different from the other jobs'. */
	private static final long LOCK = 0x5357_5041_5353_5254L;

	private static final Pattern MONTH = Pattern.compile("^passage_(\\d{4})_(\\d{2})$");

	static final String ENTITY = "passagePartition";

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final AuditTrail audit;

	private final ZoneId zone;

	private final int months;

	PassageLogRetention(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone,
			@Value("${shouwang.checkpoint.passage-retention-months:6}") int months) {
		if (months < 1) {
			throw new IllegalArgumentException("shouwang.checkpoint.passage-retention-months must be at least 1, not " + months);
		}
		this.jdbc = jdbc;
		this.tx = tx;
		this.audit = audit;
		this.zone = ZoneId.of(zone);
		this.months = months;
	}

	int months() {
		return this.months;
	}

	@Scheduled(cron = "${shouwang.checkpoint.passage-retention-cron:0 37 3 * * *}", zone = "${shouwang.zone:Asia/Shanghai}")
	void scheduled() {
		try {
			List<String> dropped = apply(LocalDate.now(this.zone));
			if (!dropped.isEmpty()) {
				logger.info("Passage log retention ({} months): dropped {}", this.months, dropped);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Passage log retention failed: {}", ex.toString());
		}
	}

	/**
	 * Drops the monthly partitions whose every passage is older than the retention period as of
	 * {@code today}; returns their names (empty when another node holds the lock).
	 */
	List<String> apply(LocalDate today) {
		Instant cutoff = today.minusMonths(this.months).atStartOfDay(this.zone).toInstant();
		List<String> dropped = this.tx.execute(s -> {
			if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:k)").param("k", LOCK).query(Boolean.class).single()) {
				return List.<String>of();
			}
			// a drop waits for the log's readers and writers; it must not hold up the gates for long
			this.jdbc.sql("set local lock_timeout = '10s'").update();
			String path = rootPath();
			List<String> names = new ArrayList<>();
			for (String name : partitions()) {
				Matcher m = MONTH.matcher(name);
				if (!m.matches()) {
					continue;
				}
				LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
				Instant end = first.plusMonths(1).atStartOfDay(this.zone).toInstant();
				if (end.isAfter(cutoff)) {
					continue;
				}
				// the name matched ^passage_\d{4}_\d{2}$ and comes from the catalogue, never from input
				this.jdbc.sql("drop table " + name).update();
				Map<String, Object> before = new LinkedHashMap<>();
				before.put("partition", name);
				before.put("month", first.toString().substring(0, 7));
				this.audit.recordAs(null, "system", ENTITY, name, AuditTrail.Action.DELETE, path, before,
						Map.of("retentionMonths", this.months, "cutoff", cutoff.toString()));
				names.add(name);
			}
			int stray = this.jdbc.sql("delete from passage_default where at < :cutoff")
				.param("cutoff", java.sql.Timestamp.from(cutoff))
				.update();
			if (stray > 0) {
				this.audit.recordAs(null, "system", ENTITY, "passage_default", AuditTrail.Action.DELETE, path,
						Map.of("rows", stray), Map.of("retentionMonths", this.months, "cutoff", cutoff.toString()));
			}
			return names;
		});
		return dropped == null ? List.of() : dropped;
	}

	/** The partitions of the passage table, by name. */
	List<String> partitions() {
		return this.jdbc.sql("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				where i.inhparent = 'passage'::regclass order by c.relname
				""").query(String.class).list();
	}

	/**
	 * Where the audit entry of a drop belongs: a month holds every jurisdiction's passages, so the
	 * top of the tree the checkpoints hang from (seen by the district administrator).
	 */
	private String rootPath() {
		return this.jdbc.sql("""
				select coalesce(min(substring(jurisdiction_path from '^/[0-9]+/')), '/') from checkpoint
				""").query(String.class).single();
	}

}
