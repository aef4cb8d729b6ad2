package cn.shouwang.survey;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.security.access.AccessDeniedException;

/**
 * Who organises rounds and who knocks. Grid workers and the cadres above them may record a
 * visit anywhere in their jurisdiction; volunteers, medical staff and police only for the grids
 * of a team they are on.
 */
final class SurveyPermissions {

	static final Set<Role> ORGANISE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER);

	static final Set<Role> KNOCK_ANYWHERE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER);

	static final Set<Role> TEAM_MEMBERS = EnumSet.of(Role.COMMUNITY_WORKER, Role.GRID_WORKER, Role.VOLUNTEER,
			Role.MEDICAL_WORKER, Role.POLICE);

	static final Set<Role> SEE = EnumSet.of(Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER,
			Role.GRID_WORKER, Role.VOLUNTEER, Role.MEDICAL_WORKER, Role.POLICE);

	private SurveyPermissions() {
	}

	static void require(Set<Role> allowed, ShouwangPrincipal caller) {
		if (!allowed.contains(caller.role())) {
			throw new AccessDeniedException("survey: role " + caller.role() + " may not do this");
		}
	}

}
