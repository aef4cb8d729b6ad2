package cn.shouwang.jurisdiction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PhoneNumbers;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.audit.SensitiveAccessLog;
import cn.shouwang.shared.crypto.BlindIndex;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tree and everything hanging on it, always seen from the caller's scope: a node outside it
 * does not exist for the caller (404). Changes need an administrator's role (403 otherwise).
 */
@Service
public class JurisdictionService {

	static final String ENTITY = "jurisdiction_node";

	private final JurisdictionNodes nodes;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final FieldCipher cipher;

	private final BlindIndex blindIndex;

	private final SensitiveAccessLog accessLog;

	JurisdictionService(JurisdictionNodes nodes, AuditTrail audit, ApplicationEventPublisher events,
			FieldCipher cipher, BlindIndex blindIndex, SensitiveAccessLog accessLog) {
		this.nodes = nodes;
		this.audit = audit;
		this.events = events;
		this.cipher = cipher;
		this.blindIndex = blindIndex;
		this.accessLog = accessLog;
	}

	public Node get(ShouwangPrincipal caller, long id) {
		return this.nodes.find(caller.scope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
	}

	/**
	 * The caller's scope, or narrowed to a node inside it for a list's filter; a node outside it is
	 * an error on the filter's field {@code nodeId}, not an empty list.
	 */
	public JurisdictionScope scopeFor(ShouwangPrincipal caller, Long nodeId) {
		if (nodeId == null) {
			return caller.scope();
		}
		return this.nodes.find(caller.scope(), nodeId)
			.map(n -> JurisdictionScope.of(n.path()))
			.orElseThrow(() -> InvalidInputException.of("nodeId", "validation.nodeNotInScope"));
	}

	/** A node by id regardless of scope: for binding users and tokens, never for showing. */
	public Optional<Node> findUnscoped(long id) {
		return this.nodes.findUnscoped(id);
	}

	public List<Node> children(ShouwangPrincipal caller, long id, boolean includeRetired) {
		get(caller, id);
		return this.nodes.children(id, includeRetired);
	}

	/** Every active community, grid and building below a node of the caller's jurisdiction. */
	public List<Node> descendants(ShouwangPrincipal caller, long id) {
		Node node = get(caller, id);
		return this.nodes.descendants(cn.shouwang.shared.JurisdictionScope.of(node.path()));
	}

	public List<Node> breadcrumb(ShouwangPrincipal caller, Node node) {
		return this.nodes.chain(caller.scope(), node.path());
	}

	public List<Node> search(ShouwangPrincipal caller, String text, Level level) {
		return this.nodes.search(caller.scope(), text, level, 50);
	}

	public boolean isEmpty() {
		return this.nodes.count() == 0;
	}

	@Transactional
	public Node createChild(ShouwangPrincipal caller, long parentId, String name, String code) {
		Node parent = get(caller, parentId);
		requireManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (parent.retired()) {
			errors.add("parentId", "jurisdiction.parentRetired");
		}
		Level level = parent.level().childLevel().orElse(null);
		if (level == null) {
			errors.add("parentId", "jurisdiction.noChildLevel");
		}
		String cleanName = checkName(errors, name);
		String cleanCode = checkCode(errors, code);
		if (!errors.has("name") && this.nodes.siblingNameTaken(parentId, cleanName, null)) {
			errors.add("name", "jurisdiction.nameTaken", cleanName);
		}
		errors.throwIfAny();
		long id = this.nodes.nextId();
		String path = parent.path() + id + "/";
		this.nodes.insert(id, parentId, level, cleanName, cleanCode, path);
		Node created = this.nodes.findUnscoped(id).orElseThrow();
		this.audit.record(ENTITY, id, Action.CREATE, path, null, created.auditValues());
		return created;
	}

	/** Creates the root of the tree; only the demo loader and first installation call this. */
	@Transactional
	public Node createRoot(String name, String code) {
		long id = this.nodes.nextId();
		String path = "/" + id + "/";
		this.nodes.insert(id, null, Level.DISTRICT, name, code, path);
		Node created = this.nodes.findUnscoped(id).orElseThrow();
		this.audit.record(ENTITY, id, Action.CREATE, path, null, created.auditValues());
		return created;
	}

	@Transactional
	public Node rename(ShouwangPrincipal caller, long id, String name, String code, Integer version) {
		Node before = get(caller, id);
		requireManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String cleanName = checkName(errors, name);
		String cleanCode = checkCode(errors, code);
		if (!errors.has("name") && this.nodes.siblingNameTaken(before.parentId(), cleanName, id)) {
			errors.add("name", "jurisdiction.nameTaken", cleanName);
		}
		errors.throwIfAny();
		int expected = version == null ? before.version() : version;
		if (this.nodes.rename(id, expected, cleanName, cleanCode) == 0) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		Node after = this.nodes.findUnscoped(id).orElseThrow();
		this.audit.record(ENTITY, id, Action.UPDATE, after.path(), before.auditValues(), after.auditValues());
		return after;
	}

	@Transactional
	public Node move(ShouwangPrincipal caller, long id, long newParentId) {
		Node node = get(caller, id);
		Node newParent = get(caller, newParentId);
		requireManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (node.path().equals(caller.nodePath())) {
			errors.add("id", "jurisdiction.cannotMoveOwnRoot");
		}
		if (newParent.path().startsWith(node.path())) {
			errors.add("parentId", "jurisdiction.moveIntoItself");
		}
		else if (newParent.level().childLevel().orElse(null) != node.level()) {
			errors.add("parentId", "jurisdiction.moveWrongLevel");
		}
		if (newParent.retired()) {
			errors.add("parentId", "jurisdiction.parentRetired");
		}
		if (this.nodes.siblingNameTaken(newParentId, node.name(), id)) {
			errors.add("parentId", "jurisdiction.nameTaken", node.name());
		}
		errors.throwIfAny();
		if (newParentId == node.parentId()) {
			return node;
		}
		String newPath = newParent.path() + id + "/";
		this.nodes.movePaths(node.path(), newPath, id, newParentId);
		this.events.publishEvent(new JurisdictionMoved(id, node.path(), newPath));
		Node after = this.nodes.findUnscoped(id).orElseThrow();
		this.audit.record(ENTITY, id, Action.MOVE, newPath, node.auditValues(), after.auditValues());
		return after;
	}

	@Transactional
	public Node retire(ShouwangPrincipal caller, long id) {
		Node node = get(caller, id);
		requireManager(caller);
		if (node.path().equals(caller.nodePath())) {
			throw InvalidInputException.of("id", "jurisdiction.cannotRetireOwnRoot");
		}
		if (node.activeChildren() > 0) {
			throw InvalidInputException.of("id", "jurisdiction.hasActiveChildren", node.activeChildren());
		}
		this.nodes.setRetired(id, true);
		Node after = this.nodes.findUnscoped(id).orElseThrow();
		this.audit.record(ENTITY, id, Action.RETIRE, node.path(), node.auditValues(), after.auditValues());
		return after;
	}

	@Transactional
	public Node restore(ShouwangPrincipal caller, long id) {
		Node node = get(caller, id);
		requireManager(caller);
		if (this.nodes.siblingNameTaken(node.parentId(), node.name(), id)) {
			throw InvalidInputException.of("name", "jurisdiction.nameTaken", node.name());
		}
		this.nodes.setRetired(id, false);
		Node after = this.nodes.findUnscoped(id).orElseThrow();
		this.audit.record(ENTITY, id, Action.RESTORE, node.path(), node.auditValues(), after.auditValues());
		return after;
	}

	public List<Unit> units(ShouwangPrincipal caller, long communityId) {
		get(caller, communityId);
		return this.nodes.units(communityId);
	}

	@Transactional
	public Unit addUnit(ShouwangPrincipal caller, long communityId, UnitKind kind, String name, String address) {
		Node community = get(caller, communityId);
		requireManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (community.level() != Level.COMMUNITY) {
			errors.add("communityId", "jurisdiction.unitNeedsCommunity");
		}
		if (kind == null) {
			errors.add("kind", "validation.required");
		}
		String cleanName = checkName(errors, name);
		String cleanAddress = address == null || address.isBlank() ? null : address.trim();
		if (cleanAddress != null && cleanAddress.length() > 200) {
			errors.add("address", "validation.tooLong", 200);
		}
		errors.throwIfAny();
		long id = this.nodes.insertUnit(communityId, kind, cleanName, cleanAddress, community.path());
		this.audit.record("jurisdiction_unit", id, Action.CREATE, community.path(), null,
				Map.of("communityId", communityId, "kind", kind, "name", cleanName));
		return new Unit(id, communityId, kind, cleanName, cleanAddress);
	}

	public List<Responsibility> responsibilities(ShouwangPrincipal caller, long nodeId) {
		get(caller, nodeId);
		return this.nodes.responsibilities(nodeId).stream().map(this::view).toList();
	}

	@Transactional
	public Responsibility addResponsibility(ShouwangPrincipal caller, long nodeId, Duty duty, String personName,
			String position, String phone) {
		Node node = get(caller, nodeId);
		requireManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (duty == null) {
			errors.add("duty", "validation.required");
		}
		String name = personName == null ? "" : personName.trim();
		if (name.isEmpty()) {
			errors.add("personName", "validation.required");
		}
		else if (name.length() > 50) {
			errors.add("personName", "validation.tooLong", 50);
		}
		String cleanPosition = position == null || position.isBlank() ? null : position.trim();
		if (cleanPosition != null && cleanPosition.length() > 50) {
			errors.add("position", "validation.tooLong", 50);
		}
		String cleanPhone = null;
		if (phone != null && !phone.isBlank()) {
			cleanPhone = PhoneNumbers.normalise(phone);
			if (cleanPhone == null) {
				errors.add("phone", "validation.phone");
			}
		}
		errors.throwIfAny();
		long id = this.nodes.insertResponsibility(nodeId, duty, name, cleanPosition, this.cipher.encrypt(cleanPhone),
				cleanPhone == null ? null : this.blindIndex.phone(cleanPhone), node.path());
		Map<String, Object> after = new java.util.LinkedHashMap<>();
		after.put("nodeId", nodeId);
		after.put("duty", duty);
		after.put("personName", name);
		after.put("position", cleanPosition);
		after.put("phone", cleanPhone);
		this.audit.record("jurisdiction_responsibility", id, Action.CREATE, node.path(), null, after);
		return new Responsibility(id, nodeId, duty, name, cleanPosition, Masking.phone(cleanPhone));
	}

	@Transactional
	public void removeResponsibility(ShouwangPrincipal caller, long responsibilityId) {
		JurisdictionNodes.StoredResponsibility r = this.nodes.responsibility(caller.scope(), responsibilityId)
			.orElseThrow(() -> new NotFoundException("jurisdiction_responsibility", responsibilityId));
		requireManager(caller);
		this.nodes.deleteResponsibility(responsibilityId);
		this.audit.record("jurisdiction_responsibility", responsibilityId, Action.DELETE, r.path(),
				Map.of("nodeId", r.nodeId(), "duty", r.duty(), "personName", r.personName()), null);
	}

	/** The full phone of a responsible person; the view is written to the access log. */
	@Transactional
	public String revealResponsibilityPhone(ShouwangPrincipal caller, long responsibilityId) {
		JurisdictionNodes.StoredResponsibility r = this.nodes.responsibility(caller.scope(), responsibilityId)
			.orElseThrow(() -> new NotFoundException("jurisdiction_responsibility", responsibilityId));
		String phone = this.cipher.decrypt(r.phoneEnc());
		if (phone != null) {
			this.accessLog.fullValueViewed(caller, "jurisdiction_responsibility", responsibilityId, "phone", r.path());
		}
		return phone;
	}

	private Responsibility view(JurisdictionNodes.StoredResponsibility r) {
		return new Responsibility(r.id(), r.nodeId(), r.duty(), r.personName(), r.position(),
				Masking.phone(this.cipher.decrypt(r.phoneEnc())));
	}

	static void requireManager(ShouwangPrincipal caller) {
		if (!caller.role().managesUsers()) {
			throw new AccessDeniedException("jurisdiction changes need an administrator");
		}
	}

	static String checkName(InvalidInputException.Collector errors, String name) {
		String clean = name == null ? "" : name.strip();
		if (clean.isEmpty()) {
			errors.add("name", "validation.required");
		}
		else if (clean.length() > 100) {
			errors.add("name", "validation.tooLong", 100);
		}
		else if (clean.chars().anyMatch(Character::isISOControl) || clean.contains("/")) {
			errors.add("name", "validation.badCharacters");
		}
		return clean;
	}

	static String checkCode(InvalidInputException.Collector errors, String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		String clean = code.trim();
		if (!clean.matches("[A-Za-z0-9_-]{1,30}")) {
			errors.add("code", "jurisdiction.badCode");
		}
		return clean;
	}

	/** For bulk creation (tree import, demo data) inside an existing transaction. */
	List<Node> childrenUnscoped(long parentId) {
		return new ArrayList<>(this.nodes.children(parentId, false));
	}

}
