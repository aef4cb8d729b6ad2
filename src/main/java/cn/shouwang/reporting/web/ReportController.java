package cn.shouwang.reporting.web;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.reporting.NodeReport;
import cn.shouwang.reporting.ReportService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The report page of a node: for a community its daily report to review and submit (or the zero
 * report in one tap), and for every node the roll-up below it with rates, late and missing lists,
 * drill-down and export. Refreshes itself every minute.
 */
@Controller
class ReportController {

	private final ReportPages pages;

	private final ReportService reports;

	private final JurisdictionService jurisdictions;

	private final Messages messages;

	ReportController(ReportPages pages, ReportService reports, JurisdictionService jurisdictions, Messages messages) {
		this.pages = pages;
		this.reports = reports;
		this.jurisdictions = jurisdictions;
		this.messages = messages;
	}

	@GetMapping("/reports")
	String own(@RequestParam(required = false) String day, @RequestParam(required = false) Boolean live, Model model,
			HttpServletRequest request) {
		return page(CurrentUser.get().nodeId(), day, live, model, request);
	}

	@GetMapping("/reports/dashboard")
	String ownDashboard(@RequestParam(required = false) String days, Model model) {
		return dashboardPage(CurrentUser.get().nodeId(), days, model);
	}

	@GetMapping("/reports/{id}/dashboard")
	String dashboard(@PathVariable long id, @RequestParam(required = false) String days, Model model) {
		return dashboardPage(id, days, model);
	}

	@GetMapping("/reports/{id}/dashboard.json")
	@org.springframework.web.bind.annotation.ResponseBody
	ReportPages.DashboardView dashboardData(@PathVariable long id, @RequestParam(required = false) String days) {
		return this.pages.dashboard(id, days);
	}

	private String dashboardPage(long id, String days, Model model) {
		ReportPages.DashboardView view = this.pages.dashboard(id, days);
		model.addAttribute("view", view);
		model.addAttribute("days", String.valueOf(view.dashboard().days().size()));
		return "reporting/dashboard";
	}

	@GetMapping("/reports/{id}")
	String node(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) Boolean live, Model model, HttpServletRequest request) {
		return page(id, day, live, model, request);
	}

	private String page(long id, String day, Boolean live, Model model, HttpServletRequest request) {
		ShouwangPrincipal me = CurrentUser.get();
		LocalDate d = day == null || day.isBlank() ? defaultDay() : this.pages.day(day);
		NodeReport report = this.pages.nodeReport(id, d, Boolean.TRUE.equals(live));
		model.addAttribute("report", report);
		model.addAttribute("r", report.rollup());
		model.addAttribute("daily", report.daily());
		model.addAttribute("day", d);
		model.addAttribute("today", this.reports.today());
		model.addAttribute("live", Boolean.TRUE.equals(live));
		model.addAttribute("now", this.reports.now());
		model.addAttribute("breadcrumb", this.jurisdictions.breadcrumb(me, this.jurisdictions.get(me, id)));
		model.addAttribute("canSubmit", me.role().name().equals("COMMUNITY_WORKER") || me.role().name().endsWith("_ADMIN"));
		model.addAttribute("canSupervise", me.role().name().endsWith("_ADMIN") && !me.nodePath().equals(report.rollup().path()));
		return Htmx.isHtmx(request) ? "reporting/report :: rollup" : "reporting/report";
	}

	/** Yesterday's report while it may still be submitted (before its deadline), else today's. */
	private LocalDate defaultDay() {
		LocalDate today = this.reports.today();
		return this.reports.now().isBefore(this.reports.deadline(today.minusDays(1))) ? today.minusDays(1) : today;
	}

	@PostMapping("/reports/{id}/note")
	String note(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.reports.saveNote(CurrentUser.get(), id, this.pages.day(day), note), "saved", back(id, day));
	}

	@PostMapping("/reports/{id}/submit")
	String submit(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.reports.submit(CurrentUser.get(), id, this.pages.day(day), note, false), "report.submittedNotice",
				back(id, day));
	}

	@PostMapping("/reports/{id}/zero")
	String zero(@PathVariable long id, @RequestParam(required = false) String day, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.reports.submit(CurrentUser.get(), id, this.pages.day(day), null, true), "report.zeroNotice",
				back(id, day));
	}

	@PostMapping("/reports/{id}/reopen")
	String reopen(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.reports.reopen(CurrentUser.get(), id, this.pages.day(day), reason), "report.reopenedNotice",
				back(id, day));
	}

	@PostMapping("/reports/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) String day, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.reports.approve(CurrentUser.get(), id, this.pages.day(day)), "report.approvedNotice",
				back(id, day));
	}

	@GetMapping("/reports/{id}/export.xlsx")
	void export(@PathVariable long id, @RequestParam(required = false) String day,
			@RequestParam(required = false) Boolean live, HttpServletResponse response) throws IOException {
		this.pages.export(id, this.pages.day(day), Boolean.TRUE.equals(live), response);
	}

	private static String back(long id, String day) {
		return "/reports/" + id + (day == null || day.isBlank() ? "" : "?day=" + day.strip().replaceAll("[^0-9-]", ""));
	}

}
