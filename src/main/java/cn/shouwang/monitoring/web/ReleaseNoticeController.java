package cn.shouwang.monitoring.web;

import cn.shouwang.monitoring.ReleaseNotices;
import cn.shouwang.shared.CurrentUser;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

import jakarta.servlet.http.HttpServletResponse;

/** The release notice to print, and the public page its QR code leads to (no login). */
@Controller
class ReleaseNoticeController {

	private final ReleaseNotices notices;

	ReleaseNoticeController(ReleaseNotices notices) {
		this.notices = notices;
	}

	@GetMapping(value = "/measures/{id}/release-notice.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@ResponseBody
	ResponseEntity<byte[]> pdf(@PathVariable long id) {
		return pdf(this.notices.pdf(CurrentUser.get(), id, AlertApiController.verifyPrefix()), id);
	}

	/**
	 * Says whether a notice is genuine, with only what the paper itself shows. An unknown or
	 * altered code gets the same answer (404), so the page tells nothing about which codes exist.
	 */
	@GetMapping("/verify/{code}")
	String verify(@PathVariable String code, Model model, HttpServletResponse response) {
		var notice = this.notices.verify(code);
		if (notice.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		model.addAttribute("releaseNotice", notice.orElse(null));
		return "monitoring/verify";
	}

	static ResponseEntity<byte[]> pdf(byte[] body, long measureId) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("release-notice-" + measureId + ".pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

}
