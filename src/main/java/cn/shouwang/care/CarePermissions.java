package cn.shouwang.care;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/**
 * Who works on care: the workers who know the households (they enter, assign, cancel and record
 * feedback), and volunteers, who see and complete only the tasks assigned to them.
 */
final class CarePermissions {

	static final Set<Role> STAFF = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);

	static final Set<Role> DO_TASKS = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE, Role.VOLUNTEER);

	private CarePermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("care: role " + caller.role() + " may not do this");
		}
	}

}
