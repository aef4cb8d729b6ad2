package cn.shouwang.shared;

import java.io.Serial;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is acting: a signed-in user or an integration token. Carries the node the caller is bound
 * to, from which every scoped query takes its {@link JurisdictionScope}.
 */
public final class ShouwangPrincipal implements UserDetails, CredentialsContainer {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Long userId;

	private final String username;

	private final String displayName;

	private final Role role;

	private final long nodeId;

	private final String nodePath;

	private final String nodeName;

	private final boolean mustChangePassword;

	private final boolean locked;

	private final boolean enabled;

	private String passwordHash;

	public ShouwangPrincipal(Long userId, String username, String displayName, Role role, long nodeId, String nodePath,
			String nodeName, boolean mustChangePassword, boolean locked, boolean enabled, String passwordHash) {
		this.userId = userId;
		this.username = username;
		this.displayName = displayName;
		this.role = role;
		this.nodeId = nodeId;
		this.nodePath = nodePath;
		this.nodeName = nodeName;
		this.mustChangePassword = mustChangePassword;
		this.locked = locked;
		this.enabled = enabled;
		this.passwordHash = passwordHash;
	}

	public ShouwangPrincipal withPasswordChanged() {
		return new ShouwangPrincipal(this.userId, this.username, this.displayName, this.role, this.nodeId,
				this.nodePath, this.nodeName, false, this.locked, this.enabled, null);
	}

	/** The user's id, or null for an integration token that acts on its own. */
	public Long userId() {
		return this.userId;
	}

	public String displayName() {
		return this.displayName;
	}

	public Role role() {
		return this.role;
	}

	public long nodeId() {
		return this.nodeId;
	}

	public String nodePath() {
		return this.nodePath;
	}

	public String nodeName() {
		return this.nodeName;
	}

	public boolean mustChangePassword() {
		return this.mustChangePassword;
	}

	/** Whether role, jurisdiction, name or the must-change flag differ: then a session must be refreshed. */
	public boolean sameGrantsAs(ShouwangPrincipal other) {
		return this.role == other.role && this.nodeId == other.nodeId && this.nodePath.equals(other.nodePath)
				&& this.mustChangePassword == other.mustChangePassword && this.displayName.equals(other.displayName)
				&& this.enabled == other.enabled;
	}

	public JurisdictionScope scope() {
		return JurisdictionScope.of(this.nodePath);
	}

	public boolean hasRole(Role... roles) {
		for (Role r : roles) {
			if (r == this.role) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority(this.role.authority()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public boolean isAccountNonLocked() {
		return !this.locked;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public String toString() {
		return "ShouwangPrincipal[" + this.username + ", " + this.role + ", " + this.nodePath + "]";
	}

}
