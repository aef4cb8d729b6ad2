package cn.shouwang.shared.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import cn.shouwang.shared.InvalidInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/** Builds RFC 9457 problem details with a localised title and detail. */
@Component
public class ProblemWriter {

	public static final String TYPE_BASE = "https://shouwang.cn/problems/";

	private final Messages messages;

	private final JsonMapper json;

	private final LocaleResolver locales;

	public ProblemWriter(Messages messages, JsonMapper json, LocaleResolver locales) {
		this.messages = messages;
		this.json = json;
		this.locales = locales;
	}

	public ProblemDetail problem(HttpStatus status, String code, Object... args) {
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, this.messages.get(code, args));
		pd.setType(URI.create(TYPE_BASE + code.replace('.', '-')));
		pd.setTitle(this.messages.get("problem.title." + status.value()));
		return pd;
	}

	public ProblemDetail invalid(InvalidInputException ex) {
		ProblemDetail pd = problem(HttpStatus.BAD_REQUEST, "problem.invalidInput");
		pd.setProperty("errors", errors(ex));
		return pd;
	}

	/** Each error as {field, code, message}, the message in the caller's language. */
	public List<Map<String, String>> errors(InvalidInputException ex) {
		return ex.errors()
			.stream()
			.map(e -> Map.of("field", e.field(), "code", e.code(), "message", this.messages.get(e.code(), e.args())))
			.toList();
	}

	/** For filters, which run before MVC's exception handling. */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
			throws IOException {
		java.util.Locale locale = this.locales.resolveLocale(request);
		ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, this.messages.get(locale, code));
		pd.setType(URI.create(TYPE_BASE + code.replace('.', '-')));
		pd.setTitle(this.messages.get(locale, "problem.title." + status.value()));
		pd.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.getWriter().write(this.json.writeValueAsString(pd));
	}

}
