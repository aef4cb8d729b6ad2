package cn.shouwang.shared;

import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The part of the jurisdiction tree a caller may see: every record whose jurisdiction path
 * starts with this path. Paths are materialised ids such as {@code /1/4/27/}, stored with the
 * "C" collation, so "everything under X" is the index range {@code [lower, upper)}. The range
 * is always bound as SQL parameters ({@code :scopeLo}, {@code :scopeHi}), never spliced into SQL.
 */
public record JurisdictionScope(String path) {

	private static final Pattern PATH = Pattern.compile("^/(\\d+/)+$");

	public JurisdictionScope {
		Objects.requireNonNull(path, "path");
		if (!PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("Not a jurisdiction path: " + path);
		}
	}

	public static JurisdictionScope of(String path) {
		return new JurisdictionScope(path);
	}

	/** Inclusive lower bound of the path range. */
	public String lower() {
		return this.path;
	}

	/** Exclusive upper bound: '0' is the character right after '/', so no descendant reaches it. */
	public String upper() {
		return this.path.substring(0, this.path.length() - 1) + '0';
	}

	public boolean contains(String otherPath) {
		return otherPath != null && otherPath.startsWith(this.path);
	}

	public boolean contains(JurisdictionScope other) {
		return contains(other.path);
	}

	/** Binds {@code :scopeLo} and {@code :scopeHi} for a query filtering on a path column. */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		return spec.param("scopeLo", lower()).param("scopeHi", upper());
	}

}
