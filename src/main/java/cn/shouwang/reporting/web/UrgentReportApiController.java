package cn.shouwang.reporting.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.reporting.UrgentReport;
import cn.shouwang.reporting.UrgentReportService;
import cn.shouwang.shared.CurrentUser;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "urgent reports", description = "Events that must reach the street within two hours, escalated when late")
class UrgentReportApiController {

	/** What happened and what was done. */
	record SubmitInput(String report) {
	}

	private final UrgentReportService urgent;

	UrgentReportApiController(UrgentReportService urgent) {
		this.urgent = urgent;
	}

	@GetMapping("/urgent-reports")
	@Operation(summary = "Urgent reports in the caller's jurisdiction: open ones first by due time; all=true includes acknowledged ones")
	List<UrgentReport> list(@RequestParam(required = false) Boolean all) {
		return this.urgent.list(CurrentUser.get(), Boolean.TRUE.equals(all));
	}

	@GetMapping("/urgent-reports/{id}")
	UrgentReport get(@PathVariable long id) {
		return this.urgent.get(CurrentUser.get(), id);
	}

	@PostMapping("/urgent-reports/{id}/submit")
	@Operation(summary = "The community sends the urgent report up (late after its due time); report is required")
	UrgentReport submit(@PathVariable long id, @RequestBody(required = false) SubmitInput body) {
		return this.urgent.submit(CurrentUser.get(), id, body == null ? null : body.report());
	}

	@PostMapping("/urgent-reports/{id}/acknowledge")
	@Operation(summary = "The street acknowledges a submitted urgent report")
	UrgentReport acknowledge(@PathVariable long id) {
		return this.urgent.acknowledge(CurrentUser.get(), id);
	}

}
