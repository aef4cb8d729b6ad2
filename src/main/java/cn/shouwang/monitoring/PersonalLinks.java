package cn.shouwang.monitoring;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.crypto.TokenSigner;
import cn.shouwang.shared.crypto.TokenSigner.Purpose;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A household's personal link (个人链接, as a QR code on paper): the person, or the household head
 * for everyone at home, reports checks and asks for help without an account. The token is signed
 * and expiring ({@link TokenSigner}), and shows only that household; the row lets a worker revoke
 * a link that was passed around. What the link may do is decided by the pages that resolve it.
 */
@Service
public class PersonalLinks {

	static final String ENTITY = "personalLink";

	/** A link as handed out: the token is what goes into the QR code and the URL. */
	public record Issued(UUID id, long householdId, String token, Instant expiresAt) {
	}

	/** A link that resolved: the household it opens, and the jurisdiction its records belong to. */
	public record Link(UUID id, long householdId, String path, Instant expiresAt) {
	}

	/** A link as listed on the household's measure page. */
	public record Listed(UUID id, Instant createdAt, Instant expiresAt, Instant revokedAt, String createdBy) {
	}

	private final JdbcClient jdbc;

	private final TokenSigner signer;

	private final RegistryFieldwork registry;

	private final AuditTrail audit;

	private final Clock clock;

	private final Duration lifetime;

	PersonalLinks(JdbcClient jdbc, TokenSigner signer, RegistryFieldwork registry, AuditTrail audit,
			MonitoringClock clock, @Value("${shouwang.monitoring.link-days:21}") int linkDays) {
		this.jdbc = jdbc;
		this.signer = signer;
		this.registry = registry;
		this.audit = audit;
		this.clock = clock.clock();
		this.lifetime = Duration.ofDays(linkDays);
	}

	/** A new link for a household in the caller's jurisdiction; older links stay valid until revoked. */
	@Transactional
	public Issued issue(ShouwangPrincipal caller, long householdId) {
		// the record first, then the role: a household outside the jurisdiction looks like one that does not exist
		RegistryFieldwork.HouseholdAtDoor household = this.registry.household(caller, householdId)
			.orElseThrow(() -> new NotFoundException("household", householdId));
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		UUID id = UUID.randomUUID();
		Instant expires = this.clock.instant().plus(this.lifetime);
		this.jdbc.sql("""
				insert into personal_link(id, household_id, jurisdiction_path, expires_at, created_by)
				values (:id, :h, :path, :expires, :by)
				""")
			.param("id", id)
			.param("h", householdId)
			.param("path", household.path())
			.param("expires", Timestamp.from(expires))
			.param("by", caller.getUsername())
			.update();
		this.audit.record(ENTITY, id, Action.CREATE, household.path(), null,
				Map.of("householdId", householdId, "expiresAt", expires.toString()));
		return new Issued(id, householdId, this.signer.sign(Purpose.PERSONAL_LINK, id, expires), expires);
	}

	/**
	 * The household a token opens. A malformed, altered, expired or revoked token is refused with a
	 * message key that says which ({@code link.malformed}, {@code link.tampered}, {@code link.expired},
	 * {@code link.revoked}) on the field {@code token}.
	 */
	public Link resolve(String token) {
		TokenSigner.Verified v = this.signer.verify(Purpose.PERSONAL_LINK, token, this.clock.instant());
		if (!v.ok()) {
			throw InvalidInputException.of("token", switch (v.refusal()) {
				case MALFORMED -> "link.malformed";
				case TAMPERED -> "link.tampered";
				case EXPIRED -> "link.expired";
			});
		}
		record Row(long householdId, String path, Instant revokedAt) {
		}
		Row row = this.jdbc.sql("select household_id, jurisdiction_path, revoked_at from personal_link where id = :id")
			.param("id", v.token().id())
			.query((rs, i) -> new Row(rs.getLong(1), rs.getString(2),
					rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
			.optional()
			// signed by us but not stored: a database restored from before the link was made
			.orElseThrow(() -> InvalidInputException.of("token", "link.revoked"));
		if (row.revokedAt() != null) {
			throw InvalidInputException.of("token", "link.revoked");
		}
		return new Link(v.token().id(), row.householdId(), row.path(), v.token().expiresAt());
	}

	/** The household's links, newest first, for a worker who may see the household. */
	public List<Listed> linksOf(ShouwangPrincipal caller, long householdId) {
		this.registry.household(caller, householdId).orElseThrow(() -> new NotFoundException("household", householdId));
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		return this.jdbc.sql("""
				select id, created_at, expires_at, revoked_at, created_by from personal_link where household_id = :h
				order by created_at desc
				""").param("h", householdId).query((rs, i) -> new Listed(rs.getObject(1, UUID.class),
				rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
				rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5))).list();
	}

	@Transactional
	public void revoke(ShouwangPrincipal caller, UUID id) {
		record Row(long householdId, String path) {
		}
		Row row = caller.scope()
			.bind(this.jdbc.sql("""
					select household_id, jurisdiction_path from personal_link where id = :id
					  and jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi for update
					"""))
			.param("id", id)
			.query((rs, i) -> new Row(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElseThrow(() -> new NotFoundException(ENTITY, id));
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		this.jdbc.sql("update personal_link set revoked_at = coalesce(revoked_at, :now) where id = :id")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("id", id)
			.update();
		this.audit.record(ENTITY, id, Action.UPDATE, row.path(), null, Map.of("revoked", true));
	}

}
