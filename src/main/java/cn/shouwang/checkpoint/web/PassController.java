package cn.shouwang.checkpoint.web;

import java.util.List;
import java.util.UUID;

import cn.shouwang.checkpoint.Checkpoint;
import cn.shouwang.checkpoint.CheckpointService;
import cn.shouwang.checkpoint.PassCardsPdf;
import cn.shouwang.checkpoint.PassService;
import cn.shouwang.keyperson.HealthRules;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.QrCodes;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pass pages: a household's passes (issue, revoke, print), the cards of a building or grid, a
 * resident's own pass, and the guard's screen with its JSON calls (the same service as the device
 * API, with the browser's session and CSRF token).
 */
@Controller
class PassController {

	private final PassService passes;

	private final CheckpointService checkpoints;

	private final PassCardsPdf pdf;

	private final Messages messages;

	private final HealthRules health;

	PassController(PassService passes, CheckpointService checkpoints, PassCardsPdf pdf, Messages messages,
			HealthRules health) {
		this.health = health;
		this.passes = passes;
		this.checkpoints = checkpoints;
		this.pdf = pdf;
		this.messages = messages;
	}

	@GetMapping("/passes")
	String list(@RequestParam(required = false) Long householdId, Model model) {
		if (householdId != null) {
			return "redirect:/passes/households/" + householdId;
		}
		model.addAttribute("recent", this.passes.recent(CurrentUser.get()));
		return "checkpoint/passes";
	}

	@GetMapping("/passes/households/{household}")
	String household(@PathVariable long household, Model model) {
		model.addAttribute("data", this.passes.household(CurrentUser.get(), household));
		model.addAttribute("defaultUntil", java.time.LocalDate.now(this.passes.zone()).plusDays(90));
		return "checkpoint/household-passes";
	}

	@PostMapping("/passes/persons/{person}/issue")
	String issue(@PathVariable long person, @RequestParam long householdId, @RequestParam(required = false) String expiresOn,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.passes.issue(CurrentUser.get(), person, new PassService.IssueInput(expiresOn)), "pass.issued",
				"/passes/households/" + householdId);
	}

	@PostMapping("/passes/{pass}/revoke")
	String revoke(@PathVariable UUID pass, @RequestParam long householdId, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.passes.revoke(CurrentUser.get(), pass, new PassService.RevokeInput(reason)), "pass.revoked",
				"/passes/households/" + householdId);
	}

	@GetMapping("/passes/cards.pdf")
	ResponseEntity<byte[]> cards(@RequestParam(required = false) Long householdId, @RequestParam(required = false) Long nodeId) {
		byte[] bytes = this.pdf.render(this.passes.cards(CurrentUser.get(), householdId, nodeId), this.passes.zone());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"passes.pdf\"")
			.contentType(MediaType.APPLICATION_PDF)
			.body(bytes);
	}

	@GetMapping("/me/pass")
	String mine(Model model) {
		List<PassService.IssuedPass> own = this.passes.own(CurrentUser.get());
		model.addAttribute("passes", own);
		model.addAttribute("svgs", own.stream().map(p -> QrCodes.svg(p.code())).toList());
		return "checkpoint/my-pass";
	}

	// ---- the guard's screen ----

	@GetMapping("/guard")
	String posts(Model model) {
		List<Checkpoint> posts = this.checkpoints.posts(CurrentUser.get());
		if (posts.size() == 1) {
			return "redirect:/guard/checkpoints/" + posts.get(0).id();
		}
		model.addAttribute("posts", posts);
		return "checkpoint/guard-posts";
	}

	@GetMapping("/guard/checkpoints/{checkpoint}")
	String guard(@PathVariable long checkpoint, Model model) {
		model.addAttribute("checkpoint", this.checkpoints.get(CurrentUser.get(), checkpoint));
		model.addAttribute("posts", this.checkpoints.posts(CurrentUser.get()));
		model.addAttribute("publicKey", this.passes.publicKey().key());
		model.addAttribute("feverThreshold", this.health.feverThreshold());
		return "checkpoint/guard";
	}

}
