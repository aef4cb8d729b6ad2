package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.PreDestroy;

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
import cn.shouwang.shared.db.GroupCommit;
import cn.shouwang.shared.web.Messages;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	/** Single scans arriving together, recorded in one transaction. */
	private final GroupCommit<Upload, Uploaded> together;

	PassageService(CheckpointService checkpoints, Passages passages, PassSigner signer,
			RegistryFieldwork registry, PassageClearance clearance, AlertService alerts, Notifications notifications,
			UserService users, HealthRules health, FieldCipher cipher, Messages messages,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone,
			@Value("${shouwang.checkpoint.max-passage-age:7d}") Duration maxAge,
			@Value("${shouwang.checkpoint.recording-workers:1}") int recordingWorkers,
			PlatformTransactionManager transactions, ObjectProvider<MeterRegistry> meters) {
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
		this.together = new GroupCommit<>("passage-recorder", recordingWorkers, MAX_GROUP,
				new TransactionTemplate(transactions), this::recordTogether);
		meters.ifAvailable(meterRegistry -> {
			FunctionCounter.builder("shouwang.passages.group.transactions", this.together, GroupCommit::batches)
				.description("Transactions that recorded single scans arriving together")
				.register(meterRegistry);
			FunctionCounter.builder("shouwang.passages.group.scans", this.together, GroupCommit::answered)
				.description("Single scans recorded in those transactions")
				.register(meterRegistry);
		});
	}

	@PreDestroy
	void stopRecording() {
		this.together.close();
	}

	/** The most scans one upload may carry (a device's queue after a long outage comes in several). */
	public static final int MAX_BATCH = 500;

	/** The most single scans recorded together in one transaction. */
	static final int MAX_GROUP = 128;

	/** One scan of an upload: its result, or what was wrong with it (nothing of it stored). */
	public record Outcome(UUID id, PassageResult result, InvalidInputException invalid) {
	}

	/** One device's scans at one checkpoint, with who sent them. */
	record Upload(ShouwangPrincipal caller, long checkpointId, List<PassageInput> inputs) {
	}

	/** What became of an upload: an outcome per scan, in order, unless it was refused as a whole. */
	record Uploaded(List<Outcome> outcomes, RuntimeException refused) {

		List<Outcome> outcomesOrThrow() {
			if (this.refused != null) {
				throw this.refused;
			}
			return this.outcomes;
		}

	}

	/**
	 * One scan, decided and recorded; a replay answers the stored decision and stores nothing.
	 * Scans arriving at the same time from any guards and checkpoints are recorded together, in one
	 * transaction (see {@link GroupCommit}); each is answered only once it is stored. Inside a
	 * caller's transaction the scan is recorded in it.
	 */
	public PassageResult record(ShouwangPrincipal caller, long checkpointId, PassageInput in) {
		Upload upload = new Upload(caller, checkpointId, java.util.Collections.singletonList(in));
		Uploaded uploaded = TransactionSynchronizationManager.isActualTransactionActive()
				? recordTogether(List.of(upload)).get(0) : this.together.submit(upload);
		Outcome outcome = uploaded.outcomesOrThrow().get(0);
		if (outcome.invalid() != null) {
			throw outcome.invalid();
		}
		return outcome.result();
	}

	/**
	 * Several scans of one checkpoint (a scanning device's queue), each decided as {@link #record}
	 * would, in order, in one transaction. A scan with bad input is answered with its errors and
	 * the others are still recorded; the same id twice is recorded once.
	 */
	@Transactional
	public List<Outcome> recordAll(ShouwangPrincipal caller, long checkpointId, List<PassageInput> inputs) {
		if (inputs == null || inputs.isEmpty()) {
			throw InvalidInputException.of("passages", "validation.required");
		}
		if (inputs.size() > MAX_BATCH) {
			throw InvalidInputException.of("passages", "passage.batchTooLarge", MAX_BATCH);
		}
		return recordTogether(List.of(new Upload(caller, checkpointId, inputs))).get(0).outcomesOrThrow();
	}

	/**
	 * Decides and stores the scans of several uploads, in the caller's transaction, with one
	 * statement for each step whatever their number: the ids' locks; the checkpoints, earlier
	 * copies and passes; the holders; their clearances; the hosts; the insert. An upload whose
	 * checkpoint its caller may not see or record at is refused on its own.
	 */
	List<Uploaded> recordTogether(List<Upload> uploads) {
		// the input first, every problem of every scan named; nothing here reads the database
		List<List<Scan>> scansOf = uploads.stream().map(u -> u.inputs().stream().map(this::parse).toList()).toList();
		List<Scan> all = scansOf.stream().flatMap(List::stream).toList();

		// then, under the ids' locks, in one round trip: the checkpoints, earlier copies, the passes
		this.passages.lock(all.stream().map(Scan::id).filter(java.util.Objects::nonNull).distinct().toList());
		Instant first = all.stream().map(Scan::probeAt).min(Instant::compareTo).orElseThrow();
		Instant last = all.stream().map(Scan::probeAt).max(Instant::compareTo).orElseThrow();
		List<Passages.Visit> visits = new ArrayList<>(uploads.size());
		for (int u = 0; u < uploads.size(); u++) {
			visits.add(new Passages.Visit(uploads.get(u).checkpointId(), uploads.get(u).caller().scope(),
					scansOf.get(u).stream().map(Scan::probe).filter(java.util.Objects::nonNull).toList()));
		}
		Passages.Reading read = this.passages.read(visits, first, last);
		RuntimeException[] refused = new RuntimeException[uploads.size()];
		for (int u = 0; u < uploads.size(); u++) {
			refused[u] = refusal(uploads.get(u), read.checkpoint(u));
		}

		// what the decisions need, read once for all scans: holders, their clearance, visitors' hosts
		Map<Scan, RegistryFieldwork.PersonAtGate> typed = new HashMap<>();
		Set<Long> holders = new HashSet<>();
		Set<Long> hostIds = new HashSet<>();
		Set<String> places = new HashSet<>();
		for (int u = 0; u < uploads.size(); u++) {
			if (refused[u] != null) {
				continue;
			}
			JurisdictionScope here = JurisdictionScope.of(read.checkpoint(u).path());
			places.add(here.path());
			for (Scan scan : scansOf.get(u)) {
				if (!scan.errors().isEmpty() || read.stored(scan.id()) != null) {
					continue;
				}
				Pass pass = scan.hasPass() ? read.pass(scan.passId()) : null;
				if (pass != null) {
					holders.add(pass.personId());
				}
				else if (scan.hasIdNumber()) {
					// a typed number is rare (a resident without their code): one exact lookup each
					this.registry.personAtGate(here, scan.input().idNumber()).ifPresent(p -> typed.put(scan, p));
				}
				else if (scan.visitor() != null) {
					hostIds.add(scan.visitor().hostHouseholdId());
				}
			}
		}
		// one read for all the checkpoints (the node they all lie under); each scan then keeps only
		// the people and households of its own checkpoint's jurisdiction
		Map<Long, RegistryFieldwork.PersonAtGate> people = new HashMap<>();
		Map<Long, String> hosts = new HashMap<>();
		for (JurisdictionScope around : JurisdictionScope.covering(places)) {
			people.putAll(this.registry.peopleAtGate(around, holders));
			hosts.putAll(this.registry.householdsIn(around, hostIds));
		}
		Set<Long> active = new HashSet<>();
		people.values().stream().filter(p -> p.status() == PersonStatus.ACTIVE).forEach(p -> active.add(p.id()));
		typed.values().stream().filter(p -> p.status() == PersonStatus.ACTIVE).forEach(p -> active.add(p.id()));
		Set<Long> blocked = this.clearance.blocking(active);

		List<Uploaded> uploaded = new ArrayList<>(uploads.size());
		List<Passages.Row> rows = new ArrayList<>();
		Map<Upload, List<Runnable>> fevers = new java.util.LinkedHashMap<>();
		Map<UUID, Passages.Stored> recordedHere = new HashMap<>();
		for (int u = 0; u < uploads.size(); u++) {
			if (refused[u] != null) {
				uploaded.add(new Uploaded(null, refused[u]));
				continue;
			}
			Upload upload = uploads.get(u);
			ShouwangPrincipal caller = upload.caller();
			Checkpoint checkpoint = read.checkpoint(u);
			JurisdictionScope here = JurisdictionScope.of(checkpoint.path());
			List<Outcome> outcomes = new ArrayList<>(scansOf.get(u).size());
			for (Scan scan : scansOf.get(u)) {
				Passages.Stored stored = scan.id() == null ? null : read.stored(scan.id());
				if (stored == null && scan.id() != null) {
					stored = recordedHere.get(scan.id());
				}
				if (stored != null) {
					outcomes.add(stored.checkpointId() != checkpoint.id()
							? new Outcome(scan.id(), null, InvalidInputException.of("id", "passage.idUsedElsewhere"))
							: new Outcome(scan.id(), new PassageResult(stored.id(), Decision.valueOf(stored.decision()),
									stored.reason(), mask(stored.name()), true), null));
					continue;
				}
				if (!scan.errors().isEmpty()) {
					outcomes.add(new Outcome(scan.id(), null, scan.errors().toException()));
					continue;
				}
				Long personId = null;
				String name;
				UUID passId = scan.passId();
				Decided d;
				if (scan.hasPass()) {
					Pass pass = read.pass(passId);
					personId = pass == null ? null : pass.personId();
					name = pass == null ? null : pass.name();
					d = decidePass(checkpoint, scan.verified(), pass, scan.at(),
							pass == null ? Optional.empty() : Optional.ofNullable(people.get(pass.personId()))
								.filter(p -> here.contains(p.path())),
							blocked);
					if (pass == null) {
						passId = null; // not one of ours: the log keeps no dangling pass id
					}
				}
				else if (scan.hasIdNumber()) {
					Optional<RegistryFieldwork.PersonAtGate> person = Optional.ofNullable(typed.get(scan));
					personId = person.map(RegistryFieldwork.PersonAtGate::id).orElse(null);
					name = person.map(RegistryFieldwork.PersonAtGate::name).orElse(null);
					d = closed(checkpoint, scan.at());
					if (d == null) {
						d = person.isEmpty() ? new Decided(Decision.TURNED_BACK, "passage.reason.unknownPerson")
								: decidePerson(person, blocked);
					}
				}
				else {
					name = scan.details().name();
					d = decideVisitor(checkpoint, here.contains(hosts.get(scan.visitor().hostHouseholdId())), scan.at());
				}
				if (d == null) {
					d = temperature(scan.fever(), scan.secondReading());
				}
				String reason = text(d.key());
				VisitorDetails details = scan.details();
				rows.add(new Passages.Row(scan.id(), scan.at(), checkpoint, caller.userId(), scan.direction(), passId,
						personId, details == null ? null : details.name(),
						details == null ? null : this.cipher.encrypt(details.phone()),
						details == null ? null : details.reason(),
						scan.visitor() == null ? null : scan.visitor().hostHouseholdId(), scan.temperature(),
						d.decision().name(), reason, scan.plate()));
				recordedHere.put(scan.id(), new Passages.Stored(scan.id(), scan.at(), checkpoint.id(),
						d.decision().name(), reason, name));
				// a second high reading is reported whatever else turned the person back
				if (scan.fever() && scan.secondReading()) {
					Long who = personId;
					String whose = name;
					fevers.computeIfAbsent(upload, x -> new ArrayList<>())
						.add(() -> reportFever(caller, checkpoint, who, whose, scan.temperature()));
				}
				outcomes.add(new Outcome(scan.id(), new PassageResult(scan.id(), d.decision(), reason, mask(name), false),
						null));
			}
			uploaded.add(new Uploaded(outcomes, null));
		}
		this.passages.insertAll(rows);
		fevers.forEach((upload, reports) -> asCaller(upload.caller(), () -> reports.forEach(Runnable::run)));
		return uploaded;
	}

	/** Why an upload is refused as a whole (its checkpoint unseen, or its caller may not record), else null. */
	private static RuntimeException refusal(Upload upload, Checkpoint checkpoint) {
		if (checkpoint == null) {
			return new NotFoundException(CheckpointService.ENTITY, upload.checkpointId());
		}
		try {
			CheckpointPermissions.require(CheckpointPermissions.SEE, upload.caller());
			CheckpointPermissions.require(CheckpointPermissions.RECORD, upload.caller());
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/**
	 * Runs the work as the caller: a scan recorded together with others runs on a worker thread,
	 * and what it sets off (an alert, its audit row) must name the guard who scanned.
	 */
	private static void asCaller(ShouwangPrincipal caller, Runnable work) {
		SecurityContext before = SecurityContextHolder.getContext();
		if (before.getAuthentication() != null && before.getAuthentication().getPrincipal() == caller) {
			work.run();
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			work.run();
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

	/** A scan's input, checked without the database. */
	private record Scan(PassageInput input, InvalidInputException.Collector errors, Instant at, String direction,
			BigDecimal temperature, String plate, boolean hasPass, boolean hasIdNumber, PassSigner.Verified verified,
			Visitor visitor, VisitorDetails details, boolean fever, boolean secondReading) {

		UUID id() {
			return this.input.id();
		}

		UUID passId() {
			return this.verified == null || this.verified.pass() == null ? null : this.verified.pass().id();
		}

		/** The moment an earlier copy is looked for around (now when the scan's own is unusable). */
		Instant probeAt() {
			return this.at == null ? Instant.now() : this.at;
		}

		Passages.Probe probe() {
			return id() == null ? null : new Passages.Probe(id(), passId());
		}

	}

	private Scan parse(PassageInput in) {
		PassageInput input = in == null ? new PassageInput(null, null, null, null, null, null, null, null, null) : in;
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
		return new Scan(input, errors, at, direction, temperature, plate, hasPass, hasIdNumber, verified, visitor, details,
				this.health.isFever(temperature), Boolean.TRUE.equals(input.remeasure()));
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
	private Decided decidePass(Checkpoint checkpoint, PassSigner.Verified verified, Pass pass, Instant at,
			Optional<RegistryFieldwork.PersonAtGate> holder, Set<Long> blocked) {
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
		return decidePerson(holder, blocked);
	}

	/** A registered person's verdict (still registered here, and cleared by monitoring), or null to go on. */
	private static Decided decidePerson(Optional<RegistryFieldwork.PersonAtGate> person, Set<Long> blocked) {
		if (person.isEmpty() || person.get().status() != PersonStatus.ACTIVE) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.notRegistered");
		}
		if (blocked.contains(person.get().id())) {
			return new Decided(Decision.TURNED_BACK, "passage.reason.blocked");
		}
		return null;
	}

	private Decided decideVisitor(Checkpoint checkpoint, boolean hostHere, Instant at) {
		Decided closed = closed(checkpoint, at);
		if (closed != null) {
			return closed;
		}
		if (!hostHere) {
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
