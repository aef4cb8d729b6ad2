package cn.shouwang.identity;

import java.util.List;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing users: an administrator sees users bound inside their scope and may create or change
 * only users whose role ranks no higher than their own, bound to nodes inside their scope.
 */
@Service
public class UserService {

	static final String ENTITY = "app_user";

	public record NewUser(String username, String displayName, Role role, Long nodeId, String initialPassword) {
	}

	public record UserChange(String displayName, Role role, Long nodeId, Boolean enabled, Integer version) {
	}

	private final UserAccounts users;

	private final JurisdictionService jurisdictions;

	private final PasswordEncoder encoder;

	private final AuditTrail audit;

	UserService(UserAccounts users, JurisdictionService jurisdictions, PasswordEncoder encoder, AuditTrail audit) {
		this.users = users;
		this.jurisdictions = jurisdictions;
		this.encoder = encoder;
		this.audit = audit;
	}

	public PageResult<UserAccount> search(ShouwangPrincipal caller, String text, Role role, PageQuery page) {
		requireUserManager(caller);
		return this.users.search(caller.scope(), text, role, page);
	}

	/** A colleague one may name as responsible or put on a team. */
	public record Colleague(long id, String displayName, Role role, String nodeName, String nodePath) {
	}

	/**
	 * Enabled users of the caller's jurisdiction, for pickers: anyone who assigns work may see who
	 * there is to assign it to, without managing accounts.
	 */
	public List<Colleague> colleagues(ShouwangPrincipal caller, String text, int limit) {
		return this.users.search(caller.scope(), text, null, PageQuery.of(0, Math.min(limit, PageQuery.MAX_SIZE)))
			.items()
			.stream()
			.filter(UserAccount::enabled)
			.map(u -> new Colleague(u.id(), u.displayName(), u.role(), u.nodeName(), u.nodePath()))
			.toList();
	}

	public java.util.Optional<Colleague> colleague(ShouwangPrincipal caller, long id) {
		return this.users.find(caller.scope(), id)
			.filter(UserAccount::enabled)
			.map(u -> new Colleague(u.id(), u.displayName(), u.role(), u.nodeName(), u.nodePath()));
	}

	/** Enabled users bound to exactly this node in one of these roles: whom to tell about work at that level. */
	public List<Long> enabledAt(long nodeId, java.util.Collection<Role> roles) {
		return this.users.enabledAt(nodeId, roles);
	}

	/**
	 * Enabled users of a role whose jurisdiction covers a place (a household's path): bound to its
	 * building, grid, community, street or district. Nearest first. Those are the people who may
	 * be sent there, e.g. the volunteers a service request can be assigned to.
	 */
	public List<Colleague> covering(String path, Role role) {
		return this.users.covering(path, role, null)
			.stream()
			.map(u -> new Colleague(u.id(), u.displayName(), u.role(), u.nodeName(), u.nodePath()))
			.toList();
	}

	/** One user of {@link #covering(String, Role)}, if this id is one of them. */
	public java.util.Optional<Colleague> covering(long id, String path, Role role) {
		return this.users.covering(path, role, id)
			.stream()
			.findFirst()
			.map(u -> new Colleague(u.id(), u.displayName(), u.role(), u.nodeName(), u.nodePath()));
	}

	/** The name to show for a user who did something (a team member, a caller): no scope, names only. */
	public String displayNameOf(long id) {
		return this.users.displayName(id).orElse("#" + id);
	}

	/** Scope first, then role: a user outside the caller's jurisdiction is 404 for everyone. */
	public UserAccount get(ShouwangPrincipal caller, long id) {
		UserAccount user = this.users.find(caller.scope(), id).orElseThrow(() -> new NotFoundException(ENTITY, id));
		requireUserManager(caller);
		return user;
	}

	@Transactional
	public UserAccount create(ShouwangPrincipal caller, NewUser cmd) {
		requireUserManager(caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String username = cmd.username() == null ? "" : cmd.username().trim().toLowerCase(java.util.Locale.ROOT);
		if (!username.matches("[a-z0-9_.-]{3,40}")) {
			errors.add("username", "user.badUsername");
		}
		else if (this.users.usernameTaken(username)) {
			errors.add("username", "user.usernameTaken", username);
		}
		String displayName = checkDisplayName(errors, cmd.displayName());
		checkRole(errors, caller, cmd.role());
		Node node = checkNode(errors, caller, cmd.nodeId());
		if (!errors.has("username")) {
			try {
				PasswordPolicy.check("initialPassword", cmd.initialPassword(), username);
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach(e -> errors.add(e.field(), e.code(), e.args()));
			}
		}
		errors.throwIfAny();
		long id = this.users.insert(username, displayName, this.encoder.encode(cmd.initialPassword()), cmd.role(),
				node.id(), true);
		UserAccount created = this.users.find(caller.scope(), id).orElseThrow();
		this.audit.record(ENTITY, id, Action.CREATE, node.path(), null, created.auditValues());
		return created;
	}

	@Transactional
	public UserAccount update(ShouwangPrincipal caller, long id, UserChange cmd) {
		UserAccount before = get(caller, id);
		requireMayManage(caller, before);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String displayName = cmd.displayName() == null ? before.displayName() : checkDisplayName(errors, cmd.displayName());
		Role role = cmd.role() == null ? before.role() : cmd.role();
		checkRole(errors, caller, role);
		Node node = checkNode(errors, caller, cmd.nodeId() == null ? before.nodeId() : cmd.nodeId());
		boolean enabled = cmd.enabled() == null ? before.enabled() : cmd.enabled();
		if (caller.userId() != null && before.id() == caller.userId() && (!enabled || role != before.role())) {
			errors.add("role", "user.cannotDemoteSelf");
		}
		errors.throwIfAny();
		int version = cmd.version() == null ? before.version() : cmd.version();
		if (this.users.update(id, version, displayName, role, node.id(), enabled) == 0) {
			throw InvalidInputException.of("version", "validation.staleVersion");
		}
		UserAccount after = this.users.find(caller.scope(), id).orElseThrow();
		this.audit.record(ENTITY, id, Action.UPDATE, node.path(), before.auditValues(), after.auditValues());
		return after;
	}

	/** Sets a new initial password that the user must change at the next login, and unlocks. */
	@Transactional
	public void resetPassword(ShouwangPrincipal caller, long id, String newPassword) {
		UserAccount user = get(caller, id);
		requireMayManage(caller, user);
		PasswordPolicy.check("newPassword", newPassword, user.username());
		this.users.setPassword(id, this.encoder.encode(newPassword), true);
		this.users.revokeSessionTokens(id);
		this.audit.record(ENTITY, id, Action.PASSWORD_CHANGE, user.nodePath(), null,
				java.util.Map.of("reset", true, "mustChangePassword", true));
	}

	@Transactional
	public void unlock(ShouwangPrincipal caller, long id) {
		UserAccount user = get(caller, id);
		requireMayManage(caller, user);
		this.users.unlock(id);
		this.audit.record(ENTITY, id, Action.UPDATE, user.nodePath(), java.util.Map.of("lockedUntil",
				String.valueOf(user.lockedUntil())), java.util.Map.of("lockedUntil", "none"));
	}

	/** The signed-in user changes their own password (needed after an initial password). */
	@Transactional
	public void changeOwnPassword(ShouwangPrincipal caller, String current, String newPassword, String confirm) {
		if (caller.userId() == null) {
			throw new AccessDeniedException("integration tokens have no password");
		}
		if (current == null || !this.encoder.matches(current, this.users.passwordHash(caller.userId()))) {
			throw InvalidInputException.of("currentPassword", "password.currentWrong");
		}
		PasswordPolicy.check("newPassword", newPassword, caller.getUsername());
		if (!newPassword.equals(confirm)) {
			throw InvalidInputException.of("confirmPassword", "password.mismatch");
		}
		if (newPassword.equals(current)) {
			throw InvalidInputException.of("newPassword", "password.same");
		}
		this.users.setPassword(caller.userId(), this.encoder.encode(newPassword), false);
		this.audit.record(ENTITY, caller.userId(), Action.PASSWORD_CHANGE, caller.nodePath(), null,
				java.util.Map.of("mustChangePassword", false));
	}

	/** Creates a user without a caller (demo data, first installation). */
	@Transactional
	public long createSystemUser(String username, String displayName, Role role, long nodeId, String passwordHash,
			boolean mustChange) {
		long id = this.users.insert(username, displayName, passwordHash, role, nodeId, mustChange);
		Node node = this.jurisdictions.findUnscoped(nodeId).orElseThrow();
		this.audit.recordAs(null, "system", ENTITY, id, Action.CREATE, node.path(), null,
				java.util.Map.of("username", username, "role", role, "nodeId", nodeId));
		return id;
	}

	public boolean noUsers() {
		return this.users.count() == 0;
	}

	public List<Role> assignableRoles(ShouwangPrincipal caller) {
		requireUserManager(caller);
		return caller.role().assignableRoles();
	}

	static void requireUserManager(ShouwangPrincipal caller) {
		if (!caller.role().managesUsers()) {
			throw new AccessDeniedException("user management needs an administrator");
		}
	}

	private static void requireMayManage(ShouwangPrincipal caller, UserAccount target) {
		if (!caller.role().mayAssign(target.role())) {
			throw new AccessDeniedException("target user ranks above the caller");
		}
	}

	private static void checkRole(InvalidInputException.Collector errors, ShouwangPrincipal caller, Role role) {
		if (role == null) {
			errors.add("role", "validation.required");
		}
		else if (!caller.role().mayAssign(role)) {
			errors.add("role", "user.roleAboveOwn");
		}
	}

	private Node checkNode(InvalidInputException.Collector errors, ShouwangPrincipal caller, Long nodeId) {
		if (nodeId == null) {
			errors.add("nodeId", "validation.required");
			return null;
		}
		try {
			Node node = this.jurisdictions.get(caller, nodeId);
			if (node.retired()) {
				errors.add("nodeId", "jurisdiction.parentRetired");
			}
			return node;
		}
		catch (NotFoundException ex) {
			errors.add("nodeId", "validation.nodeNotInScope");
			return null;
		}
	}

	private static String checkDisplayName(InvalidInputException.Collector errors, String displayName) {
		String clean = displayName == null ? "" : displayName.strip();
		if (clean.isEmpty()) {
			errors.add("displayName", "validation.required");
		}
		else if (clean.length() > 50) {
			errors.add("displayName", "validation.tooLong", 50);
		}
		return clean;
	}

}
