package cn.shouwang.checkpoint.web;

import java.time.LocalDate;
import java.time.ZoneId;

import cn.shouwang.checkpoint.CheckpointKind;
import cn.shouwang.checkpoint.CheckpointService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The checkpoint pages: the list, a checkpoint with its roster, the day's coverage. */
@Controller
class CheckpointController {

	private final CheckpointService checkpoints;

	private final Messages messages;

	CheckpointController(CheckpointService checkpoints, Messages messages) {
		this.checkpoints = checkpoints;
		this.messages = messages;
	}

	@GetMapping("/checkpoints")
	String list(@RequestParam(required = false) String day, Model model) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate d = errors.date("day", day);
		errors.throwIfAny();
		model.addAttribute("checkpoints", this.checkpoints.list(CurrentUser.get()));
		model.addAttribute("coverage", this.checkpoints.coverage(CurrentUser.get(), d == null ? today : d));
		model.addAttribute("kinds", CheckpointKind.values());
		return "checkpoint/list";
	}

	@PostMapping("/checkpoints")
	String create(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String name,
			@RequestParam(required = false) CheckpointKind kind, @RequestParam(required = false) String location,
			@RequestParam(required = false) String opensAt, @RequestParam(required = false) String closesAt,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.checkpoints.create(CurrentUser.get(),
				new CheckpointService.CheckpointInput(nodeId, name, kind, location, opensAt, closesAt, true, null)),
				"saved", "/checkpoints");
	}

	@GetMapping("/checkpoints/{id}")
	String checkpoint(@PathVariable long id, Model model) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		model.addAttribute("checkpoint", this.checkpoints.get(CurrentUser.get(), id));
		model.addAttribute("shifts", this.checkpoints.shifts(CurrentUser.get(), id, today.minusDays(1), today.plusDays(7)));
		model.addAttribute("kinds", CheckpointKind.values());
		model.addAttribute("today", today);
		return "checkpoint/checkpoint";
	}

	@PostMapping("/checkpoints/{id}")
	String update(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) CheckpointKind kind, @RequestParam(required = false) String location,
			@RequestParam(required = false) String opensAt, @RequestParam(required = false) String closesAt,
			@RequestParam(required = false) Boolean open, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.checkpoints.update(CurrentUser.get(), id,
				new CheckpointService.CheckpointInput(null, name, kind, location, opensAt, closesAt, open, version)),
				"saved", "/checkpoints/" + id);
	}

	@PostMapping("/checkpoints/{id}/shifts")
	String addShift(@PathVariable long id, @RequestParam(required = false) String startsAt,
			@RequestParam(required = false) String endsAt, @RequestParam(required = false) String guardName,
			RedirectAttributes redirect) {
		try {
			CheckpointService.ShiftAdded added = this.checkpoints.addShift(CurrentUser.get(), id,
					new CheckpointService.ShiftInput(startsAt, endsAt, null, guardName));
			String notice = this.messages.get("saved");
			for (String w : added.warnings()) {
				String[] parts = w.split(":");
				notice += "；" + this.messages.get(parts[0], parts[1], parts[2]);
			}
			redirect.addFlashAttribute("notice", notice);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
		}
		return "redirect:/checkpoints/" + id;
	}

	@PostMapping("/checkpoints/{id}/shifts/{shiftId}/delete")
	String removeShift(@PathVariable long id, @PathVariable long shiftId, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.checkpoints.removeShift(CurrentUser.get(), id, shiftId),
				"saved", "/checkpoints/" + id);
	}

}
