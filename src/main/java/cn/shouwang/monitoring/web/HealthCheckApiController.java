package cn.shouwang.monitoring.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.monitoring.CheckOutcome;
import cn.shouwang.monitoring.HealthCheck;
import cn.shouwang.monitoring.HealthCheckInput;
import cn.shouwang.monitoring.HealthChecks;
import cn.shouwang.shared.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "health checks", description = "Twice-daily checks of persons under a measure, by workers or through a household's personal link")
class HealthCheckApiController {

	/** One person's reading in a report through a personal link. */
	record LinkCheck(Long measureId, UUID id, String temperature, List<String> symptoms) {
	}

	private final HealthChecks checks;

	HealthCheckApiController(HealthChecks checks) {
		this.checks = checks;
	}

	@PostMapping("/measures/{measure}/checks")
	@Operation(summary = "Record a check: id (a UUID made by the client, so a retry stores once), temperature 34.0–43.0, "
			+ "symptoms from the policy's checklist, takenAt (ISO-8601, default now). 201 when stored; 200 with "
			+ "ALREADY_RECORDED for a known id or DUPLICATE_DROPPED for a repeat within the policy's minutes")
	ResponseEntity<CheckOutcome> record(@PathVariable long measure, @RequestBody HealthCheckInput body) {
		CheckOutcome outcome = this.checks.record(CurrentUser.get(), measure, body);
		return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome);
	}

	@GetMapping("/measures/{measure}/checks")
	@Operation(summary = "The measure's checks, newest first (the last 100)")
	List<HealthCheck> list(@PathVariable long measure) {
		return this.checks.history(CurrentUser.get(), measure);
	}

	@PostMapping("/links/{token}/checks")
	@Operation(summary = "Public, no account: checks through a household's personal link, one person (SELF) or several "
			+ "at once (HOUSEHOLD_HEAD); all or nothing. A malformed, altered, expired or revoked link is refused (link.*)")
	ResponseEntity<List<CheckOutcome>> byLink(@PathVariable String token, @RequestBody List<LinkCheck> body) {
		List<CheckOutcome> outcomes = this.checks.reportByLink(token, body == null ? List.of()
				: body.stream().map(c -> new HealthChecks.LinkReport(c.measureId(),
						new HealthCheckInput(c.id(), c.temperature(), c.symptoms(), null))).toList());
		return ResponseEntity.status(outcomes.stream().anyMatch(CheckOutcome::created) ? HttpStatus.CREATED : HttpStatus.OK)
			.body(outcomes);
	}

}
