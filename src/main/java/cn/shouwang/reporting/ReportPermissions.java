package cn.shouwang.reporting;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/** Who reads reports, who submits a community's, and who reopens and approves them from above. */
final class ReportPermissions {

	static final Set<Role> SEE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER);

	static final Set<Role> SUBMIT = EnumSet.of(Role.COMMUNITY_WORKER, Role.STREET_ADMIN, Role.DISTRICT_ADMIN);

	/** Reopen and approve: the street (or the district) over the community. */
	static final Set<Role> SUPERVISE = EnumSet.of(Role.STREET_ADMIN, Role.DISTRICT_ADMIN);

	private ReportPermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("reporting: role " + caller.role() + " may not do this");
		}
	}

}
