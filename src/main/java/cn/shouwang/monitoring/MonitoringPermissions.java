package cn.shouwang.monitoring;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/** Who runs measures and checks: the 4+N roles and their administrators. */
final class MonitoringPermissions {

	static final Set<Role> WORK = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);

	private MonitoringPermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("monitoring: role " + caller.role() + " may not do this");
		}
	}

}
