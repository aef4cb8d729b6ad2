package cn.shouwang.shared.web;

import jakarta.servlet.http.HttpServletRequest;

import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error as an RFC 9457 problem detail, in the caller's language. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private final ProblemWriter problems;

	public ApiExceptionHandler(ProblemWriter problems) {
		this.problems = problems;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex, HttpServletRequest request) {
		return withInstance(this.problems.problem(HttpStatus.NOT_FOUND, "problem.notFound"), request);
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException ex, HttpServletRequest request) {
		return withInstance(this.problems.invalid(ex), request);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException ex, HttpServletRequest request) {
		return withInstance(this.problems.problem(HttpStatus.FORBIDDEN, "problem.forbidden"), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		ProblemDetail pd = this.problems.invalid(InvalidInputException.of(ex.getName(), "validation.badValue"));
		return withInstance(pd, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(this.problems.problem(HttpStatus.BAD_REQUEST, "problem.malformedJson"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(fe -> new InvalidInputException.FieldError(fe.getField(), "validation.badValue"))
			.toList();
		return ResponseEntity.badRequest().body(this.problems.invalid(new InvalidInputException(errors)));
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(this.problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "problem.tooLarge"));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail pd) {
			HttpStatus status = HttpStatus.resolve(statusCode.value());
			if (status != null) {
				ProblemDetail localised = this.problems.problem(status, "problem.http." + status.value());
				return super.handleExceptionInternal(ex, localised, headers, statusCode, request);
			}
			return super.handleExceptionInternal(ex, pd, headers, statusCode, request);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private static ProblemDetail withInstance(ProblemDetail pd, HttpServletRequest request) {
		pd.setInstance(java.net.URI.create(request.getRequestURI()));
		return pd;
	}

}
