package cn.shouwang.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.apache.catalina.Context;
import org.apache.catalina.Session;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Browser sessions: no session means the login page (or, for htmx, a whole-page reload instead of
 * a login form swapped into a div); an expired or unknown session says so; logout ends the
 * session; an idle session lasts 30 minutes. Some of this runs against the real Tomcat, because
 * session cookies, expiry and timeouts are its business, not MockMvc's.
 */
@IntegrationTest
class SessionTest {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	@Autowired
	MockMvc mvc;

	@Autowired
	WebServerApplicationContext context;

	@LocalServerPort
	int port;

	@Autowired
	Logins logins;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	/** What a servlet container reports for a session id that it no longer (or never) knew. */
	private static RequestPostProcessor staleSessionId() {
		return request -> {
			request.setRequestedSessionId("0123456789ABCDEF0123456789ABCDEF");
			request.setRequestedSessionIdValid(false);
			request.setRequestedSessionIdFromCookie(true);
			request.setCookies(new Cookie("JSESSIONID", "0123456789ABCDEF0123456789ABCDEF"));
			return request;
		};
	}

	@Test
	void anHtmxRequestWithoutASessionReloadsTheWholePage() throws Exception {
		for (String path : new String[] { "/", "/users", "/users/1/history" }) {
			this.mvc.perform(get(path).header("HX-Request", "true"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("HX-Refresh", "true"))
				.andExpect(header().doesNotExist("Location"))
				.andExpect(content().string(org.hamcrest.Matchers.not(containsString("name=\"password\""))));
		}
	}

	@Test
	void aPageWithoutASessionGoesToTheLoginFormAndBackAfterwards() throws Exception {
		MvcResult result = this.mvc.perform(get("/users"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
		this.mvc.perform(get("/login").session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("登录守望")));
		String target = this.mvc
			.perform(post("/login").session(session)
				.param("username", "street")
				.param("password", "Demo@2026!")
				.with(csrf()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(target).as("the page first asked for").contains("/users");
	}

	@Test
	void anUnknownSessionIdSaysTheLoginExpired() throws Exception {
		this.mvc.perform(get("/users").with(staleSessionId()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?expired"));
		this.mvc.perform(get("/users").header("HX-Request", "true").with(staleSessionId()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("HX-Refresh", "true"));
		// a form posted from a page whose session has gone: its CSRF token went with the session
		this.mvc.perform(post("/users").param("username", "x").header("HX-Request", "true").with(staleSessionId()))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("HX-Refresh", "true"));
		this.mvc.perform(post("/users").param("username", "x").with(staleSessionId()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?expired"));
		this.mvc.perform(get("/login").param("expired", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("登录已过期，请重新登录")));
	}

	@Test
	void logoutInvalidatesTheSession() throws Exception {
		MockHttpSession session = logins.session("grid");
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
		this.mvc.perform(post("/logout").session(session).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login?logout"))
			.andExpect(cookie().maxAge("JSESSIONID", 0));
		assertThat(session.isInvalid()).isTrue();
		this.mvc.perform(get("/").session(session)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/login").param("logout", ""))
			.andExpect(content().string(containsString("您已安全退出")));
	}

	@Test
	void logoutNeedsTheCsrfToken() throws Exception {
		MockHttpSession session = logins.session("grid");
		this.mvc.perform(post("/logout").session(session));
		assertThat(session.isInvalid()).as("a cross-site post cannot sign the user out").isFalse();
		this.mvc.perform(get("/").session(session)).andExpect(status().isOk());
	}

	// ---- against the real server ----

	@Test
	void theSessionTimesOutAfterThirtyIdleMinutes() throws Exception {
		Browser browser = new Browser();
		String before = browser.visitLogin();
		browser.logIn("grid", "Demo@2026!");
		assertThat(browser.sessionId).as("a new session id at login (no session fixation)").isNotEqualTo(before);
		Session session = tomcatSession(browser.sessionId).orElseThrow();
		assertThat(session.getMaxInactiveInterval()).isEqualTo(30 * 60);
		assertThat(session.getSession().getAttribute("SPRING_SECURITY_CONTEXT")).isNotNull();
	}

	@Test
	void anExpiredSessionOnTheRealServerSaysSo() throws Exception {
		Browser browser = new Browser();
		browser.visitLogin();
		browser.logIn("grid", "Demo@2026!");
		assertThat(browser.get("/", false).statusCode()).isEqualTo(200);
		tomcatSession(browser.sessionId).orElseThrow().expire();

		HttpResponse<String> page = browser.get("/", false);
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		HttpResponse<String> fragment = browser.get("/users", true);
		assertThat(fragment.statusCode()).isEqualTo(401);
		assertThat(fragment.headers().firstValue("HX-Refresh")).contains("true");

		Browser stranger = new Browser();
		stranger.sessionId = "DEADBEEFDEADBEEFDEADBEEFDEADBEEF";
		assertThat(stranger.get("/users", false).headers().firstValue("Location").orElseThrow())
			.endsWith("/login?expired");
		stranger.sessionId = "DEADBEEFDEADBEEFDEADBEEFDEADBEEF";
		assertThat(stranger.get("/users", true).headers().firstValue("HX-Refresh")).contains("true");
	}

	@Test
	void logoutOnTheRealServerEndsTheSession() throws Exception {
		Browser browser = new Browser();
		browser.visitLogin();
		browser.logIn("grid", "Demo@2026!");
		String sessionId = browser.sessionId;
		HttpResponse<String> home = browser.get("/", false);
		Matcher csrf = CSRF_META.matcher(home.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> out = browser.post("/logout", "_csrf=" + enc(csrf.group(1)));
		assertThat(out.statusCode()).isEqualTo(302);
		assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
		assertThat(tomcatSession(sessionId)).as("the server forgot the session").isEmpty();
		// a copy of the old cookie is worth nothing
		Browser thief = new Browser();
		thief.sessionId = sessionId;
		assertThat(thief.get("/", false).headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
	}

	private Optional<Session> tomcatSession(String id) throws Exception {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Context web = (Context) server.getTomcat().getHost().findChildren()[0];
		Session session = web.getManager().findSession(id);
		return Optional.ofNullable(session != null && session.isValid() ? session : null);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	/** A browser's worth of state: the session cookie and the last CSRF token seen. */
	private final class Browser {

		String sessionId;

		String csrf;

		String visitLogin() throws Exception {
			HttpResponse<String> page = get("/login", false);
			assertThat(page.statusCode()).isEqualTo(200);
			Matcher m = CSRF_INPUT.matcher(page.body());
			assertThat(m.find()).as("the login form carries a CSRF token").isTrue();
			this.csrf = m.group(1);
			assertThat(this.sessionId).isNotNull();
			return this.sessionId;
		}

		void logIn(String username, String password) throws Exception {
			HttpResponse<String> response = post("/login",
					"username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(this.csrf));
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		}

		HttpResponse<String> get(String path, boolean htmx) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
			if (htmx) {
				request.header("HX-Request", "true");
			}
			return send(request);
		}

		HttpResponse<String> post(String path, String form) throws Exception {
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			if (this.sessionId != null) {
				request.header("Cookie", "JSESSIONID=" + this.sessionId);
			}
			HttpResponse<String> response = SessionTest.this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString());
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				if (cookie.startsWith("JSESSIONID=")) {
					String value = cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
					this.sessionId = value.isEmpty() ? null : value;
				}
			}
			return response;
		}

		private URI uri(String path) {
			return URI.create("http://localhost:" + SessionTest.this.port + path);
		}

	}

}
