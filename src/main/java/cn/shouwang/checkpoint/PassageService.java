package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import cn.shouwang.identity.UserService;
import cn.shouwang.keyperson.HealthRules;
import cn.shouwang.monitoring.AlertService;
import cn.shouwang.monitoring.Notifications;
import cn.shouwang.monitoring.PassageClearance;
import cn.shouwang.registry.PersonStatus;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PhoneNumbers;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.crypto.Masking;
import cn.shouwang.shared.crypto.PassSigner;
import cn.shouwang.shared.web.Messages;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The guard's decision at a checkpoint, recorded in the passage log (DOMAIN §6, "Rules worth
 * keeping"). In order: the checkpoint open → the pass genuine, not expired, not revoked, issued in
 * the checkpoint's jurisdiction, its holder still registered → monitoring's clearance (a person
 * under a control measure or with an open alert is turned back with "不允许通行，请联系社区" and
 * nothing medical) → temperature: a first reading at or over the fever line asks for a second
 * (复测); a second still high turns the person back and opens a checkpoint-fever alert when they
 * are under a measure, else notifies the community's workers. Visitors: name, phone (stored
 * encrypted), reason and a host household in the checkpoint's jurisdiction.
 * <p>
 * Idempotent by the device's id: a replay (even with another {@code at}) returns the stored
 * decision and stores nothing.
 */
@Service
public class PassageService {

	public enum Decision {

		ALLOWED, TURNED_BACK, REMEASURE

	}

	public record Visitor(String name, String phone, String reason, Long hostHouseholdId) {
	}

	/**
	 * One scan: exactly one of a pass code, a typed 居民身份证 number (a resident without their
	 * code) or a visitor.
	 */
	public record PassageInput(UUID id, String at, String direction, String pass, Visitor visitor,
			BigDecimal temperature, String plate, Boolean remeasure, String idNumber) {
	}

	public record PassageResult(UUID id, Decision decision, String reason, String name, boolean duplicate) {
	}

	/** How far ahead of the server's clock a scan may be dated (a device's clock drift). */
	static final Duration MAX_AHEAD = Duration.ofMinutes(5);

	/** How far back an offline device's scan may be dated ({@code shouwang.checkpoint.max-passage-age}, 7 days). */
	private final Duration maxAge;

	private final CheckpointService checkpoints;

	private final Passages passages;

	private final PassSigner signer;

	private final RegistryFieldwork registry;

	private final PassageClearance clearance;

	private final AlertService alerts;

	private final Notifications notifications;

	private final UserService users;

	private final HealthRules health;

	private final FieldCipher cipher;

	private final Messages messages;

	private final ZoneId zone;

	PassageService(CheckpointService checkpoints, Passages passages, PassSigner signer,
			RegistryFieldwork registry, PassageClearance clearance, AlertService alerts, Notifications notifications,
			UserService users, HealthRules health, FieldCipher cipher, Messages messages,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone,
			@Value("${shouwang.checkpoint.max-passage-age:7d}") Duration maxAge) {
		this.maxAge = maxAge;
		this.checkpoints = checkpoints;
		this.passages = passages;
		this.signer = signer;
		this.registry = registry;
		this.clearance = clearance;
		this.alerts = alerts;
		this.notifications = notifications;
		this.users = users;
		this.health = health;
		this.cipher = cipher;
		this.messages = messages;
		this.zone = ZoneId.of(zone);
	}

	@Transactional
	public PassageResult record(ShouwangPrincipal caller, long checkpointId, PassageInput in) {
		PassageInput input = in == null ? new PassageInput(null, null, null, null, null, null, null, null, null) : in;
		// the input first, every problem named at once; nothing here reads the database
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Instant at = at(errors, input.at());
		String direction = input.direction() == null ? null : input.direction().strip().toUpperCase(Locale.ROOT);
		if (direction == null || direction.isEmpty()) {
			errors.add("direction", "validation.required");
		}
		else if (!direction.equals("IN") && !direction.equals("OUT")) {
			errors.add("direction", "passage.direction");
		}
		BigDecimal temperature = HealthRules.temperature(errors, "temperature", input.temperature());
		if (input.temperature() == null && "IN".equals(direction)) {
			errors.add("temperature", "passage.temperatureRequired");
		}
		String plate = errors.text("plate", input.plate(), 12);
		boolean hasPass = input.pass() != null && !input.pass().isBlank();
		boolean hasIdNumber = input.idNumber() != null && !input.idNumber().isBlank();
		if ((hasPass ? 1 : 0) + (hasIdNumber ? 1 : 0) + (input.visitor() != null ? 1 : 0) != 1) {
			errors.add("pass", "passage.passOrVisitor");
		}
		PassSigner.Verified verified = null;
		if (hasPass) {
			verified = this.signer.verify(input.pass(), at == null ? Instant.now() : at);
			if (verified.refusal() == PassSigner.Refusal.MALFORMED) {
				errors.add("pass", "passage.passMalformed");
			}
		}
		if (hasIdNumber) {
			RegistryFieldwork.residentIdProblem(input.idNumber()).ifPresent(key -> errors.add("idNumber", key));
		}
		Visitor visitor = hasPass || hasIdNumber ? null : input.visitor();
		VisitorDetails details = visitor == null ? null : visitor(errors, visitor);
		if (input.id() == null) {
			errors.add("id", "passage.idRequired");
		}

		// then, under the device id's lock, in one round trip: the checkpoint, an earlier copy, the pass
		if (input.id() != null) {
			this.passages.lock(input.id());
		}
		UUID passId = verified == null || verified.pass() == null ? null : verified.pass().id();
		Passages.Reading read = this.passages
			.read(caller.scope(), checkpointId, input.id(), at == null ? Instant.now() : at, passId)
			.orElseThrow(() -> new NotFoundException(CheckpointService.ENTITY, checkpointId));
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		CheckpointPermissions.require(CheckpointPermissions.RECORD, caller);
		Checkpoint checkpoint = read.checkpoint();
		if (read.stored() != null) {
			Passages.Stored stored = read.stored();
			if (stored.checkpointId() != checkpointId) {
				throw InvalidInputException.of("id", "passage.idUsedElsewhere");
			}
			return new PassageResult(stored.id(), Decision.valueOf(stored.decision()), stored.reason(), mask(stored.name()),
					true);
		}
		errors.throwIfAny();

		boolean secondReading = Boolean.TRUE.equals(input.remeasure());
		boolean fever = this.health.isFever(temperature);
		JurisdictionScope here = JurisdictionScope.of(checkpoint.path());
		Decided d;
		Long personId = null;
		String name;
		if (hasPass) {
			Pass pass = read.pass();
			personId = pass == null ? null : pass.personId();
			name = pass == null ? null : pass.name();
			d = decidePass(checkpoint, verified, pass, at);
			if (pass == null) {
				passId = null; // not one of ours: the log keeps no dangling pass id
			}
		}
		else if (hasIdNumber) {
			Optional<RegistryFieldwork.PersonAtGate> person = this.registry.personAtGate(here, input.idNumber());
			personId = person.map(RegistryFieldwork.PersonAtGate::id).orElse(null);
			name = person.map(RegistryFieldwork.PersonAtGate::name).orElse(null);
			d = closed(checkpoint, at);
			if (d == null) {
				d = person.isEmpty() ? new Decided(Decision.TURNED_BACK, "passage.reason.unknownPerson") : decidePerson(person);
			}
		}
		else {
			name = details.name();
			d = decideVisitor(checkpoint, visitor.hostHouseholdId(), at);
		}
		if (d == null) {
			d = temperature(fever, secondReading);
		}
		// a second high reading is reported whatever else turned the person back
		boolean feverReported = fever && secondReading;
		String reason = text(d.key());
		this.passages.insert(new Passages.Row(input.id(), at, checkpoint.id(), checkpoint.path(), direction, passId,
				personId, details == null ? null : details.name(),
				details == null ? null : this.cipher.encrypt(details.phone()), details == null ? null : details.reason(),
				visitor == null ? null : visitor.hostHouseholdId(), temperature, d.decision().name(), reason, plate,
				caller.userId()));
		if (feverReported) {
			reportFever(caller, checkpoint, personId, name, temperature);
		}
		return new PassageResult(input.id(), d.decision(), reason, mask(name), false);
	}

	private record VisitorDetails(String name, String phone, String reason) {
	}

	private static VisitorDetails visitor(InvalidInputException.Collector errors, Visitor v) {
		String name = errors.text("visitor.name", v.name(), 40);
		if (name == null && !errors.has("visitor.name")) {
			errors.add("visitor.name", "validation.required");
		}
		String phone = null;
		if (v.phone() == null || v.phone().isBlank()) {
			errors.add("visitor.phone", "validation.required");
		}
		else {
			phone = PhoneNumbers.normalise(v.phone());
			if (phone == null) {
				errors.add("visitor.phone", "validation.phone");
			}
		}
		String reason = errors.text("visitor.reason", v.reason(), 100);
		if (reason == null && !errors.has("visitor.reason")) {
			errors.add("visitor.reason", "validation.required");
		}
		if (v.hostHouseholdId() == null) {
			errors.add("visitor.hostHouseholdId", "validation.required");
		}
		return new VisitorDetails(name, phone, reason);
	}

	/** A host household a visitor may name: its number and address, nothing about who lives there. */
	public record Host(long id, String address) {
	}

	/** Households of the checkpoint's jurisdiction whose address contains the text (at least 2 characters). */
	public List<Host> hosts(ShouwangPrincipal caller, long checkpointId, String text) {
		Checkpoint checkpoint = this.checkpoints.get(caller, checkpointId);
		CheckpointPermissions.require(CheckpointPermissions.RECORD, caller);
		if (text == null || text.strip().length() < 2) {
			return List.of();
		}
		return this.registry.householdsMatching(JurisdictionScope.of(checkpoint.path()), text.strip(), 10)
			.stream()
			.map(h -> new Host(h.id(), h.address()))
			.toList();
	}

	private record Decided(Decision decision, String key) {
	}

	/** The pass's verdict, or null when the holder may pass as far as the pass goes (temperature next). */
	private Decided decidePass(Checkpoint checkpoint, PassSigner.Verified verified, Pass pass, Instant at) {
		if (verified.refusal() == PassSigner.Refusal.FORGED) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.forged");
		}
		if (pass == null) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.unknownPass");
		}
		if (pass.revokedAt() != null && !pass.revokedAt().isAfter(at)) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.revoked");
		}
		if (verified.refusal() == PassSigner.Refusal.EXPIRED || !at.isBefore(pass.expiresAt())) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.expired");
		}
		Decided closed = closed(checkpoint, at);
		if (closed != null) {
			return closed;
		}
		JurisdictionScope here = JurisdictionScope.of(checkpoint.path());
		if (!here.contains(pass.path())) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.otherJurisdiction");
		}
		return decidePerson(this.registry.personAtGate(here, pass.personId()));
	}

	/** A registered person's verdict (still registered here, and cleared by monitoring), or null to go on. */
	private Decided decidePerson(Optional<RegistryFieldwork.PersonAtGate> person) {
		if (person.isEmpty() || person.get().status() != PersonStatus.ACTIVE) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.notRegistered");
		}
		if (this.clearance.blocksPassage(person.get().id())) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.blocked");
		}
		return null;
	}

	private Decided decideVisitor(Checkpoint checkpoint, long hostHouseholdId, Instant at) {
		Decided closed = closed(checkpoint, at);
		if (closed != null) {
			return closed;
		}
		if (this.registry.householdPath(JurisdictionScope.of(checkpoint.path()), hostHouseholdId).isEmpty()) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.hostUnknown");
		}
		return null;
	}

	/** Turned back when the checkpoint is closed at that moment, else null. */
	private Decided closed(Checkpoint checkpoint, Instant at) {
		String reason = closedReason(checkpoint, at);
		return reason.isEmpty() ? null : new Decided(Decision.TURNED_BACK, reason);
	}

	private static Decided temperature(boolean fever, boolean secondReading) {
		if (!fever) {
			return new Decided(Decision.ALLOWED, "passage.reason.allowed");
		}
		return secondReading ? new Decided(Decision.TURNED_BACK, "passage.reason.fever")
				: new Decided(Decision.REMEASURE, "passage.reason.remeasure");
	}

	/** Empty when open at that moment; else the reason (closed, or outside its hours). */
	private String closedReason(Checkpoint c, Instant at) {
		if (!c.open()) {
			return "passage.reason.closed";
		}
		if (c.roundTheClock()) {
			return "";
		}
		LocalTime t = at.atZone(this.zone).toLocalTime();
		boolean inside = c.closesAt().isAfter(c.opensAt()) ? !t.isBefore(c.opensAt()) && t.isBefore(c.closesAt())
				: !t.isBefore(c.opensAt()) || t.isBefore(c.closesAt());
		return inside ? "" : "passage.reason.outsideHours";
	}

	/**
	 * A second high reading: an alert when the person is under a measure (monitoring handles it like
	 * any fever); otherwise the community's workers are told, and the passage keeps the reading.
	 */
	private void reportFever(ShouwangPrincipal caller, Checkpoint checkpoint, Long personId, String name,
			BigDecimal temperature) {
		if (personId != null
				&& this.alerts.openCheckpointFever(personId, temperature, checkpoint.name(), caller.getUsername()).isPresent()) {
			return;
		}
		Set<Long> to = new LinkedHashSet<>();
		List<Long> ids = pathIds(checkpoint.path());
		// the checkpoint's own node and its community (the third level from the top), where workers sit
		to.addAll(this.users.enabledAt(checkpoint.nodeId(), List.of(Role.COMMUNITY_WORKER, Role.GRID_WORKER)));
		if (ids.size() >= 3) {
			to.addAll(this.users.enabledAt(ids.get(2), List.of(Role.COMMUNITY_WORKER)));
		}
		this.notifications.notifyUsers(List.copyOf(to), "CHECKPOINT_FEVER",
				text("passage.notify.fever.title", checkpoint.name()),
				text("passage.notify.fever.body", name == null ? "—" : mask(name), temperature),
				"/checkpoints/" + checkpoint.id());
	}

	private static List<Long> pathIds(String path) {
		return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
	}

	private Instant at(InvalidInputException.Collector errors, String value) {
		Instant now = Instant.now();
		if (value == null || value.isBlank()) {
			return now;
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add("at", "passage.at");
			return null;
		}
		if (at.isAfter(now.plus(MAX_AHEAD))) {
			errors.add("at", "passage.atFuture");
		}
		else if (at.isBefore(now.minus(this.maxAge))) {
			errors.add("at", "passage.atTooOld", this.maxAge.toDays());
		}
		return at;
	}

	private String text(String key, Object... args) {
		return this.messages.get(Locale.SIMPLIFIED_CHINESE, key, args);
	}

	private static String mask(String name) {
		return name == null ? null : Masking.name(name);
	}

}
