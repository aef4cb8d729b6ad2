package cn.shouwang.checkpoint;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/** Who sets up checkpoints and rosters, and who sees them. */
final class CheckpointPermissions {

	static final Set<Role> MANAGE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER);

	static final Set<Role> SEE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.POLICE, Role.CHECKPOINT_GUARD);

	/** Who issues, revokes and prints passes: those who keep the registry of the people. */
	static final Set<Role> ISSUE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER);

	/** Who records passages at a gate: the guards, and those who run the checkpoints. */
	static final Set<Role> RECORD = EnumSet.of(Role.CHECKPOINT_GUARD, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
			Role.COMMUNITY_WORKER);

	private CheckpointPermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("checkpoint: role " + caller.role() + " may not do this");
		}
	}

}
