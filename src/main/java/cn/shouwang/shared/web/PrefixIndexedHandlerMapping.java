package cn.shouwang.shared.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler lookup, minus the mappings that cannot match. A path with a variable in it
 * (every {@code /api/v1/…/{id}/…}) has no direct match, so Spring checks each of the application's
 * few hundred mappings in turn, method and headers first, through the security filters' request
 * wrappers: on the district benchmark that was a fifth of a scanning device's request. Here a
 * mapping whose every pattern starts with text the path does not start with is passed over before
 * any of that; whatever is left is decided by Spring exactly as before.
 */
public class PrefixIndexedHandlerMapping extends RequestMappingHandlerMapping {

	private static final String[] ANY = new String[0];

	private final ThreadLocal<String> lookupPath = new ThreadLocal<>();

	/** Each mapping's literal pattern prefixes; {@link #ANY} when one of its patterns could match anything. */
	private final Map<RequestMappingInfo, String[]> prefixes = new ConcurrentHashMap<>();

	@Override
	protected HandlerMethod lookupHandlerMethod(String path, HttpServletRequest request) throws Exception {
		// an encoded or parameterised path is matched by Spring on its decoded segments: no shortcut
		if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
			return super.lookupHandlerMethod(path, request);
		}
		this.lookupPath.set(path);
		try {
			return super.lookupHandlerMethod(path, request);
		}
		finally {
			this.lookupPath.remove();
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		String path = this.lookupPath.get();
		if (path != null && !mayMatch(this.prefixes.computeIfAbsent(info, PrefixIndexedHandlerMapping::prefixes), path)) {
			return null;
		}
		return super.getMatchingMapping(info, request);
	}

	static boolean mayMatch(String[] prefixes, String path) {
		if (prefixes == ANY) {
			return true;
		}
		for (String prefix : prefixes) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/** The text before the first variable or wildcard of each pattern of the mapping. */
	static String[] prefixes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null || condition.getPatterns().isEmpty()) {
			return ANY;
		}
		String[] out = new String[condition.getPatterns().size()];
		int i = 0;
		for (PathPattern pattern : condition.getPatterns()) {
			String prefix = literalPrefix(pattern.getPatternString());
			if (prefix.isEmpty()) {
				return ANY;
			}
			out[i++] = prefix;
		}
		return out;
	}

	static String literalPrefix(String pattern) {
		int end = pattern.length();
		for (int k = 0; k < pattern.length(); k++) {
			char c = pattern.charAt(k);
			if (c == '{' || c == '*' || c == '?' || c == '\\') {
				end = k;
				break;
			}
		}
		return pattern.substring(0, end);
	}

}
