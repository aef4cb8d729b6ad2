package cn.shouwang.registry;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What of the registry a caller may see: the jurisdiction range, and for a resident only their
 * own household ({@code onlyHousehold}, -1 when the account is linked to nobody). Bound as SQL
 * parameters {@code :scopeLo}, {@code :scopeHi}, {@code :onlyHousehold}.
 */
record RegistryScope(JurisdictionScope jurisdiction, Long onlyHousehold) {

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		return this.jurisdiction.bind(spec).param("onlyHousehold", this.onlyHousehold);
	}

	/** A narrower range inside this one (a grid or building chosen in a filter). */
	RegistryScope narrowedTo(String path) {
		return new RegistryScope(JurisdictionScope.of(path), this.onlyHousehold);
	}

	static boolean isResident(ShouwangPrincipal p) {
		return p.role() == Role.RESIDENT;
	}

}
