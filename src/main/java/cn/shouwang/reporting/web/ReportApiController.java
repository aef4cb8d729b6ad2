package cn.shouwang.reporting.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.reporting.DailyReport;
import cn.shouwang.reporting.NodeReport;
import cn.shouwang.reporting.ReportService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "reports", description = "Daily and zero reports computed from the records, their roll-up with reporting and on-time rates")
class ReportApiController {

	/** A day as yyyy-MM-dd (default today), an optional situation note, and for submit whether it is a zero report. */
	record DayInput(String day, String note, Boolean zero) {
	}

	record ReopenInput(String day, String reason) {
	}

	private final ReportPages pages;

	private final ReportService reports;

	ReportApiController(ReportPages pages, ReportService reports) {
		this.pages = pages;
		this.reports = reports;
	}

	@GetMapping("/reports")
	@Operation(summary = "The caller's own node: its roll-up of the day and, for a community, its daily report")
	NodeReport own(@RequestParam(required = false) String day, @RequestParam(required = false) Boolean live) {
		return this.pages.nodeReport(null, this.pages.day(day), Boolean.TRUE.equals(live));
	}

	@GetMapping("/reports/dashboard")
	@Operation(summary = "The command dashboard of the caller's node: figures per day (days, default 30) and today's figures of each child")
	ReportPages.DashboardView ownDashboard(@RequestParam(required = false) String days) {
		return this.pages.dashboard(null, days);
	}

	@GetMapping("/reports/{id}/dashboard")
	@Operation(summary = "The command dashboard of a node: key persons, measures, alerts, coverage and passages per day from the stored daily figures (today and a grid's days computed from the records), and today's figures of each child for the drill-down")
	ReportPages.DashboardView dashboard(@PathVariable long id, @RequestParam(required = false) String days) {
		return this.pages.dashboard(id, days);
	}

	@GetMapping("/reports/{id}")
	@Operation(summary = "A node's reports of a day: the roll-up below it (stored figures of submitted reports, or live=true to compute them from the records), the rates, late and missing lists, and for a community its own report (the draft computed now until it is submitted)")
	NodeReport get(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) Boolean live) {
		return this.pages.nodeReport(id, this.pages.day(day), Boolean.TRUE.equals(live));
	}

	@PostMapping("/reports/{id}/note")
	@Operation(summary = "Keep the situation note of a community's draft report")
	DailyReport note(@PathVariable long id, @RequestBody(required = false) DayInput body) {
		DayInput in = body == null ? new DayInput(null, null, null) : body;
		return this.reports.saveNote(CurrentUser.get(), id, this.pages.day(in.day()), in.note());
	}

	@PostMapping("/reports/{id}/submit")
	@Operation(summary = "Submit a community's report of a day with the figures computed now; zero=true makes it a zero report, refused while anything of note happened that day")
	DailyReport submit(@PathVariable long id, @RequestBody(required = false) DayInput body) {
		DayInput in = body == null ? new DayInput(null, null, null) : body;
		return this.reports.submit(CurrentUser.get(), id, this.pages.day(in.day()), in.note(),
				Boolean.TRUE.equals(in.zero()));
	}

	@PostMapping("/reports/{id}/zero")
	@Operation(summary = "One tap: submit a zero report (nothing of note happened that day)")
	DailyReport zero(@PathVariable long id, @RequestBody(required = false) DayInput body) {
		DayInput in = body == null ? new DayInput(null, null, null) : body;
		return this.reports.submit(CurrentUser.get(), id, this.pages.day(in.day()), in.note(), true);
	}

	@PostMapping("/reports/{id}/reopen")
	@Operation(summary = "The street reopens a community's locked or submitted report so it can be submitted again")
	DailyReport reopen(@PathVariable long id, @RequestBody(required = false) ReopenInput body) {
		ReopenInput in = body == null ? new ReopenInput(null, null) : body;
		return this.reports.reopen(CurrentUser.get(), id, this.pages.day(in.day()), in.reason());
	}

	@PostMapping("/reports/{id}/approve")
	@Operation(summary = "The street approves a community's submitted report")
	DailyReport approve(@PathVariable long id, @RequestBody(required = false) DayInput body) {
		return this.reports.approve(CurrentUser.get(), id, this.pages.day(body == null ? null : body.day()));
	}

	@GetMapping("/reports/{id}/history")
	@Operation(summary = "What happened to a community's report of a day: submitted, reopened, approved")
	List<cn.shouwang.reporting.ReportEvent> history(@PathVariable long id, @RequestParam(required = false) String day) {
		return this.reports.history(CurrentUser.get(), id, this.pages.day(day));
	}

	@GetMapping("/reports/{id}/export.xlsx")
	@Operation(summary = "The roll-up (or a community's report) as .xlsx in the offices' layout: a title row, units as rows, figures as columns, a totals row")
	void export(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) Boolean live, HttpServletResponse response) throws IOException {
		this.pages.export(id, this.pages.day(day), Boolean.TRUE.equals(live), response);
	}

	static LocalDate parse(String day, LocalDate fallback) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate d = errors.date("day", day);
		errors.throwIfAny();
		return d == null ? fallback : d;
	}

}
