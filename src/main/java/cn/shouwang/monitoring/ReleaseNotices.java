package cn.shouwang.monitoring;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Release notices (解除隔离告知书): issued in the transaction that releases a measure, with a
 * random code that the notice's QR code carries to a public page. That page tells whether a
 * notice is genuine and shows only what the paper shows — never a temperature, symptom or alert.
 */
@Service
public class ReleaseNotices {

	static final String ENTITY = "releaseNotice";

	/** 20 random bytes in base32 (32 characters): not guessable, easy to read out over the phone. */
	private static final Pattern CODE = Pattern.compile("^[A-Z2-7]{32}$");

	private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	/** What the notice says: the person (ID number masked), the measure, its period and release. */
	public record Notice(long measureId, String code, String name, String maskedIdNumber, List<MeasureType> types,
			LocalDate startsOn, LocalDate endsOn, LocalDate releasedOn, String issuer, Instant issuedAt) {

		/** The name as the public page shows it: 张* — enough to match the paper, not to find the person. */
		public String maskedName() {
			return Masking.name(this.name);
		}

	}

	private final JdbcClient jdbc;

	private final MeasureService measures;

	private final RegistryFieldwork registry;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final ReleaseNoticePdf pdf;

	private final Clock clock;

	ReleaseNotices(JdbcClient jdbc, MeasureService measures, RegistryFieldwork registry,
			JurisdictionService jurisdictions, AuditTrail audit, ReleaseNoticePdf pdf, MonitoringClock clock) {
		this.pdf = pdf;
		this.jdbc = jdbc;
		this.measures = measures;
		this.registry = registry;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.clock = clock.clock();
	}

	/** In the releasing transaction: a release without its notice cannot commit, nor the reverse. */
	@EventListener
	void onReleased(MeasureService.Released released) {
		ShouwangPrincipal caller = CurrentUser.present() ? CurrentUser.get() : null;
		String name = this.jdbc.sql("select name from control_measure where id = :m")
			.param("m", released.measureId())
			.query(String.class)
			.single();
		String maskedId = caller == null ? null
				: this.registry.maskedIdNumber(caller, released.personId()).orElse(null);
		String code = newCode();
		UUID id = UUID.randomUUID();
		String issuer = issuer(released.path());
		this.jdbc.sql("""
				insert into release_notice(id, measure_id, code, issued_at, issued_by, person_name, masked_id_number, issuer)
				values (:id, :m, :code, :at, :by, :name, :maskedId, :issuer)
				""")
			.param("id", id)
			.param("m", released.measureId())
			.param("code", code)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("by", caller == null ? "system" : caller.getUsername())
			.param("name", name)
			.param("maskedId", maskedId)
			.param("issuer", issuer)
			.update();
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("measureId", released.measureId());
		after.put("issuer", issuer);
		this.audit.record(ENTITY, id, Action.CREATE, released.path(), null, after);
	}

	/** The notice of a measure the caller may see; a measure not released has none, and says so. */
	public Notice notice(ShouwangPrincipal caller, long measureId) {
		MeasureRow m = this.measures.stored(caller, measureId).row();
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		return find("n.measure_id = :key", measureId)
			.orElseThrow(() -> InvalidInputException.of("measureId", "releaseNotice.notReleased", m.name()));
	}

	/** The notice as a PDF whose QR code carries {@code verifyUrlPrefix} followed by the notice's code. */
	public byte[] pdf(ShouwangPrincipal caller, long measureId, String verifyUrlPrefix) {
		Notice n = notice(caller, measureId);
		return this.pdf.render(n, verifyUrlPrefix + n.code(), this.clock.getZone());
	}

	/** For the public page: empty for a code that is malformed, tampered with or unknown alike. */
	public Optional<Notice> verify(String code) {
		if (code == null || !CODE.matcher(code).matches()) {
			return Optional.empty();
		}
		return find("n.code = :key", code);
	}

	private Optional<Notice> find(String where, Object key) {
		return this.jdbc.sql("""
				select n.measure_id, n.code, n.person_name, n.masked_id_number, n.issuer, n.issued_at, m.starts_on, m.ends_on,
				  m.released_at, array(select ph.measure_type from control_measure_phase ph where ph.measure_id = m.id
				                       order by ph.seq) as types
				from release_notice n join control_measure m on m.id = n.measure_id where
				""" + where)
			.param("key", key)
			.query((rs, i) -> new Notice(rs.getLong("measure_id"), rs.getString("code"), rs.getString("person_name"),
					rs.getString("masked_id_number"),
					Arrays.stream((String[]) rs.getArray("types").getArray()).map(MeasureType::valueOf).toList(),
					rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(),
					rs.getTimestamp("released_at").toInstant().atZone(this.clock.getZone()).toLocalDate(),
					rs.getString("issuer"), rs.getTimestamp("issued_at").toInstant()))
			.optional();
	}

	/** The street and community the person belongs to, as the notice's issuing unit. */
	private String issuer(String path) {
		StringBuilder sb = new StringBuilder();
		for (String part : path.split("/")) {
			if (part.isEmpty()) {
				continue;
			}
			Optional<Node> node = this.jurisdictions.findUnscoped(Long.parseLong(part));
			if (node.isPresent() && (node.get().level() == Level.STREET || node.get().level() == Level.COMMUNITY)) {
				sb.append(node.get().name());
			}
		}
		return sb.isEmpty() ? null : sb.toString();
	}

	static String newCode() {
		byte[] bytes = new byte[20];
		RANDOM.nextBytes(bytes);
		StringBuilder sb = new StringBuilder(32);
		for (int i = 0; i < 20; i += 5) {
			long v = 0;
			for (int j = 0; j < 5; j++) {
				v = (v << 8) | (bytes[i + j] & 0xff);
			}
			for (int k = 7; k >= 0; k--) {
				sb.append(BASE32[(int) ((v >> (5 * k)) & 31)]);
			}
		}
		return sb.toString();
	}

}
