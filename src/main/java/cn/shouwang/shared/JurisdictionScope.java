package cn.shouwang.shared;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/**
	 * The fewest scopes that hold all these paths: for each root of the tree among them, the
	 * deepest node every one of its paths lies under (one scope, unless the paths span two trees).
	 */
	public static List<JurisdictionScope> covering(Collection<String> paths) {
		Map<String, String> byRoot = new LinkedHashMap<>();
		for (String path : paths) {
			of(path);
			byRoot.merge(path.substring(0, path.indexOf('/', 1) + 1), path, JurisdictionScope::commonAncestor);
		}
		return byRoot.values().stream().map(JurisdictionScope::of).toList();
	}

	/** The longest run of whole path segments two paths share. */
	private static String commonAncestor(String a, String b) {
		int lastSlash = 0;
		for (int i = 0; i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i); i++) {
			if (a.charAt(i) == '/') {
				lastSlash = i;
			}
		}
		return a.substring(0, lastSlash + 1);
	}

	/** Binds {@code :scopeLo} and {@code :scopeHi} for a query filtering on a path column. */
	public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		return spec.param("scopeLo", lower()).param("scopeHi", upper());
	}

}
