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

	public boolean blocksPassage(long personId) {
		return this.jdbc.sql("""
				select exists(select 1 from control_measure where person_id = :p and status in ('PLANNED', 'ACTIVE', 'EXTENDED'))
				    or exists(select 1 from health_alert where person_id = :p and status <> 'HANDLED')
				""").param("p", personId).query(Boolean.class).single();
	}

}
