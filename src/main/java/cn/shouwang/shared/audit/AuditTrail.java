package cn.shouwang.shared.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only record of every write: who, when, which entity, what changed. Written inside
 * the caller's transaction (propagation MANDATORY), so a change and its audit entry commit or
 * roll back together. Sensitive values are masked before they are stored.
 */
@Component
public class AuditTrail {

	public enum Action {

		CREATE, UPDATE, DELETE, MOVE, RETIRE, RESTORE, LOGIN_LOCKED, PASSWORD_CHANGE, TOKEN_ISSUE, TOKEN_REVOKE, IMPORT

	}

	public record Entry(long id, Instant at, Long actorId, String actorName, String entity, String entityId,
			String action, String before, String after) {
	}

	public record Filter(String entity, String entityId, String actor, LocalDate from, LocalDate to) {
	}

	private static final Set<String> SECRET_KEYS = Set.of("password", "passwordHash", "token", "tokenHash", "secret");

	private static final Set<String> ID_KEYS = Set.of("idNumber", "idNo");

	private static final Set<String> PHONE_KEYS = Set.of("phone", "mobile", "contactPhone");

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ZoneId zone;

	public AuditTrail(JdbcClient jdbc, JsonMapper json,
			@org.springframework.beans.factory.annotation.Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.json = json;
		this.zone = ZoneId.of(zone);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String entity, Object entityId, Action action, String jurisdictionPath, Map<String, ?> before,
			Map<String, ?> after) {
		Long actorId = null;
		String actorName = "system";
		if (CurrentUser.present()) {
			ShouwangPrincipal p = CurrentUser.get();
			actorId = p.userId();
			actorName = p.getUsername();
		}
		recordAs(actorId, actorName, entity, entityId, action, jurisdictionPath, before, after);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAs(Long actorId, String actorName, String entity, Object entityId, Action action,
			String jurisdictionPath, Map<String, ?> before, Map<String, ?> after) {
		this.jdbc.sql("""
				insert into audit_event(actor_id, actor_name, entity, entity_id, action, jurisdiction_path, before, after)
				values (:actorId, :actorName, :entity, :entityId, :action, :path, cast(:before as jsonb), cast(:after as jsonb))
				""")
			.param("actorId", actorId)
			.param("actorName", actorName)
			.param("entity", entity)
			.param("entityId", String.valueOf(entityId))
			.param("action", action.name())
			.param("path", jurisdictionPath)
			.param("before", toJson(before))
			.param("after", toJson(after))
			.update();
	}

	public PageResult<Entry> search(JurisdictionScope scope, Filter filter, PageQuery page) {
		String where = """
				where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi
				  and (cast(:entity as text) is null or entity = :entity)
				  and (cast(:entityId as text) is null or entity_id = :entityId)
				  and (cast(:actor as text) is null or actor_name = :actor)
				  and (cast(:fromTs as timestamptz) is null or at >= :fromTs)
				  and (cast(:toTs as timestamptz) is null or at < :toTs)
				""";
		long total = bindFilter(scope.bind(this.jdbc.sql("select count(*) from audit_event " + where)), filter)
			.query(Long.class)
			.single();
		List<Entry> items = bindFilter(scope.bind(this.jdbc.sql("""
				select id, at, actor_id, actor_name, entity, entity_id, action, before::text as before, after::text as after
				from audit_event
				""" + where + " order by at desc, id desc limit :limit offset :offset")), filter)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
					(Long) rs.getObject("actor_id"), rs.getString("actor_name"), rs.getString("entity"),
					rs.getString("entity_id"), rs.getString("action"), rs.getString("before"), rs.getString("after")))
			.list();
		return page.result(items, total);
	}

	/** The history of one record, newest first, as seen from the caller's scope. */
	public List<Entry> history(JurisdictionScope scope, String entity, Object entityId) {
		return search(scope, new Filter(entity, String.valueOf(entityId), null, null, null), new PageQuery(0, 200))
			.items();
	}

	private JdbcClient.StatementSpec bindFilter(JdbcClient.StatementSpec spec, Filter f) {
		return spec.param("entity", blankToNull(f.entity()))
			.param("entityId", blankToNull(f.entityId()))
			.param("actor", blankToNull(f.actor()))
			.param("fromTs", f.from() == null ? null : java.sql.Timestamp.from(f.from().atStartOfDay(this.zone).toInstant()))
			.param("toTs", f.to() == null ? null
					: java.sql.Timestamp.from(f.to().plusDays(1).atStartOfDay(this.zone).toInstant()));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	private String toJson(Map<String, ?> values) {
		if (values == null) {
			return null;
		}
		return this.json.writeValueAsString(mask(values));
	}

	static Map<String, Object> mask(Map<String, ?> values) {
		Map<String, Object> masked = new LinkedHashMap<>();
		values.forEach((k, v) -> {
			if (v == null) {
				masked.put(k, null);
			}
			else if (SECRET_KEYS.contains(k)) {
				masked.put(k, "***");
			}
			else if (ID_KEYS.contains(k)) {
				masked.put(k, Masking.idNumber(v.toString()));
			}
			else if (PHONE_KEYS.contains(k)) {
				masked.put(k, Masking.phone(v.toString()));
			}
			else {
				masked.put(k, v);
			}
		});
		return masked;
	}

}
