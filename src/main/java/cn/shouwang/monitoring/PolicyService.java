package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shouwang.keyperson.Symptom;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy versions. Rules are data with an effective date, never constants: the version in
 * force on the day a measure starts stays with that measure; a district administrator adds the
 * next version ahead of the day it takes effect.
 */
@Service
public class PolicyService {

	static final String ENTITY = "monitoringPolicy";

	/** A new version as an administrator sends it. */
	public record PolicyInput(String name, LocalDate effectiveFrom, BigDecimal feverThreshold, List<Symptom> symptoms,
			LocalTime morningFrom, LocalTime morningDue, LocalTime eveningFrom, LocalTime eveningDue, Integer ackMinutes,
			Integer streetMinutes, Integer handleMinutes, Integer duplicateMinutes,
			Map<String, List<Policy.PhaseRule>> phases) {
	}

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ZoneId zone;

	PolicyService(JdbcClient jdbc, AuditTrail audit, @Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.zone = ZoneId.of(zone);
	}

	public List<Policy> all() {
		Map<Long, Map<String, List<Policy.PhaseRule>>> phases = new LinkedHashMap<>();
		this.jdbc.sql("select policy_id, category, measure_type, days from monitoring_policy_phase order by policy_id, category, seq")
			.query(rs -> {
				phases.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
					.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
					.add(new Policy.PhaseRule(MeasureType.valueOf(rs.getString(3)), rs.getInt(4)));
			});
		return this.jdbc.sql("""
				select id, name, effective_from, fever_threshold, symptoms, morning_from, morning_due, evening_from,
				  evening_due, ack_minutes, street_minutes, handle_minutes, duplicate_minutes
				from monitoring_policy order by effective_from
				""").query((rs, i) -> {
			List<Symptom> symptoms = new ArrayList<>();
			for (Object s : (Object[]) rs.getArray(5).getArray()) {
				symptoms.add(Symptom.valueOf((String) s));
			}
			return new Policy(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4), symptoms,
					rs.getTime(6).toLocalTime(), rs.getTime(7).toLocalTime(), rs.getTime(8).toLocalTime(),
					rs.getTime(9).toLocalTime(), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13),
					phases.getOrDefault(rs.getLong(1), Map.of()));
		}).list();
	}

	/** The version in force on a day: the latest that took effect on or before it. */
	public Policy inForceOn(LocalDate day) {
		Policy found = null;
		for (Policy p : all()) {
			if (!p.effectiveFrom().isAfter(day)) {
				found = p;
			}
		}
		if (found == null) {
			throw new IllegalStateException("No monitoring policy in force on " + day);
		}
		return found;
	}

	public Policy byId(long id) {
		return all().stream().filter(p -> p.id() == id).findFirst().orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	public Policy current() {
		return inForceOn(LocalDate.now(this.zone));
	}

	/** Adds a version taking effect on a future day (what is in force today, and before, never changes). */
	@Transactional
	public Policy add(ShouwangPrincipal caller, PolicyInput in) {
		if (caller.role() != Role.DISTRICT_ADMIN) {
			throw new AccessDeniedException("only a district administrator sets policy");
		}
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String name = errors.text("name", in.name(), 100);
		if (name == null) {
			errors.add("name", "validation.required");
		}
		LocalDate today = LocalDate.now(this.zone);
		if (in.effectiveFrom() == null) {
			errors.add("effectiveFrom", "validation.required");
		}
		else if (!in.effectiveFrom().isAfter(today)) {
			errors.add("effectiveFrom", "policy.notFuture");
		}
		else if (all().stream().anyMatch(p -> p.effectiveFrom().equals(in.effectiveFrom()))) {
			errors.add("effectiveFrom", "policy.dayTaken");
		}
		BigDecimal threshold = in.feverThreshold() == null ? new BigDecimal("37.3") : in.feverThreshold();
		if (threshold.compareTo(new BigDecimal("36.0")) < 0 || threshold.compareTo(new BigDecimal("40.0")) > 0) {
			errors.add("feverThreshold", "validation.range", "36.0", "40.0");
		}
		LocalTime mf = orDefault(in.morningFrom(), "06:00");
		LocalTime md = orDefault(in.morningDue(), "12:00");
		LocalTime ef = orDefault(in.eveningFrom(), "16:00");
		LocalTime ed = orDefault(in.eveningDue(), "22:00");
		if (!(mf.isBefore(md) && !md.isAfter(ef) && ef.isBefore(ed))) {
			errors.add("morningFrom", "policy.windowsOutOfOrder");
		}
		Map<String, List<Policy.PhaseRule>> phases = in.phases() == null ? Map.of() : in.phases();
		phases.forEach((category, rules) -> {
			if (rules.size() > 5) {
				errors.add("phases", "policy.tooManyPhases", category);
			}
			for (Policy.PhaseRule r : rules) {
				if (r.type() == null || r.days() < 1 || r.days() > 60) {
					errors.add("phases", "policy.badPhase", category);
				}
			}
		});
		int ack = range(errors, "ackMinutes", in.ackMinutes(), 30, 5, 600);
		int street = range(errors, "streetMinutes", in.streetMinutes(), 60, 5, 600);
		int handle = range(errors, "handleMinutes", in.handleMinutes(), 120, 10, 1440);
		int duplicate = range(errors, "duplicateMinutes", in.duplicateMinutes(), 10, 0, 120);
		errors.throwIfAny();
		List<Symptom> symptoms = in.symptoms() == null ? current().symptoms() : in.symptoms();
		long id = this.jdbc.sql("""
				insert into monitoring_policy(name, effective_from, fever_threshold, symptoms, morning_from, morning_due,
				  evening_from, evening_due, ack_minutes, street_minutes, handle_minutes, duplicate_minutes, created_by)
				values (:name, :from, :threshold, cast(:symptoms as text[]), :mf, :md, :ef, :ed, :ack, :street, :handle,
				  :duplicate, :actor) returning id
				""")
			.param("name", name)
			.param("from", in.effectiveFrom())
			.param("threshold", threshold)
			.param("symptoms", "{" + String.join(",", symptoms.stream().map(Enum::name).toList()) + "}")
			.param("mf", mf)
			.param("md", md)
			.param("ef", ef)
			.param("ed", ed)
			.param("ack", ack)
			.param("street", street)
			.param("handle", handle)
			.param("duplicate", duplicate)
			.param("actor", caller.getUsername())
			.query(Long.class)
			.single();
		phases.forEach((category, rules) -> {
			for (int i = 0; i < rules.size(); i++) {
				this.jdbc.sql("""
						insert into monitoring_policy_phase(policy_id, category, seq, measure_type, days)
						values (:p, :c, :seq, :type, :days)
						""").param("p", id).param("c", category).param("seq", i + 1).param("type", rules.get(i).type().name())
					.param("days", rules.get(i).days())
					.update();
			}
		});
		this.audit.record(ENTITY, id, Action.CREATE, caller.nodePath(), null,
				Map.of("name", name, "effectiveFrom", in.effectiveFrom(), "feverThreshold", threshold, "phases", phases.toString()));
		return byId(id);
	}

	/**
	 * Demo data only: a version in force since {@code effectiveFrom}, as a district would enter when
	 * an outbreak response starts again, so that measures can be tried out today. The seeded
	 * history ends in 2023 with no measures at all.
	 */
	@Transactional
	public void addDemoVersion(LocalDate effectiveFrom) {
		if (all().stream().anyMatch(p -> !p.effectiveFrom().isBefore(effectiveFrom))) {
			return;
		}
		long id = this.jdbc.sql("""
				insert into monitoring_policy(name, effective_from, fever_threshold, symptoms, created_by)
				select '演示方案（应急响应期 5+3）', :from, 37.3, symptoms, 'demo' from monitoring_policy
				order by effective_from desc limit 1 returning id
				""").param("from", effectiveFrom).query(Long.class).single();
		String[][] phases = { { "CLOSE_CONTACT", "1", "CENTRALISED_QUARANTINE", "5" },
				{ "CLOSE_CONTACT", "2", "HOME_HEALTH_MONITORING", "3" }, { "SECONDARY_CONTACT", "1", "HOME_QUARANTINE", "3" },
				{ "INBOUND_TRAVELLER", "1", "CENTRALISED_QUARANTINE", "5" },
				{ "INBOUND_TRAVELLER", "2", "HOME_HEALTH_MONITORING", "3" },
				{ "RISK_AREA_RETURNEE", "1", "HOME_HEALTH_MONITORING", "3" },
				{ "SYMPTOMATIC", "1", "DAILY_HEALTH_MONITORING", "3" }, { "ASSISTANCE_LIST", "1", "HOME_HEALTH_MONITORING", "3" },
				{ "OTHER", "1", "DAILY_HEALTH_MONITORING", "7" } };
		for (String[] p : phases) {
			this.jdbc.sql("""
					insert into monitoring_policy_phase(policy_id, category, seq, measure_type, days) values (:p, :c, :s, :t, :d)
					""").param("p", id).param("c", p[0]).param("s", Integer.parseInt(p[1])).param("t", p[2])
				.param("d", Integer.parseInt(p[3]))
				.update();
		}
	}

	private static LocalTime orDefault(LocalTime t, String fallback) {
		return t == null ? LocalTime.parse(fallback) : t;
	}

	private static int range(InvalidInputException.Collector errors, String field, Integer value, int fallback, int min,
			int max) {
		int v = value == null ? fallback : value;
		if (v < min || v > max) {
			errors.add(field, "validation.range", min, max);
		}
		return v;
	}

}
