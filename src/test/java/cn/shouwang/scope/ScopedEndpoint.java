package cn.shouwang.scope;

import java.util.Map;

import org.springframework.http.HttpMethod;

/**
 * One endpoint that takes the id of a scoped record, written as its URI template with named
 * placeholders ({node}, {user}, {responsibility}, {token}, ...). {@code body} is sent as JSON for
 * API writes and as form fields (with a CSRF token) for UI writes; {@code {own}} inside it is
 * replaced by a node of the caller's own jurisdiction.
 */
record ScopedEndpoint(HttpMethod method, String template, String body, boolean multipart) {

	static ScopedEndpoint get(String template) {
		return new ScopedEndpoint(HttpMethod.GET, template, null, false);
	}

	static ScopedEndpoint post(String template, String body) {
		return new ScopedEndpoint(HttpMethod.POST, template, body, false);
	}

	static ScopedEndpoint patch(String template, String body) {
		return new ScopedEndpoint(HttpMethod.PATCH, template, body, false);
	}

	static ScopedEndpoint put(String template, String body) {
		return new ScopedEndpoint(HttpMethod.PUT, template, body, false);
	}

	static ScopedEndpoint delete(String template) {
		return new ScopedEndpoint(HttpMethod.DELETE, template, null, false);
	}

	static ScopedEndpoint upload(String template) {
		return new ScopedEndpoint(HttpMethod.POST, template, null, true);
	}

	boolean api() {
		return this.template.startsWith("/api/");
	}

	String uri(Map<String, ?> ids) {
		String uri = this.template;
		for (Map.Entry<String, ?> e : ids.entrySet()) {
			uri = uri.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
		}
		if (uri.contains("{")) {
			throw new IllegalStateException("No id for a placeholder in " + this.template);
		}
		return uri;
	}

	/** The template in the shape Spring reports it, for the completeness check. */
	String pattern() {
		return this.template.replaceAll("\\{[a-z]+\\}", "{}").replaceAll("\\?.*$", "");
	}

	@Override
	public String toString() {
		return this.method + " " + this.template;
	}

}
