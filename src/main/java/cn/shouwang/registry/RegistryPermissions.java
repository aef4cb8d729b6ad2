package cn.shouwang.registry;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what with personal data (PIPL: the minimum necessary). Full ID numbers and phones
 * only for those who call or visit people; everyone else sees them masked.
 */
final class RegistryPermissions {

	static final Set<Role> READ = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE, Role.RESIDENT);

	static final Set<Role> WRITE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER);

	static final Set<Role> FULL_VALUES = EnumSet.of(Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.MEDICAL_WORKER,
			Role.POLICE, Role.RESIDENT);

	static final Set<Role> BULK = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER);

	static final Set<Role> RETENTION = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN);

	private RegistryPermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("registry: role " + caller.role() + " may not do this");
		}
	}

	static boolean may(Set<Role> allowed, ShouwangPrincipal caller) {
		return allowed.contains(caller.role());
	}

}
