package cn.shouwang.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.shouwang.demo.DemoDataLoader;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Real logins for tests: bearer tokens from {@code POST /api/v1/auth/token}, and real UI sessions
 * from the login form. No mocked principals, so the whole security chain runs.
 */
public final class Logins {

	private final MockMvc mvc;

	private final Map<String, String> tokens = new ConcurrentHashMap<>();

	public Logins(MockMvc mvc) {
		this.mvc = mvc;
	}

	public String token(String username) {
		return this.tokens.computeIfAbsent(username, u -> {
			try {
				String body = this.mvc.perform(post("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
					.content("{\"username\":\"" + u + "\",\"password\":\"" + DemoDataLoader.DEMO_PASSWORD + "\"}"))
					.andReturn()
					.getResponse()
					.getContentAsString();
				int start = body.indexOf("\"accessToken\":\"") + 15;
				if (start < 15) {
					throw new IllegalStateException("No token for " + u + ": " + body);
				}
				return body.substring(start, body.indexOf('"', start));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** Adds the user's bearer token to an API request. */
	public <B extends AbstractMockHttpServletRequestBuilder<B>> B as(String username, B request) {
		return request.header("Authorization", "Bearer " + token(username));
	}

	/** Logs in through the form and returns the session, as a browser would hold it. */
	public org.springframework.mock.web.MockHttpSession session(String username, String password) {
		try {
			var result = this.mvc
				.perform(post("/login").param("username", username)
					.param("password", password)
					.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
						.csrf()))
				.andReturn();
			return (org.springframework.mock.web.MockHttpSession) result.getRequest().getSession(false);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public org.springframework.mock.web.MockHttpSession session(String username) {
		return session(username, DemoDataLoader.DEMO_PASSWORD);
	}

}
