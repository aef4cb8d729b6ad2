package cn.shouwang.keyperson;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.shouwang.registry.PersonService;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verification calls (电话核实): the work list of who still needs a call, and a one-tap call log.
 * A worker may make 200 calls a day, so the list is one indexed range read in call order, the
 * log is one insert and one update, and the next person is on screen at once.
 */
@Service
public class VerificationCalls {

	/** When an unanswered person comes back to the list unless the caller says otherwise. */
	static final Duration RETRY_NO_ANSWER = Duration.ofHours(2);

	static final Duration RETRY_OTHER = Duration.ofDays(1);

	public record Call(UUID id, CallOutcome outcome, String result, Instant nextCallAt, String callerName,
			Instant at) {
	}

	/** One person to call, with their phone masked (the full number is revealed on demand). */
	public record WorkItem(KeyPersonRow keyPerson, String maskedPhone) {
	}

	/** A call as the phone sends it: the client's id makes a repeated tap store it once. */
	public record CallInput(UUID id, CallOutcome outcome, String result, String nextCallAt) {
	}

	/** Calls made by one worker on one day, by outcome. */
	public record WorkerDay(String callerName, long total, long reached, long noAnswer, long wrongNumber,
			long refused) {
	}

	private final JdbcClient jdbc;

	private final KeyPersons keyPersons;

	private final RegistryFieldwork registry;

	private final PersonService people;

	private final AuditTrail audit;

	private final ZoneId zone;

	VerificationCalls(JdbcClient jdbc, KeyPersons keyPersons, RegistryFieldwork registry,
			PersonService people, AuditTrail audit, @Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.keyPersons = keyPersons;
		this.registry = registry;
		this.people = people;
		this.audit = audit;
		this.zone = ZoneId.of(zone);
	}

	/** New key persons due for a call now, oldest promise first; those never called lead. */
	public PageResult<WorkItem> workList(ShouwangPrincipal caller, PageQuery page) {
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		JurisdictionScope scope = caller.scope();
		String where = """
				from key_person k where k.status = 'NEW' and k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi
				  and (k.next_call_at is null or k.next_call_at <= now())
				""";
		List<KeyPersonRow> rows = scope.bind(this.jdbc.sql("select " + KeyPersons.COLUMNS + where
				+ " order by k.next_call_at nulls first, k.deadline nulls last, k.id limit :limit offset :offset"))
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> KeyPersons.row(rs))
			.list();
		long total = scope.bind(this.jdbc.sql("select count(*) " + where)).query(Long.class).single();
		return page.result(rows.stream()
			.map(r -> new WorkItem(r, this.registry.person(caller, r.personId())
				.map(RegistryFieldwork.PersonRef::maskedPhone)
				.orElse(null)))
			.toList(), total);
	}

	/** The full phone number to dial; the view is written to the access log by the registry. */
	public String phone(ShouwangPrincipal caller, long keyPersonId) {
		KeyPersons.Stored stored = this.keyPersons.find(caller.scope(), keyPersonId)
			.orElseThrow(() -> new NotFoundException(KeyPersonService.ENTITY, keyPersonId));
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		return this.people.reveal(caller, stored.row().personId(), PersonService.Field.PHONE);
	}

	/**
	 * Logs a call. Reached → the person is verified and leaves the list; otherwise they come back
	 * at the time given, or in 2 hours (no answer) or a day (wrong number, refused). The same
	 * call id sent again changes nothing.
	 */
	@Transactional
	public Call log(ShouwangPrincipal caller, long keyPersonId, CallInput input) {
		KeyPersons.Stored stored = this.keyPersons.find(caller.scope(), keyPersonId)
			.orElseThrow(() -> new NotFoundException(KeyPersonService.ENTITY, keyPersonId));
		KeyPersonPermissions.require(KeyPersonPermissions.WRITE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (input.outcome() == null) {
			errors.add("outcome", "validation.required");
		}
		String result = errors.text("result", input.result(), 500);
		Instant now = Instant.now();
		Instant next = nextCallAt(errors, input.nextCallAt(), now);
		errors.throwIfAny();
		UUID id = input.id() == null ? UUID.randomUUID() : input.id();
		var existing = find(id);
		if (existing != null) {
			return existing;
		}
		if (next == null && input.outcome() != CallOutcome.REACHED) {
			next = now.plus(input.outcome() == CallOutcome.NO_ANSWER ? RETRY_NO_ANSWER : RETRY_OTHER);
		}
		int inserted = this.jdbc.sql("""
				insert into verification_call(id, key_person_id, caller_id, caller_name, outcome, result, next_call_at,
				  jurisdiction_path, at)
				values (:id, :kp, :callerId, :callerName, :outcome, :result, :next, :path, :at) on conflict (id) do nothing
				""")
			.param("id", id)
			.param("kp", keyPersonId)
			.param("callerId", caller.userId())
			.param("callerName", caller.displayName())
			.param("outcome", input.outcome().name())
			.param("result", result)
			.param("next", next == null ? null : java.sql.Timestamp.from(next))
			.param("path", stored.path())
			.param("at", java.sql.Timestamp.from(now))
			.update();
		if (inserted == 0) {
			return find(id);
		}
		this.jdbc.sql("""
				update key_person set calls = calls + 1, last_call_outcome = :outcome, last_call_at = :at,
				  next_call_at = :next, version = version + 1, updated_at = now() where id = :id
				""")
			.param("outcome", input.outcome().name())
			.param("at", java.sql.Timestamp.from(now))
			.param("next", next == null ? null : java.sql.Timestamp.from(next))
			.param("id", keyPersonId)
			.update();
		if (input.outcome() == CallOutcome.REACHED && stored.row().status() == KeyPersonStatus.NEW) {
			this.keyPersons.setStatus(keyPersonId, KeyPersonStatus.NEW, KeyPersonStatus.VERIFIED, result,
					caller.getUsername());
		}
		this.audit.record(KeyPersonService.ENTITY, keyPersonId, Action.UPDATE, stored.path(), null,
				Map.of("call", input.outcome(), "result", String.valueOf(result)));
		return find(id);
	}

	public List<Call> forKeyPerson(long keyPersonId) {
		return this.jdbc.sql("""
				select id, outcome, result, next_call_at, caller_name, at from verification_call
				where key_person_id = :kp order by at desc
				""").param("kp", keyPersonId).query((rs, i) -> call(rs)).list();
	}

	/** Calls per worker on a day in the caller's jurisdiction, most calls first. */
	public List<WorkerDay> perWorker(ShouwangPrincipal caller, LocalDate day) {
		KeyPersonPermissions.require(KeyPersonPermissions.READ, caller);
		return caller.scope().bind(this.jdbc.sql("""
				select caller_name, count(*), count(*) filter (where outcome = 'REACHED'),
				  count(*) filter (where outcome = 'NO_ANSWER'), count(*) filter (where outcome = 'WRONG_NUMBER'),
				  count(*) filter (where outcome = 'REFUSED')
				from verification_call
				where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi and at >= :from and at < :to
				group by caller_name order by count(*) desc, caller_name
				"""))
			.param("from", java.sql.Timestamp.from(day.atStartOfDay(this.zone).toInstant()))
			.param("to", java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(this.zone).toInstant()))
			.query((rs, i) -> new WorkerDay(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6)))
			.list();
	}

	private Call find(UUID id) {
		return this.jdbc.sql("select id, outcome, result, next_call_at, caller_name, at from verification_call where id = :id")
			.param("id", id)
			.query((rs, i) -> call(rs))
			.optional()
			.orElse(null);
	}

	private Instant nextCallAt(InvalidInputException.Collector errors, String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant next;
		try {
			String v = value.strip();
			next = v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(v).toInstant()
					: LocalDateTime.parse(v).atZone(this.zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add("nextCallAt", "validation.date");
			return null;
		}
		if (next.isBefore(now.minus(Duration.ofMinutes(5))) || next.isAfter(now.plus(Duration.ofDays(30)))) {
			errors.add("nextCallAt", "call.nextCallAt.range");
			return null;
		}
		return next;
	}

	private static Call call(java.sql.ResultSet rs) throws java.sql.SQLException {
		java.sql.Timestamp next = rs.getTimestamp("next_call_at");
		return new Call(rs.getObject("id", UUID.class), CallOutcome.valueOf(rs.getString("outcome")),
				rs.getString("result"), next == null ? null : next.toInstant(), rs.getString("caller_name"),
				rs.getTimestamp("at").toInstant());
	}

}
