package cn.shouwang.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address that matches no page and no endpoint: an API caller gets a problem detail, a person
 * the Chinese error page inside the layout (not the container's bare error).
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackExceptionHandler {

	private final ProblemWriter problems;

	private final Messages messages;

	FallbackExceptionHandler(ProblemWriter problems, Messages messages) {
		this.problems = problems;
		this.messages = messages;
	}

	@ExceptionHandler(NoResourceFoundException.class)
	Object notFound(HttpServletRequest request, HttpServletResponse response) {
		if (request.getRequestURI().startsWith("/api/")) {
			ProblemDetail pd = this.problems.problem(HttpStatus.NOT_FOUND, "problem.http.404");
			pd.setInstance(java.net.URI.create(request.getRequestURI()));
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
		}
		ModelAndView page = new ModelAndView("error/page");
		page.setStatus(HttpStatus.NOT_FOUND);
		page.addObject("status", 404);
		page.addObject("message", this.messages.get("error.404"));
		return page;
	}

}
