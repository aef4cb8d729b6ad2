package cn.shouwang.checkpoint.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.checkpoint.CheckpointService;
import cn.shouwang.checkpoint.PassageLogFilter;
import cn.shouwang.checkpoint.PassageLogService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The passage log pages: the searchable log (htmx refreshes the results as the filters change),
 * its export, and a day hour by hour at the checkpoints. A bad filter is named above the results.
 */
@Controller
class PassageLogController {

	private final PassageLogService passages;

	private final CheckpointService checkpoints;

	private final PassageLogExport export;

	private final Messages messages;

	PassageLogController(PassageLogService passages, CheckpointService checkpoints, PassageLogExport export,
			Messages messages) {
		this.passages = passages;
		this.checkpoints = checkpoints;
		this.export = export;
		this.messages = messages;
	}

	@GetMapping("/checkpoints/passages")
	String log(@RequestParam(required = false) String checkpoint, @RequestParam(required = false) String person,
			@RequestParam(required = false) String q, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String decision, @RequestParam(required = false) Integer page,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("checkpoints", this.checkpoints.list(CurrentUser.get()));
		model.addAttribute("checkpoint", checkpoint);
		model.addAttribute("person", person);
		model.addAttribute("q", q);
		model.addAttribute("from", from == null || from.isBlank() ? this.passages.today().toString() : from);
		model.addAttribute("to", to);
		model.addAttribute("direction", direction);
		model.addAttribute("decision", decision);
		model.addAttribute("directions", PassageLogFilter.Direction.values());
		model.addAttribute("decisions", PassageLogFilter.Decision.values());
		model.addAttribute("feverThreshold", this.passages.feverThreshold());
		model.addAttribute("query", request.getQueryString() == null ? ""
				: request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		try {
			PassageLogFilter filter = this.passages.filter(CurrentUser.get(), checkpoint, person, q, from, to, direction,
					decision);
			model.addAttribute("filter", filter);
			model.addAttribute("result", this.passages.search(CurrentUser.get(), filter, PageQuery.of(page, 20)));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterErrors", errors(ex));
			if (!Htmx.isHtmx(request)) {
				response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			}
		}
		return Htmx.isHtmx(request) ? "checkpoint/passages :: results" : "checkpoint/passages";
	}

	@GetMapping("/checkpoints/passages/export.xlsx")
	void export(@RequestParam(required = false) String checkpoint, @RequestParam(required = false) String person,
			@RequestParam(required = false) String q, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String decision, HttpServletResponse response) throws IOException {
		PassageLogFilter filter = this.passages.filter(CurrentUser.get(), checkpoint, person, q, from, to, direction, decision);
		this.export.write(CurrentUser.get(), filter, response);
	}

	@GetMapping("/checkpoints/passages/hourly")
	String hourly(@RequestParam(required = false) String day, @RequestParam(required = false) String checkpoint,
			HttpServletResponse response, Model model) {
		model.addAttribute("checkpoints", this.checkpoints.list(CurrentUser.get()));
		model.addAttribute("checkpoint", checkpoint);
		model.addAttribute("day", day == null || day.isBlank() ? this.passages.today().toString() : day);
		try {
			model.addAttribute("hourly",
					this.passages.hourly(CurrentUser.get(), checkpoint, day));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterErrors", errors(ex));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		return "checkpoint/passages-hourly";
	}

	/** Each bad parameter named by its label, with what is wrong with it. */
	private java.util.Map<String, String> errors(InvalidInputException ex) {
		java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
		ex.errors().forEach(e -> map.merge(e.field(),
				this.messages.get("field." + e.field()) + "：" + this.messages.get(e.code(), e.args()), (a, b) -> a + "；" + b));
		return map;
	}

}
