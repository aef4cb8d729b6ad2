package cn.shouwang.monitoring.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.monitoring.AlertFilter;
import cn.shouwang.monitoring.AlertRow;
import cn.shouwang.monitoring.AlertService;
import cn.shouwang.monitoring.ReleaseNotices;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "alerts", description = "Fever and symptom alerts with escalation; release notices")
class AlertApiController {

	record Acknowledge(String note) {
	}

	record Handle(AlertRow.Handling handling, String note) {
	}

	private final AlertService alerts;

	private final ReleaseNotices notices;

	AlertApiController(AlertService alerts, ReleaseNotices notices) {
		this.alerts = alerts;
		this.notices = notices;
	}

	static AlertFilter filter(Long nodeId, AlertRow.Status status, AlertRow.Level level, Boolean overdue, String q) {
		if (q != null && q.length() > 100) {
			throw InvalidInputException.of("q", "validation.tooLong", 100);
		}
		return new AlertFilter(nodeId, status, level, overdue, q);
	}

	@GetMapping("/alerts")
	@Operation(summary = "Alerts in the caller's jurisdiction, by default those not handled, the most urgent first")
	PageResult<AlertRow> list(@RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) AlertRow.Status status, @RequestParam(required = false) AlertRow.Level level,
			@RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.alerts.list(CurrentUser.get(), filter(nodeId, status, level, overdue, q), PageQuery.of(page, size));
	}

	@GetMapping("/alerts/{id}")
	@Operation(summary = "An alert with its timeline")
	AlertService.Details get(@PathVariable long id) {
		return this.alerts.get(CurrentUser.get(), id);
	}

	@PostMapping("/alerts/{id}/acknowledge")
	@Operation(summary = "Acknowledge an open alert; a second acknowledgement is refused")
	AlertRow acknowledge(@PathVariable long id, @RequestBody(required = false) Acknowledge body) {
		return this.alerts.acknowledge(CurrentUser.get(), id, body == null ? null : body.note());
	}

	@PostMapping("/alerts/{id}/handle")
	@Operation(summary = "Handle an alert: FEVER_CLINIC, TRANSFER, HOSPITAL, or NOTE (with a note)")
	AlertRow handle(@PathVariable long id, @RequestBody(required = false) Handle body) {
		return this.alerts.handle(CurrentUser.get(), id, body == null ? null : body.handling(),
				body == null ? null : body.note());
	}

	@GetMapping(value = "/measures/{id}/release-notice.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "The release notice (解除隔离告知书) of a released measure, with its verification QR code")
	ResponseEntity<byte[]> releaseNotice(@PathVariable long id) {
		return ReleaseNoticeController.pdf(this.notices.pdf(CurrentUser.get(), id, verifyPrefix()), id);
	}

	/** Where the notice's QR code leads: this server's public verification page. */
	static String verifyPrefix() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/verify/").toUriString();
	}

}
