package cn.shouwang.monitoring.web;

import cn.shouwang.monitoring.PersonTimeline;
import cn.shouwang.shared.CurrentUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A person's timeline under control measures: measures, checks, alerts and service requests in time order. */
@Controller
class PersonTimelineController {

	private final PersonTimeline timeline;

	PersonTimelineController(PersonTimeline timeline) {
		this.timeline = timeline;
	}

	@GetMapping("/monitoring/persons/{person}")
	String timeline(@PathVariable long person, Model model) {
		model.addAttribute("timeline", this.timeline.of(CurrentUser.get(), person));
		return "monitoring/timeline";
	}

}
