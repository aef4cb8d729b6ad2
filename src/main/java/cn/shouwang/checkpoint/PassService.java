package cn.shouwang.checkpoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.PersonStatus;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.crypto.PassSigner;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passes (出入证): issued per registered person in the caller's jurisdiction with an expiry day,
 * one valid pass per person (a new one replaces the old), revoked with a reason; the QR code is
 * the {@link PassSigner} code, so a guard's device verifies it offline. Cards print for a
 * household, a building or a grid.
 */
@Service
public class PassService {

	static final String ENTITY = "pass";

	/** The longest a pass may run. */
	static final int MAX_DAYS = 366;

	public record IssueInput(String expiresOn) {
	}

	public record RevokeInput(String reason) {
	}

	/** A pass with the code its QR carries. */
	public record IssuedPass(Pass pass, String code) {
	}

	/** What a card shows. */
	public record Card(String name, String maskedIdNumber, String address, LocalDate validUntil, String code) {
	}

	/** A household with each member's passes, newest first. */
	public record HouseholdPasses(RegistryFieldwork.HouseholdAtDoor household, Map<Long, List<IssuedPass>> byPerson) {
	}

	/** A revoked pass as a device keeps it. */
	public record Revocation(UUID id, Instant revokedAt) {
	}

	public record Revocations(Instant asOf, List<Revocation> revoked) {
	}

	public record PublicKey(String algorithm, String format, String key) {
	}

	private final Passes passes;

	private final RegistryFieldwork registry;

	private final JurisdictionService jurisdictions;

	private final CheckpointService checkpoints;

	private final PassSigner signer;

	private final AuditTrail audit;

	private final ZoneId zone;

	PassService(Passes passes, RegistryFieldwork registry, JurisdictionService jurisdictions,
			CheckpointService checkpoints, PassSigner signer, AuditTrail audit,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.passes = passes;
		this.registry = registry;
		this.jurisdictions = jurisdictions;
		this.checkpoints = checkpoints;
		this.signer = signer;
		this.audit = audit;
		this.zone = ZoneId.of(zone);
	}

	public ZoneId zone() {
		return this.zone;
	}

	@Transactional
	public IssuedPass issue(ShouwangPrincipal caller, long personId, IssueInput in) {
		RegistryFieldwork.PersonRef person = this.registry.person(caller, personId)
			.orElseThrow(() -> new NotFoundException("person", personId));
		CheckpointPermissions.require(CheckpointPermissions.ISSUE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate until = errors.date("expiresOn", in == null ? null : in.expiresOn());
		LocalDate today = LocalDate.now(this.zone);
		if (until == null && !errors.has("expiresOn")) {
			errors.add("expiresOn", "validation.required");
		}
		else if (until != null && until.isBefore(today)) {
			errors.add("expiresOn", "pass.expiresInPast");
		}
		else if (until != null && until.isAfter(today.plusDays(MAX_DAYS))) {
			errors.add("expiresOn", "pass.expiresTooLate", MAX_DAYS);
		}
		if (person.status() != PersonStatus.ACTIVE) {
			errors.add("personId", "pass.personNotActive");
		}
		errors.throwIfAny();
		Instant expires = until.plusDays(1).atStartOfDay(this.zone).toInstant();
		for (UUID old : this.passes.revokeValidOf(personId, "换发新证", caller.getUsername())) {
			this.audit.record(ENTITY, old, Action.UPDATE, person.path(), Map.of("status", "VALID"),
					Map.of("status", "REVOKED", "reason", "换发新证"));
		}
		UUID id = UUID.randomUUID();
		this.passes.insert(id, personId, person.householdId(), person.path(), person.name(), expires, caller.getUsername());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("personId", personId);
		after.put("name", person.name());
		after.put("expiresOn", until);
		this.audit.record(ENTITY, id, Action.CREATE, person.path(), null, after);
		Pass pass = this.passes.find(id).orElseThrow();
		return new IssuedPass(pass, code(pass));
	}

	@Transactional
	public Pass revoke(ShouwangPrincipal caller, UUID passId, RevokeInput in) {
		Pass pass = this.passes.find(caller.scope(), passId).orElseThrow(() -> new NotFoundException(ENTITY, passId));
		this.registry.person(caller, pass.personId()).orElseThrow(() -> new NotFoundException(ENTITY, passId));
		CheckpointPermissions.require(CheckpointPermissions.ISSUE, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String reason = errors.text("reason", in == null ? null : in.reason(), 200);
		if (reason == null && !errors.has("reason")) {
			errors.add("reason", "validation.required");
		}
		errors.throwIfAny();
		if (!this.passes.revoke(passId, reason, caller.getUsername())) {
			throw InvalidInputException.of("reason", "pass.alreadyRevoked");
		}
		this.audit.record(ENTITY, passId, Action.UPDATE, pass.path(), Map.of("status", pass.getStatus()),
				Map.of("status", "REVOKED", "reason", reason));
		return this.passes.find(passId).orElseThrow();
	}

	public List<IssuedPass> ofPerson(ShouwangPrincipal caller, long personId) {
		this.registry.person(caller, personId).orElseThrow(() -> new NotFoundException("person", personId));
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		return this.passes.ofPerson(personId).stream().map(p -> new IssuedPass(p, code(p))).toList();
	}

	public List<IssuedPass> ofHousehold(ShouwangPrincipal caller, long householdId) {
		this.registry.household(caller, householdId).orElseThrow(() -> new NotFoundException("household", householdId));
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		return this.passes.ofHouseholds(List.of(householdId), false).stream().map(p -> new IssuedPass(p, code(p))).toList();
	}

	public HouseholdPasses household(ShouwangPrincipal caller, long householdId) {
		RegistryFieldwork.HouseholdAtDoor h = this.registry.household(caller, householdId)
			.orElseThrow(() -> new NotFoundException("household", householdId));
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		Map<Long, List<IssuedPass>> byPerson = new LinkedHashMap<>();
		h.members().forEach(m -> byPerson.put(m.id(), new ArrayList<>()));
		for (Pass p : this.passes.ofHouseholds(List.of(householdId), false)) {
			byPerson.computeIfAbsent(p.personId(), k -> new ArrayList<>()).add(new IssuedPass(p, code(p)));
		}
		return new HouseholdPasses(h, byPerson);
	}

	/** The newest passes of the caller's jurisdiction. */
	public List<Pass> recent(ShouwangPrincipal caller) {
		CheckpointPermissions.require(CheckpointPermissions.SEE, caller);
		return this.passes.inScope(caller.scope(), false, 100);
	}

	/** The passes of a checkpoint's jurisdiction (the newest 500), valid only if asked. */
	public List<Pass> ofCheckpoint(ShouwangPrincipal caller, long checkpointId, boolean validOnly) {
		Checkpoint c = this.checkpoints.get(caller, checkpointId);
		return this.passes.inScope(cn.shouwang.shared.JurisdictionScope.of(c.path()), validOnly, 500);
	}

	/** A resident's own household's valid passes, each with its code, for the gate. */
	public List<IssuedPass> own(ShouwangPrincipal caller) {
		return this.registry.residentHousehold(caller)
			.map(h -> this.passes.ofHouseholds(List.of(h.id()), true).stream().map(p -> new IssuedPass(p, code(p))).toList())
			.orElse(List.of());
	}

	/** Revoked passes a device at this checkpoint must refuse offline (those not yet expired anyway). */
	public Revocations revocations(ShouwangPrincipal caller, long checkpointId, Instant since) {
		Checkpoint c = this.checkpoints.get(caller, checkpointId);
		CheckpointPermissions.require(CheckpointPermissions.RECORD, caller);
		Instant asOf = Instant.now();
		List<Revocation> list = this.passes.revokedSince(cn.shouwang.shared.JurisdictionScope.of(c.path()),
				since == null ? Instant.EPOCH : since).stream().map(p -> new Revocation(p.id(), p.revokedAt())).toList();
		return new Revocations(asOf, list);
	}

	public PublicKey publicKey() {
		return new PublicKey("Ed25519", "raw-base64url", this.signer.publicKey());
	}

	public String code(Pass pass) {
		return this.signer.sign(pass.id(), pass.expiresAt());
	}

	/**
	 * The cards of the valid passes of one household, or of every household of a building or a
	 * grid, in address order.
	 */
	public List<Card> cards(ShouwangPrincipal caller, Long householdId, Long nodeId) {
		List<RegistryFieldwork.HouseholdAtDoor> households;
		if (householdId != null) {
			households = List.of(this.registry.household(caller, householdId)
				.orElseThrow(() -> new NotFoundException("household", householdId)));
		}
		else if (nodeId != null) {
			Node node = this.jurisdictions.get(caller, nodeId);
			if (node.level() == Level.GRID) {
				households = this.registry.households(caller, List.of(node.id()));
			}
			else if (node.level() == Level.BUILDING && node.parentId() != null) {
				households = this.registry.households(caller, List.of(node.parentId()))
					.stream()
					.filter(h -> Long.valueOf(node.id()).equals(h.buildingId()))
					.toList();
			}
			else {
				throw InvalidInputException.of("nodeId", "pass.cardsScope");
			}
		}
		else {
			throw InvalidInputException.of("householdId", "pass.cardsScope");
		}
		CheckpointPermissions.require(CheckpointPermissions.ISSUE, caller);
		Map<Long, RegistryFieldwork.HouseholdAtDoor> byId = new LinkedHashMap<>();
		Map<Long, PersonRow> people = new LinkedHashMap<>();
		households.forEach(h -> {
			byId.put(h.id(), h);
			h.members().forEach(m -> people.put(m.id(), m));
		});
		Map<Long, List<Pass>> passesByHousehold = new LinkedHashMap<>();
		for (Pass p : this.passes.ofHouseholds(byId.keySet(), true)) {
			passesByHousehold.computeIfAbsent(p.householdId(), k -> new ArrayList<>()).add(p);
		}
		List<Card> cards = new ArrayList<>();
		for (RegistryFieldwork.HouseholdAtDoor h : byId.values()) {
			for (Pass p : passesByHousehold.getOrDefault(h.id(), List.of())) {
				PersonRow person = people.get(p.personId());
				if (person == null) {
					continue; // moved out since: no card
				}
				cards.add(new Card(person.name(), person.maskedIdNumber(), h.address(),
						p.expiresAt().minusSeconds(1).atZone(this.zone).toLocalDate(), code(p)));
			}
		}
		return cards;
	}

}
