package cn.shouwang.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checkpoints and their roster inside the caller's jurisdiction: the 24-hour coverage of a day
 * with its gaps, and a warning when someone has been on duty too many days in a row (the seeds ask
 * for enforced rest: 轮休, 补休).
 */
@Service
public class CheckpointService {

	static final String ENTITY = "checkpoint";

	public record CheckpointInput(Long nodeId, String name, CheckpointKind kind, String location, String opensAt,
			String closesAt, Boolean open, Integer version) {
	}

	public record ShiftInput(String startsAt, String endsAt, Long userId, String guardName) {
	}

	/** A shift added, with the warnings the roster raises (not reasons to refuse it). */
	public record ShiftAdded(Shift shift, List<String> warnings) {
	}

	public record Line(Checkpoint checkpoint, Instant from, Instant to, List<Coverage.Segment> segments,
			long gapMinutes) {
	}

	public record Tired(String guardName, int days) {
	}

	public record Day(LocalDate day, List<Line> lines, List<Tired> tired) {
	}

	private final Checkpoints checkpoints;

	private final JurisdictionService jurisdictions;

	private final UserService users;

	private final AuditTrail audit;

	private final ZoneId zone;

	private final int maxDaysInARow;

	CheckpointService(Checkpoints checkpoints, JurisdictionService jurisdictions, UserService users, AuditTrail audit,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone,
			@Value("${shouwang.checkpoint.max-days-in-a-row:6}") int maxDaysInARow) {
		this.checkpoints = checkpoints;
		this.jurisdictions = jurisdictions;
		this.users = users;
		this.audit = audit;
		this.zone = ZoneId.of(zone);
		this.maxDaysInARow = maxDaysInARow;
	}

	public List<Checkpoint> list(ShouwangPrincipal caller) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		return this.checkpoints.list(caller.scope());
	}

	/** The open checkpoints a guard may work at, those of their shift now first. */
	public List<Checkpoint> posts(ShouwangPrincipal caller) {
		CheckpointPermissions.require(CheckpointPermissions.RECORD, caller);
		Instant now = Instant.now();
		Set<Long> onDuty = new java.util.HashSet<>();
		for (Shift s : this.checkpoints.shifts(caller.scope(), null, now, now.plusSeconds(1))) {
			if (caller.userId() != null && caller.userId().equals(s.userId())) {
				onDuty.add(s.checkpointId());
			}
		}
		List<Checkpoint> open = new ArrayList<>(this.checkpoints.list(caller.scope()).stream().filter(Checkpoint::open).toList());
		open.sort((a, b) -> Boolean.compare(onDuty.contains(b.id()), onDuty.contains(a.id())));
		return open;
	}

	public Checkpoint get(ShouwangPrincipal caller, long id) {
		Checkpoint c = this.checkpoints.find(caller.scope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		return c;
	}

	@Transactional
	public Checkpoint create(ShouwangPrincipal caller, CheckpointInput in) {
		CheckpointPermissions.require(CheckpointPermissions.MANAGE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Node node = null;
		try {
			node = this.jurisdictions.get(caller, in.nodeId() == null ? caller.nodeId() : in.nodeId());
		}
		catch (NotFoundException ex) {
			errors.add("nodeId", "validation.nodeNotInScope");
		}
		Checked c = check(errors, in);
		errors.throwIfAny();
		if (this.checkpoints.nameTaken(node.id(), c.name(), null)) {
			throw InvalidInputException.of("name", "checkpoint.nameTaken");
		}
		long id = this.checkpoints.insert(node.id(), node.path(), c.name(), in.kind(), c.location(), c.opens(), c.closes(),
				caller.getUsername());
		this.audit.record(ENTITY, id, Action.CREATE, node.path(), null, values(c, in.kind(), true));
		return get(caller, id);
	}

	@Transactional
	public Checkpoint update(ShouwangPrincipal caller, long id, CheckpointInput in) {
		Checkpoint before = get(caller, id);
		CheckpointPermissions.require(CheckpointPermissions.MANAGE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Checked c = check(errors, in);
		errors.throwIfAny();
		if (this.checkpoints.nameTaken(before.nodeId(), c.name(), id)) {
			throw InvalidInputException.of("name", "checkpoint.nameTaken");
		}
		boolean open = in.open() == null ? before.open() : in.open();
		if (this.checkpoints.update(id, in.version() == null ? before.version() : in.version(), c.name(), in.kind(),
				c.location(), c.opens(), c.closes(), open) == 0) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		this.audit.record(ENTITY, id, Action.UPDATE, before.path(),
				Map.of("name", before.name(), "open", before.open(), "opensAt", String.valueOf(before.opensAt())),
				values(c, in.kind(), open));
		return get(caller, id);
	}

	public List<Shift> shifts(ShouwangPrincipal caller, long checkpointId, LocalDate from, LocalDate to) {
		get(caller, checkpointId);
		return this.checkpoints.shifts(caller.scope(), checkpointId, from.atStartOfDay(this.zone).toInstant(),
				to.plusDays(1).atStartOfDay(this.zone).toInstant());
	}

	@Transactional
	public ShiftAdded addShift(ShouwangPrincipal caller, long checkpointId, ShiftInput in) {
		Checkpoint c = get(caller, checkpointId);
		CheckpointPermissions.require(CheckpointPermissions.MANAGE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Instant starts = instant(errors, "startsAt", in.startsAt());
		Instant ends = instant(errors, "endsAt", in.endsAt());
		String name = errors.text("guardName", in.guardName(), 40);
		if (in.userId() != null) {
			var colleague = this.users.colleague(caller, in.userId());
			if (colleague.isEmpty()) {
				errors.add("userId", "keyPerson.responsibleNotInScope");
			}
			else if (name == null) {
				name = colleague.get().displayName();
			}
		}
		if (name == null && !errors.has("userId")) {
			errors.add("guardName", "validation.required");
		}
		if (starts != null && ends != null) {
			if (!ends.isAfter(starts)) {
				errors.add("endsAt", "validation.endBeforeStart");
			}
			else if (Duration.between(starts, ends).toHours() > 24 || Duration.between(starts, ends).toMinutes() > 24 * 60) {
				errors.add("endsAt", "checkpoint.shiftTooLong");
			}
		}
		errors.throwIfAny();
		if (this.checkpoints.overlaps(in.userId(), name, starts, ends)) {
			throw InvalidInputException.of("startsAt", "checkpoint.shiftOverlaps", name);
		}
		long id = this.checkpoints.addShift(checkpointId, starts, ends, in.userId(), name, caller.getUsername());
		this.audit.record(ENTITY, checkpointId, Action.UPDATE, c.path(), null,
				Map.of("shift", id, "guard", name, "startsAt", starts.toString(), "endsAt", ends.toString()));
		Shift shift = this.checkpoints.shift(checkpointId, id).orElseThrow();
		List<String> warnings = new ArrayList<>();
		LocalDate day = ends.minusSeconds(1).atZone(this.zone).toLocalDate();
		int inARow = Coverage.daysInARow(dutyDays(caller, shift.userId(), name, day), day);
		if (inARow > this.maxDaysInARow) {
			warnings.add("checkpoint.tooManyDays:" + name + ":" + inARow);
		}
		return new ShiftAdded(shift, warnings);
	}

	@Transactional
	public void removeShift(ShouwangPrincipal caller, long checkpointId, long shiftId) {
		Checkpoint c = get(caller, checkpointId);
		CheckpointPermissions.require(CheckpointPermissions.MANAGE, caller);
		Shift s = this.checkpoints.shift(checkpointId, shiftId).orElseThrow(() -> new NotFoundException("dutyShift", shiftId));
		this.checkpoints.deleteShift(shiftId);
		this.audit.record(ENTITY, checkpointId, Action.UPDATE, c.path(),
				Map.of("shift", shiftId, "guard", s.guardName(), "startsAt", s.startsAt().toString()), null);
	}

	/** The day's coverage of every open checkpoint in the jurisdiction, gaps first, and who is tired. */
	public Day coverage(ShouwangPrincipal caller, LocalDate day) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		List<Checkpoint> open = this.checkpoints.list(caller.scope()).stream().filter(Checkpoint::open).toList();
		Instant from = day.atStartOfDay(this.zone).toInstant();
		Instant to = day.plusDays(2).atStartOfDay(this.zone).toInstant();
		Map<Long, List<Shift>> byCheckpoint = new HashMap<>();
		for (Shift s : this.checkpoints.shifts(caller.scope(), null, from, to)) {
			byCheckpoint.computeIfAbsent(s.checkpointId(), k -> new ArrayList<>()).add(s);
		}
		List<Line> lines = new ArrayList<>();
		for (Checkpoint c : open) {
			Instant[] hours = Coverage.required(c, day, this.zone);
			List<Coverage.Segment> segments = Coverage.segments(hours[0], hours[1], byCheckpoint.getOrDefault(c.id(), List.of()));
			long gap = segments.stream().filter(Coverage.Segment::gap).mapToLong(Coverage.Segment::minutes).sum();
			lines.add(new Line(c, hours[0], hours[1], segments, gap));
		}
		lines.sort((a, b) -> Long.compare(b.gapMinutes(), a.gapMinutes()));
		return new Day(day, lines, tired(caller, day));
	}

	/** Everyone on duty more than the allowed days in a row up to this day. */
	private List<Tired> tired(ShouwangPrincipal caller, LocalDate day) {
		Map<String, Set<LocalDate>> days = new LinkedHashMap<>();
		for (Shift s : this.checkpoints.shifts(caller.scope(), null, day.minusDays(30).atStartOfDay(this.zone).toInstant(),
				day.plusDays(1).atStartOfDay(this.zone).toInstant())) {
			String who = s.userId() != null ? "#" + s.userId() + " " + s.guardName() : s.guardName();
			addDays(days.computeIfAbsent(who, k -> new TreeSet<>()), s);
		}
		List<Tired> tired = new ArrayList<>();
		days.forEach((who, set) -> {
			int n = Coverage.daysInARow(set, day);
			if (n > this.maxDaysInARow) {
				tired.add(new Tired(who.startsWith("#") ? who.substring(who.indexOf(' ') + 1) : who, n));
			}
		});
		return tired;
	}

	private Set<LocalDate> dutyDays(ShouwangPrincipal caller, Long userId, String name, LocalDate day) {
		Set<LocalDate> set = new TreeSet<>();
		for (Shift s : this.checkpoints.shifts(caller.scope(), null, day.minusDays(30).atStartOfDay(this.zone).toInstant(),
				day.plusDays(1).atStartOfDay(this.zone).toInstant())) {
			boolean same = userId != null ? userId.equals(s.userId()) : s.userId() == null && name.equals(s.guardName());
			if (same) {
				addDays(set, s);
			}
		}
		return set;
	}

	/** The calendar days a shift touches (a night shift counts for both days). */
	private void addDays(Set<LocalDate> days, Shift s) {
		LocalDate last = s.endsAt().minusSeconds(1).atZone(this.zone).toLocalDate();
		for (LocalDate d = s.startsAt().atZone(this.zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
			days.add(d);
		}
	}

	private record Checked(String name, String location, LocalTime opens, LocalTime closes) {
	}

	private Checked check(InvalidInputException.Collector errors, CheckpointInput in) {
		String name = errors.text("name", in.name(), 60);
		if (name == null) {
			errors.add("name", "validation.required");
		}
		if (in.kind() == null) {
			errors.add("kind", "validation.required");
		}
		String location = errors.text("location", in.location(), 200);
		LocalTime opens = time(errors, "opensAt", in.opensAt());
		LocalTime closes = time(errors, "closesAt", in.closesAt());
		if ((opens == null) != (closes == null) && !errors.has("opensAt") && !errors.has("closesAt")) {
			errors.add(opens == null ? "opensAt" : "closesAt", "checkpoint.hoursBoth");
		}
		if (opens != null && opens.equals(closes)) {
			errors.add("closesAt", "checkpoint.hoursEqual");
		}
		return new Checked(name, location, opens, closes);
	}

	private static Map<String, Object> values(Checked c, CheckpointKind kind, boolean open) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", c.name());
		m.put("kind", kind);
		m.put("location", c.location());
		m.put("opensAt", c.opens());
		m.put("closesAt", c.closes());
		m.put("open", open);
		return m;
	}

	private static LocalTime time(InvalidInputException.Collector errors, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			errors.add(field, "checkpoint.badTime");
			return null;
		}
	}

	private Instant instant(InvalidInputException.Collector errors, String field, String value) {
		if (value == null || value.isBlank()) {
			errors.add(field, "validation.required");
			return null;
		}
		try {
			String v = value.strip();
			return v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(v).toInstant()
					: LocalDateTime.parse(v).atZone(this.zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(field, "validation.date");
			return null;
		}
	}

}
