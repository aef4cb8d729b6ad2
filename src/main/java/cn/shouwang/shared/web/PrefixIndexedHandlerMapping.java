package cn.shouwang.shared.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's handler lookup, through an index of the mappings' literal path prefixes. A path
 * with a variable in it (every {@code /api/v1/…/{id}/…}) has no direct match, so Spring checks
 * each of the application's few hundred mappings in turn, through the security filters' request
 * wrappers: on the district benchmark that was a fifth, then (skipping mappings one by one) still
 * a quarter of a scanning device's request. Here only the mappings filed under the path's first
 * segments are checked; each is then matched, compared and chosen exactly as Spring does. A path
 * that nothing matches, an encoded one and a CORS preflight go to Spring's own lookup, which
 * answers them as before (405, 406, 415…).
 */
public class PrefixIndexedHandlerMapping extends RequestMappingHandlerMapping {

	/** How many leading path segments a mapping is filed under (at most). */
	private static final int DEPTH = 3;

	/** A mapping and its handler, with the literal prefixes of its patterns. */
	private record Candidate(RequestMappingInfo info, HandlerMethod handler, String[] prefixes) {

		boolean mayMatch(String path) {
			for (String prefix : this.prefixes) {
				if (path.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}

	}

	/** Mappings by exact path (patterns without variables) and by the first segments of their prefixes. */
	private record Index(Map<String, List<Candidate>> direct, Map<String, List<Candidate>> byPrefix,
			List<Candidate> anywhere) {
	}

	private volatile Index index;

	@Override
	protected HandlerMethod lookupHandlerMethod(String path, HttpServletRequest request) throws Exception {
		// an encoded or parameterised path is matched by Spring on its decoded segments: no shortcut
		if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0 || CorsUtils.isPreFlightRequest(request)) {
			return super.lookupHandlerMethod(path, request);
		}
		HandlerMethod found = lookupByIndex(path, request);
		return found != null ? found : super.lookupHandlerMethod(path, request);
	}

	/** The handler the index finds for the path, or null when no mapping matches. */
	HandlerMethod lookupByIndex(String path, HttpServletRequest request) {
		Index index = index();
		// as in Spring: a mapping for exactly this path first, then every pattern
		HandlerMethod found = best(index.direct().getOrDefault(path, List.of()), List.of(), path, request);
		if (found == null) {
			List<Candidate> candidates = new ArrayList<>();
			for (int depth = 0; depth <= DEPTH; depth++) {
				String key = key(path, depth);
				if (key == null) {
					break;
				}
				candidates.addAll(index.byPrefix().getOrDefault(key, List.of()));
			}
			found = best(candidates, index.anywhere(), path, request);
		}
		return found;
	}

	/** Spring's own lookup, every mapping in turn (what the index must always agree with). */
	HandlerMethod lookupWithoutIndex(String path, HttpServletRequest request) throws Exception {
		return super.lookupHandlerMethod(path, request);
	}

	private record Match(RequestMappingInfo info, Candidate candidate) {
	}

	/** The best match among the candidates, chosen as Spring chooses; null when none matches. */
	private HandlerMethod best(List<Candidate> candidates, List<Candidate> more, String path, HttpServletRequest request) {
		List<Match> matches = new ArrayList<>(2);
		for (List<Candidate> list : List.of(candidates, more)) {
			for (Candidate candidate : list) {
				if (!candidate.mayMatch(path) || matches.stream().anyMatch(m -> m.candidate() == candidate)) {
					continue;
				}
				RequestMappingInfo matched = getMatchingMapping(candidate.info(), request);
				if (matched != null) {
					matches.add(new Match(matched, candidate));
				}
			}
		}
		if (matches.isEmpty()) {
			return null;
		}
		Match best = matches.get(0);
		if (matches.size() > 1) {
			Comparator<RequestMappingInfo> order = getMappingComparator(request);
			matches.sort((a, b) -> order.compare(a.info(), b.info()));
			best = matches.get(0);
			if (order.compare(best.info(), matches.get(1).info()) == 0) {
				throw new IllegalStateException("Ambiguous handler methods mapped for '" + request.getRequestURI() + "': {"
						+ best.candidate().handler().getMethod() + ", " + matches.get(1).candidate().handler().getMethod()
						+ "}");
			}
		}
		request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, best.candidate().handler());
		handleMatch(best.info(), path, request);
		return best.candidate().handler();
	}

	private Index index() {
		Index built = this.index;
		if (built == null) {
			built = build(getHandlerMethods());
			this.index = built;
		}
		return built;
	}

	private Index build(Map<RequestMappingInfo, HandlerMethod> mappings) {
		Map<String, List<Candidate>> direct = new HashMap<>();
		Map<String, List<Candidate>> byPrefix = new HashMap<>();
		List<Candidate> anywhere = new ArrayList<>();
		mappings.forEach((info, handler) -> {
			Candidate candidate = new Candidate(info, handler, prefixes(info));
			if (candidate.prefixes().length == 0) {
				anywhere.add(candidate);
				return;
			}
			for (String path : getDirectPaths(info)) {
				direct.computeIfAbsent(path, p -> new ArrayList<>()).add(candidate);
			}
			for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
				if (!pattern.hasPatternSyntax()) {
					continue;
				}
				String key = deepestKey(literalPrefix(pattern.getPatternString()));
				if (key == null) {
					anywhere.add(candidate);
					return;
				}
				byPrefix.computeIfAbsent(key, p -> new ArrayList<>()).add(candidate);
			}
		});
		return new Index(direct, byPrefix, anywhere);
	}

	@Override
	protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
		super.registerHandlerMethod(handler, method, mapping);
		this.index = null;
	}

	@Override
	public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
		super.registerMapping(mapping, handler, method);
		this.index = null;
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		this.index = null;
	}

	/** The literal text before the first variable or wildcard of each pattern; none when a pattern has none. */
	static String[] prefixes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null || condition.getPatterns().isEmpty()) {
			return new String[0];
		}
		String[] out = new String[condition.getPatterns().size()];
		int i = 0;
		for (PathPattern pattern : condition.getPatterns()) {
			String prefix = literalPrefix(pattern.getPatternString());
			if (prefix.isEmpty()) {
				return new String[0];
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

	/**
	 * The text up to and including the slash that ends the path's {@code depth}-th segment ("/"
	 * at depth 0), or null when the path has fewer whole segments.
	 */
	static String key(String path, int depth) {
		int slash = path.indexOf('/');
		for (int d = 0; d < depth && slash >= 0; d++) {
			slash = path.indexOf('/', slash + 1);
		}
		return slash < 0 ? null : path.substring(0, slash + 1);
	}

	/** The deepest {@link #key} of a literal prefix, at most {@link #DEPTH} segments down; null without a slash. */
	static String deepestKey(String prefix) {
		String deepest = key(prefix, 0);
		if (deepest == null || !prefix.startsWith("/")) {
			return null;
		}
		for (int depth = 1; depth <= DEPTH; depth++) {
			String key = key(prefix, depth);
			if (key == null) {
				break;
			}
			deepest = key;
		}
		return deepest;
	}

}
