package cn.shouwang.shared.audit;

import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every time someone is shown a full (unmasked) ID number or phone, who saw whose value is
 * written here. PIPL asks for it, and it is what an investigation of a leak starts from.
 */
@Component
public class SensitiveAccessLog {

	private final JdbcClient jdbc;

	public SensitiveAccessLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public void fullValueViewed(ShouwangPrincipal p, String entity, Object entityId, String field,
			String jurisdictionPath) {
		this.jdbc.sql("""
				insert into sensitive_access(actor_id, actor_name, entity, entity_id, field, jurisdiction_path)
				values (:actorId, :actorName, :entity, :entityId, :field, :path)
				""")
			.param("actorId", p.userId())
			.param("actorName", p.getUsername())
			.param("entity", entity)
			.param("entityId", String.valueOf(entityId))
			.param("field", field)
			.param("path", jurisdictionPath)
			.update();
	}

	public long countFor(String entity, Object entityId) {
		return this.jdbc.sql("select count(*) from sensitive_access where entity = :e and entity_id = :id")
			.param("e", entity)
			.param("id", String.valueOf(entityId))
			.query(Long.class)
			.single();
	}

}
