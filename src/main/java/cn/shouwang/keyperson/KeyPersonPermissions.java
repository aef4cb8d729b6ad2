package cn.shouwang.keyperson;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/** Who works with key persons: those who find, call and visit them, and their administrators. */
final class KeyPersonPermissions {

	static final Set<Role> READ = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.MEDICAL_WORKER, Role.POLICE);

	static final Set<Role> WRITE = READ;

	static final Set<Role> ADMIN = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN);

	static final Set<Role> LISTS = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER);

	private KeyPersonPermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("keyperson: role " + caller.role() + " may not do this");
		}
	}

}
