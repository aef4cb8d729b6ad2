package cn.shouwang.monitoring.web;

import cn.shouwang.monitoring.Inbox;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The bell in the top bar (its count, loaded by htmx) and the user's notifications. */
@Controller
class NotificationController {

	private final Inbox inbox;

	NotificationController(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping("/notifications")
	String list(@RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("result", this.inbox.list(CurrentUser.get(), PageQuery.of(page, 20)));
		return "monitoring/notifications";
	}

	@GetMapping("/notifications/bell")
	String bell(Model model) {
		model.addAttribute("unread", this.inbox.unread(CurrentUser.get()));
		return "monitoring/notifications :: bell";
	}

	@PostMapping("/notifications/read")
	String read() {
		this.inbox.markAllRead(CurrentUser.get());
		return "redirect:/notifications";
	}

}
