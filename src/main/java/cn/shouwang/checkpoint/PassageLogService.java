package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import cn.shouwang.keyperson.HealthRules;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The passage log (出入登记) inside the caller's jurisdiction: who passed which checkpoint, when,
 * in or out, with what temperature and what decision; searched, counted hour by hour, exported.
 * The log never reads more than 31 days at once, so a search touches at most two monthly
 * partitions of a table built for 100 million rows.
 */
@Service
public class PassageLogService {

	/** The longest time range one search or export may cover. */
	public static final int MAX_DAYS = 31;

	static final long COUNT_CAP = 10_000;

	/** Who may download the log (names and masked phones of everyone who passed). */
	static final Set<Role> EXPORT = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER, Role.POLICE);

	private final PassageLog log;

	private final Checkpoints checkpoints;

	private final HealthRules health;

	private final ZoneId zone;

	PassageLogService(PassageLog log, Checkpoints checkpoints, HealthRules health,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.log = log;
		this.checkpoints = checkpoints;
		this.health = health;
		this.zone = ZoneId.of(zone);
	}

	public ZoneId zone() {
		return this.zone;
	}

	public LocalDate today() {
		return LocalDate.now(this.zone);
	}

	public BigDecimal feverThreshold() {
		return this.health.feverThreshold();
	}

	/**
	 * Checks the query parameters as typed (all text, so that every bad one gets its own message):
	 * days as yyyy-MM-dd (default today, to defaults to from), at most 31 days, a checkpoint of the
	 * caller's jurisdiction, a person id, a name (a number alone is taken as a person id).
	 */
	public PassageLogFilter filter(ShouwangPrincipal caller, String checkpoint, String person, String q, String from,
			String to, String direction, String decision) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate fromDay = errors.date("from", from);
		LocalDate toDay = errors.date("to", to);
		if (fromDay == null && !errors.has("from")) {
			fromDay = toDay != null ? toDay : today();
		}
		if (toDay == null && !errors.has("to")) {
			toDay = fromDay;
		}
		if (fromDay != null && toDay != null) {
			if (toDay.isBefore(fromDay)) {
				errors.add("to", "passageLog.toBeforeFrom");
			}
			else if (ChronoUnit.DAYS.between(fromDay, toDay) + 1 > MAX_DAYS) {
				errors.add("to", "passageLog.rangeTooLong", MAX_DAYS);
			}
		}
		Long checkpointId = number(errors, "checkpoint", checkpoint);
		if (checkpointId != null && this.checkpoints.find(caller.scope(), checkpointId).isEmpty()) {
			errors.add("checkpoint", "passageLog.unknownCheckpoint", checkpointId);
		}
		Long personId = number(errors, "person", person);
		String text = errors.text("q", q, 40);
		if (text != null && text.matches("\\d{1,18}") && personId == null) {
			personId = Long.valueOf(text);
			text = null;
		}
		PassageLogFilter.Direction dir = choice(errors, "direction", direction, PassageLogFilter.Direction.class);
		PassageLogFilter.Decision dec = choice(errors, "decision", decision, PassageLogFilter.Decision.class);
		errors.throwIfAny();
		return new PassageLogFilter(checkpointId, personId, text, fromDay, toDay,
				fromDay.atStartOfDay(this.zone).toInstant(), toDay.plusDays(1).atStartOfDay(this.zone).toInstant(), dir, dec);
	}

	/** A page of the log, newest first, with the number of matches (counted up to 10,000). */
	public PageResult<PassageLogRow> search(ShouwangPrincipal caller, PassageLogFilter filter, PageQuery page) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		List<PassageLogRow> items = this.log.page(caller.scope(), filter, feverThreshold(), page);
		if (caller.role() == Role.CHECKPOINT_GUARD) {
			// a guard checks the gate's log, as on the scanning screen, by masked names
			items = items.stream().map(PassageLogService::masked).toList();
		}
		if (page.page() == 0 && items.size() < page.size()) {
			return page.result(items, items.size());
		}
		long total = this.log.count(caller.scope(), filter, COUNT_CAP + 1);
		return new PageResult<>(items, Math.min(total, COUNT_CAP), page.page(), page.size(), total <= COUNT_CAP);
	}

	/** Checks an export before its download starts, so that a refusal is a clear error, not a broken file. */
	public void checkExport(ShouwangPrincipal caller) {
		CheckpointPermissions.require(EXPORT, caller);
	}

	/** Every passage matching the filter in log order, for exports. */
	@Transactional(readOnly = true)
	public void forEach(ShouwangPrincipal caller, PassageLogFilter filter, Consumer<PassageLogRow> sink) {
		checkExport(caller);
		this.log.stream(caller.scope(), filter, feverThreshold(), sink);
	}

	/** The day's passages hour by hour at one checkpoint, or at every checkpoint of the jurisdiction. */
	public PassageLogHourly hourly(ShouwangPrincipal caller, Long checkpointId, LocalDate day) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		Map<Long, String> names = new LinkedHashMap<>();
		if (checkpointId != null) {
			Checkpoint c = this.checkpoints.find(caller.scope(), checkpointId)
				.orElseThrow(() -> new NotFoundException(CheckpointService.ENTITY, checkpointId));
			names.put(c.id(), c.name());
		}
		else {
			this.checkpoints.list(caller.scope()).forEach(c -> names.put(c.id(), c.name()));
		}
		BigDecimal fever = feverThreshold();
		Map<Long, PassageLogHourly.Counts[]> byCheckpoint = new LinkedHashMap<>();
		for (PassageLog.HourCount h : this.log.hourly(caller.scope(), checkpointId, day.atStartOfDay(this.zone).toInstant(),
				day.plusDays(1).atStartOfDay(this.zone).toInstant(), this.zone)) {
			byCheckpoint.computeIfAbsent(h.checkpointId(), k -> empty())[h.hour()] = h.counts();
			if (!names.containsKey(h.checkpointId())) {
				// a checkpoint past the list's first 500: named from its own row
				names.put(h.checkpointId(), this.checkpoints.find(caller.scope(), h.checkpointId())
					.map(Checkpoint::name)
					.orElse("#" + h.checkpointId()));
			}
		}
		List<PassageLogHourly.CheckpointDay> days = new ArrayList<>();
		PassageLogHourly.Counts total = PassageLogHourly.Counts.ZERO;
		for (Map.Entry<Long, String> e : names.entrySet()) {
			PassageLogHourly.Counts[] hours = byCheckpoint.getOrDefault(e.getKey(), empty());
			PassageLogHourly.Counts sum = PassageLogHourly.Counts.ZERO;
			for (PassageLogHourly.Counts c : hours) {
				sum = sum.plus(c);
			}
			total = total.plus(sum);
			days.add(new PassageLogHourly.CheckpointDay(e.getKey(), e.getValue(), List.of(hours), sum));
		}
		// the busiest checkpoints first; those with no passage that day keep the list order at the end
		days.sort((a, b) -> Long.compare(b.total().passages(), a.total().passages()));
		return new PassageLogHourly(day, fever, days, total);
	}

	/**
	 * The hourly counts as asked by query parameters: a day as yyyy-MM-dd (default today) and an
	 * optional checkpoint of the caller's jurisdiction; a bad one is a clear error on its field.
	 */
	public PassageLogHourly hourly(ShouwangPrincipal caller, String checkpoint, String day) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate d = errors.date("day", day);
		Long id = number(errors, "checkpoint", checkpoint);
		if (id != null && this.checkpoints.find(caller.scope(), id).isEmpty()) {
			errors.add("checkpoint", "passageLog.unknownCheckpoint", id);
		}
		errors.throwIfAny();
		return hourly(caller, id, d == null ? today() : d);
	}

	/** The hourly counts of one checkpoint (not found outside the caller's jurisdiction) on a day as typed. */
	public PassageLogHourly hourly(ShouwangPrincipal caller, long checkpointId, String day) {
		// not found before forbidden, as everywhere: a foreign checkpoint looks exactly like a missing one
		this.checkpoints.find(caller.scope(), checkpointId)
			.orElseThrow(() -> new NotFoundException(CheckpointService.ENTITY, checkpointId));
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate d = errors.date("day", day);
		errors.throwIfAny();
		return hourly(caller, checkpointId, d == null ? today() : d);
	}

	private static PassageLogRow masked(PassageLogRow r) {
		return new PassageLogRow(r.id(), r.at(), r.checkpointId(), r.checkpointName(), r.direction(), r.personId(),
				cn.shouwang.shared.crypto.Masking.name(r.name()), r.visitor(), r.visitorPhone(), r.visitorReason(),
				r.hostHouseholdId(), r.temperature(), r.fever(), r.decision(), r.reason(), r.plate());
	}

	private static PassageLogHourly.Counts[] empty() {
		PassageLogHourly.Counts[] hours = new PassageLogHourly.Counts[24];
		java.util.Arrays.fill(hours, PassageLogHourly.Counts.ZERO);
		return hours;
	}

	private static Long number(InvalidInputException.Collector errors, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long n = Long.parseLong(value.strip());
			if (n > 0) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the error
		}
		errors.add(field, "passageLog.badId");
		return null;
	}

	private static <E extends Enum<E>> E choice(InvalidInputException.Collector errors, String field, String value,
			Class<E> type) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			errors.add(field, "passageLog.badChoice", String.join(", ",
					java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
			return null;
		}
	}

}
