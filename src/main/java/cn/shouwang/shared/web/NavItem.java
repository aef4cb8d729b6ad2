package cn.shouwang.shared.web;

import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.Role;

/**
 * An entry of the main navigation. Each module declares its own as beans; the layout shows the
 * ones the current role may use. Hiding a link is only comfort: the endpoints check for themselves.
 */
public record NavItem(String messageKey, String href, int order, Set<Role> roles) {

	public static NavItem forAll(String messageKey, String href, int order) {
		return new NavItem(messageKey, href, order, EnumSet.allOf(Role.class));
	}

	public static NavItem forRoles(String messageKey, String href, int order, Role first, Role... rest) {
		return new NavItem(messageKey, href, order, EnumSet.of(first, rest));
	}

	public static NavItem forAdmins(String messageKey, String href, int order) {
		return forRoles(messageKey, href, order, Role.DISTRICT_ADMIN, Role.STREET_ADMIN, Role.COMMUNITY_WORKER);
	}

}
