package cn.shouwang.shared.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.shouwang.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler lookup goes through an index of the mappings' literal prefixes
 * (PrefixIndexedHandlerMapping): for every request it must find exactly what Spring's own lookup finds.
 */
@IntegrationTest
class HandlerLookupTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void theApplicationsMappingsAreLookedUpThroughThePrefixIndex() {
		assertThat(this.mapping).isInstanceOf(PrefixIndexedHandlerMapping.class);
	}

	@Test
	void theIndexFindsWhatSpringsOwnLookupFindsForEveryMappingAndMethod() throws Exception {
		PrefixIndexedHandlerMapping indexed = (PrefixIndexedHandlerMapping) this.mapping;
		List<RequestMappingInfo> infos = List.copyOf(this.mapping.getHandlerMethods().keySet());
		Set<String> paths = new LinkedHashSet<>();
		for (RequestMappingInfo info : infos) {
			for (PathPattern p : info.getPathPatternsCondition().getPatterns()) {
				for (String value : List.of("1", "abc")) {
					String path = example(p.getPatternString(), value);
					paths.add(path);
					paths.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/");
					paths.add(path + "/x");
				}
			}
		}
		paths.addAll(List.of("/", "/api/v1/persons", "/api/v1/persons/", "/css/app.css", "/js/guard.js", "/error", "/nothing/here",
				"/api/v1/checkpoints/1/passages/batch/extra", "/api", "/api/v1"));
		int found = 0;
		for (String path : paths) {
			for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
				Object springs = lookUp(indexed, path, method, true);
				// the index alone finds Spring's handler, and finds none where Spring finds none
				Object ours = lookUp(indexed, path, method, false);
				assertThat(ours).as("%s %s", method, path).isEqualTo(springs instanceof HandlerMethod ? springs : null);
				if (ours instanceof HandlerMethod) {
					found++;
				}
			}
		}
		assertThat(found).as("sample requests that found a handler").isGreaterThan(infos.size());
	}

	/** The handler found (by Spring's lookup or by the index alone), or the class of the exception thrown (a 405, 415…), or null. */
	private static Object lookUp(PrefixIndexedHandlerMapping mapping, String path, String method, boolean spring) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		request.setContentType("application/json");
		ServletRequestPathUtils.parseAndCache(request);
		try {
			return spring ? mapping.lookupWithoutIndex(path, request) : mapping.lookupByIndex(path, request);
		}
		catch (Exception ex) {
			return ex.getClass();
		}
	}

	@Test
	void aPathWithVariablesFindsItsHandler() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/checkpoints/42/passages");
		request.setContentType("application/json");
		ServletRequestPathUtils.parseAndCache(request);
		var chain = this.mapping.getHandler(request);
		assertThat(chain).isNotNull();
		assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("record");
		// an encoded path is left to Spring's own matching of decoded segments
		MockHttpServletRequest encoded = new MockHttpServletRequest("POST", "/api/v1/%63heckpoints/42/passages");
		encoded.setContentType("application/json");
		ServletRequestPathUtils.parseAndCache(encoded);
		assertThat(this.mapping.getHandler(encoded)).isNotNull();
	}

	@Test
	void literalPrefixesStopAtTheFirstVariableOrWildcard() {
		assertThat(PrefixIndexedHandlerMapping.literalPrefix("/api/v1/checkpoints/{id}/passages"))
			.isEqualTo("/api/v1/checkpoints/");
		assertThat(PrefixIndexedHandlerMapping.literalPrefix("/webjars/**")).isEqualTo("/webjars/");
		assertThat(PrefixIndexedHandlerMapping.literalPrefix("/persons")).isEqualTo("/persons");
		assertThat(PrefixIndexedHandlerMapping.key("/api/v1/checkpoints/7/passages", 0)).isEqualTo("/");
		assertThat(PrefixIndexedHandlerMapping.key("/api/v1/checkpoints/7/passages", 3)).isEqualTo("/api/v1/checkpoints/");
		assertThat(PrefixIndexedHandlerMapping.key("/api/v1", 2)).isNull();
		assertThat(PrefixIndexedHandlerMapping.deepestKey("/api/v1/checkpoints/")).isEqualTo("/api/v1/checkpoints/");
		assertThat(PrefixIndexedHandlerMapping.deepestKey("/api/v1/check")).isEqualTo("/api/v1/");
		assertThat(PrefixIndexedHandlerMapping.deepestKey("/a/b/c/d/e/")).isEqualTo("/a/b/c/");
		assertThat(PrefixIndexedHandlerMapping.deepestKey("files")).isNull();
	}

	private static String example(String pattern, String value) {
		return pattern.replaceAll("\\{\\*[^}]+}", value + "/" + value).replaceAll("\\{[^}]+}", value).replace("**", value)
			.replace("*", value);
	}

}
