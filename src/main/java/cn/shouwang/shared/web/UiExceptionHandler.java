package cn.shouwang.shared.web;

import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Error pages for the browser UI, in the user's language, inside the layout. */
@ControllerAdvice(annotations = Controller.class)
public class UiExceptionHandler {

	private final Messages messages;

	public UiExceptionHandler(Messages messages) {
		this.messages = messages;
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	String notFound(HttpServletResponse response, Model model) {
		response.setStatus(404);
		model.addAttribute("status", 404);
		model.addAttribute("message", this.messages.get("error.404"));
		return "error/page";
	}

	@ExceptionHandler(AccessDeniedException.class)
	String forbidden(HttpServletResponse response, Model model) {
		response.setStatus(403);
		model.addAttribute("status", 403);
		model.addAttribute("message", this.messages.get("error.403"));
		return "error/page";
	}

	@ExceptionHandler(InvalidInputException.class)
	String invalid(InvalidInputException ex, HttpServletResponse response, Model model) {
		response.setStatus(400);
		model.addAttribute("status", 400);
		model.addAttribute("message", ex.errors()
			.stream()
			.map(e -> this.messages.get("field." + e.field()) + "：" + this.messages.get(e.code(), e.args()))
			.reduce((a, b) -> a + "；" + b)
			.orElse(""));
		return "error/page";
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	String tooLarge(HttpServletResponse response, Model model) {
		response.setStatus(413);
		model.addAttribute("status", 413);
		model.addAttribute("message", this.messages.get("problem.tooLarge"));
		return "error/page";
	}

}
