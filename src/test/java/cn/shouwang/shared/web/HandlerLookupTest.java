package cn.shouwang.shared.web;

import java.util.ArrayList;
import java.util.List;

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
 * The handler lookup passes over mappings by their literal prefixes (PrefixIndexedHandlerMapping):
 * it must never pass over one that Spring would have matched.
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
	void noMappingThatSpringWouldMatchIsPassedOver() {
		List<RequestMappingInfo> infos = List.copyOf(this.mapping.getHandlerMethods().keySet());
		List<String> paths = new ArrayList<>();
		for (RequestMappingInfo info : infos) {
			for (PathPattern p : info.getPathPatternsCondition().getPatterns()) {
				paths.add(example(p.getPatternString(), "1"));
				paths.add(example(p.getPatternString(), "abc"));
			}
		}
		paths.addAll(List.of("/", "/api/v1/persons", "/api/v1/persons/", "/css/app.css", "/js/guard.js", "/error"));
		int matched = 0;
		for (String path : paths) {
			for (RequestMappingInfo info : infos) {
				for (var method : info.getMethodsCondition().getMethods().isEmpty() ? List.of("GET")
						: info.getMethodsCondition().getMethods().stream().map(Enum::name).toList()) {
					MockHttpServletRequest request = new MockHttpServletRequest(method, path);
					ServletRequestPathUtils.parseAndCache(request);
					if (info.getMatchingCondition(request) != null) {
						matched++;
						assertThat(PrefixIndexedHandlerMapping.mayMatch(PrefixIndexedHandlerMapping.prefixes(info), path))
							.as("%s %s for %s", method, path, info)
							.isTrue();
					}
				}
			}
		}
		assertThat(matched).as("sample requests that some mapping matches").isGreaterThan(infos.size());
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
		assertThat(PrefixIndexedHandlerMapping.mayMatch(new String[] { "/persons/" }, "/persons")).isFalse();
		assertThat(PrefixIndexedHandlerMapping.mayMatch(new String[] { "/persons" }, "/persons/1")).isTrue();
	}

	private static String example(String pattern, String value) {
		return pattern.replaceAll("\\{\\*[^}]+}", value + "/" + value).replaceAll("\\{[^}]+}", value).replace("**", value)
			.replace("*", value);
	}

}
