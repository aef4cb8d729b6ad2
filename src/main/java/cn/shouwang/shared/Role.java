package cn.shouwang.shared;

import java.util.Arrays;
import java.util.List;

/**
 * The roles of the people who use Shouwang. The rank orders authority: an administrator may
 * create or manage only users whose role ranks no higher than their own.
 */
public enum Role {

	DISTRICT_ADMIN(100, true), STREET_ADMIN(80, true), COMMUNITY_WORKER(60, true), GRID_WORKER(40, false),
	MEDICAL_WORKER(40, false), POLICE(40, false), UNIT_HEALTH_OFFICER(30, false), CHECKPOINT_GUARD(20, false),
	VOLUNTEER(20, false), RESIDENT(10, false);

	private final int rank;

	private final boolean managesUsers;

	Role(int rank, boolean managesUsers) {
		this.rank = rank;
		this.managesUsers = managesUsers;
	}

	public int rank() {
		return this.rank;
	}

	public boolean managesUsers() {
		return this.managesUsers;
	}

	/** Whether someone with this role may create or manage a user with {@code other}. */
	public boolean mayAssign(Role other) {
		return this.managesUsers && other.rank <= this.rank;
	}

	public List<Role> assignableRoles() {
		return Arrays.stream(values()).filter(this::mayAssign).toList();
	}

	public String authority() {
		return "ROLE_" + name();
	}

	public String messageKey() {
		return "role." + name();
	}

}
