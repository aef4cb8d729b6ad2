package cn.shouwang.reporting.web;

import cn.shouwang.reporting.UrgentReportService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Urgent reports: the list with the time left on each, one report to write and send, or to acknowledge. */
@Controller
class UrgentReportController {

	private final UrgentReportService urgent;

	private final Messages messages;

	UrgentReportController(UrgentReportService urgent, Messages messages) {
		this.urgent = urgent;
		this.messages = messages;
	}

	@GetMapping("/reports/urgent")
	String list(@RequestParam(required = false) Boolean all, Model model) {
		model.addAttribute("reports", this.urgent.list(CurrentUser.get(), Boolean.TRUE.equals(all)));
		model.addAttribute("all", Boolean.TRUE.equals(all));
		model.addAttribute("now", this.urgent.now());
		return "reporting/urgent-list";
	}

	@GetMapping("/reports/urgent/{id}")
	String report(@PathVariable long id, Model model) {
		model.addAttribute("u", this.urgent.get(CurrentUser.get(), id));
		model.addAttribute("now", this.urgent.now());
		return "reporting/urgent";
	}

	@PostMapping("/reports/urgent/{id}/submit")
	String submit(@PathVariable long id, @RequestParam(required = false) String report, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.urgent.submit(CurrentUser.get(), id, report),
				"urgent.submittedNotice", "/reports/urgent/" + id);
	}

	@PostMapping("/reports/urgent/{id}/acknowledge")
	String acknowledge(@PathVariable long id, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.urgent.acknowledge(CurrentUser.get(), id),
				"urgent.acknowledgedNotice", "/reports/urgent/" + id);
	}

}
