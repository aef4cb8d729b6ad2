package cn.shouwang.monitoring;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whether a person may pass a checkpoint as far as monitoring is concerned: not while under a
 * running control measure (planned, active or extended) or while a health alert about them is
 * still open. The answer is yes or no and nothing more, so a checkpoint never learns (or shows)
 * anything medical. One query over two partial indexes keyed by person.
 */
@Service
public class PassageClearance {

	private final JdbcClient jdbc;

	PassageClearance(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Which of these persons may not pass: a control measure not ended, or a health alert not handled. */
	public java.util.Set<Long> blocking(java.util.Collection<Long> personIds) {
		if (personIds.isEmpty()) {
			return java.util.Set.of();
		}
		return new java.util.HashSet<>(this.jdbc.sql("""
				select person_id from control_measure
				where person_id = any(:p) and status in ('PLANNED', 'ACTIVE', 'EXTENDED')
				union
				select person_id from health_alert where person_id = any(:p) and status <> 'HANDLED'
				""").param("p", personIds.toArray(Long[]::new)).query(Long.class).list());
	}

}
