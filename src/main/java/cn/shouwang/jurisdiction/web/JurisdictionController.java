package cn.shouwang.jurisdiction.web;

import java.io.IOException;
import java.io.InputStream;

import cn.shouwang.jurisdiction.Duty;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.jurisdiction.TreeImport;
import cn.shouwang.jurisdiction.UnitKind;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Browse the tree from one's own node down; administrators change it. */
@Controller
class JurisdictionController {

	private final JurisdictionService service;

	private final TreeImport treeImport;

	private final AuditTrail audit;

	private final Messages messages;

	JurisdictionController(JurisdictionService service, TreeImport treeImport, AuditTrail audit, Messages messages) {
		this.service = service;
		this.treeImport = treeImport;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/jurisdictions")
	String root() {
		return "redirect:/jurisdictions/" + CurrentUser.get().nodeId();
	}

	@GetMapping("/jurisdictions/{id}")
	String show(@PathVariable long id, @RequestParam(defaultValue = "false") boolean retired, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		Node node = this.service.get(me, id);
		model.addAttribute("node", node);
		model.addAttribute("breadcrumb", this.service.breadcrumb(me, node));
		model.addAttribute("children", this.service.children(me, id, retired));
		model.addAttribute("showRetired", retired);
		model.addAttribute("units", node.level() == Level.COMMUNITY ? this.service.units(me, id) : java.util.List.of());
		model.addAttribute("responsibilities", this.service.responsibilities(me, id));
		model.addAttribute("duties", Duty.values());
		model.addAttribute("unitKinds", UnitKind.values());
		model.addAttribute("canManage", me.role().managesUsers());
		model.addAttribute("isOwnRoot", node.path().equals(me.nodePath()));
		model.addAttribute("parentLevel", node.level() == Level.DISTRICT ? null : Level.values()[node.level().ordinal() - 1]);
		return "jurisdiction/node";
	}

	@GetMapping("/jurisdictions/{id}/history")
	String history(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		this.service.get(me, id);
		model.addAttribute("entries", this.audit.history(me.scope(), "jurisdiction_node", id));
		return "shared/history :: history";
	}

	/** Options for a node picker, found by name inside the caller's scope (htmx). */
	@GetMapping("/jurisdictions/options")
	String options(@RequestParam(required = false) String q, @RequestParam(required = false) Level level,
			Model model) {
		model.addAttribute("nodes", this.service.search(CurrentUser.get(), q, level));
		return "shared/node-picker :: options";
	}

	@PostMapping("/jurisdictions/{id}/children")
	String addChild(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String code, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.service.createChild(CurrentUser.get(), id, name, code), "jurisdiction.created");
	}

	@PostMapping("/jurisdictions/{id}/rename")
	String rename(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) String code, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> this.service.rename(CurrentUser.get(), id, name, code, version), "saved");
	}

	@PostMapping("/jurisdictions/{id}/move")
	String move(@PathVariable long id, @RequestParam(required = false) Long parentId, RedirectAttributes redirect) {
		if (parentId == null) {
			redirect.addFlashAttribute("errors", FormErrors.of(InvalidInputException.of("parentId", "validation.required"),
					this.messages));
			return "redirect:/jurisdictions/" + id;
		}
		return act(id, redirect, () -> this.service.move(CurrentUser.get(), id, parentId), "jurisdiction.moved");
	}

	@PostMapping("/jurisdictions/{id}/retire")
	String retire(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.service.retire(CurrentUser.get(), id), "jurisdiction.retired");
	}

	@PostMapping("/jurisdictions/{id}/restore")
	String restore(@PathVariable long id, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.service.restore(CurrentUser.get(), id), "jurisdiction.restored");
	}

	@PostMapping("/jurisdictions/{id}/units")
	String addUnit(@PathVariable long id, @RequestParam(required = false) UnitKind kind,
			@RequestParam(required = false) String name, @RequestParam(required = false) String address,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> this.service.addUnit(CurrentUser.get(), id, kind, name, address), "saved");
	}

	@PostMapping("/jurisdictions/{id}/responsibilities")
	String addResponsibility(@PathVariable long id, @RequestParam(required = false) Duty duty,
			@RequestParam(required = false) String personName, @RequestParam(required = false) String position,
			@RequestParam(required = false) String phone, RedirectAttributes redirect) {
		return act(id, redirect,
				() -> this.service.addResponsibility(CurrentUser.get(), id, duty, personName, position, phone), "saved");
	}

	@PostMapping("/jurisdictions/{id}/responsibilities/{rid}/delete")
	String removeResponsibility(@PathVariable long id, @PathVariable long rid, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			this.service.removeResponsibility(CurrentUser.get(), rid);
			return null;
		}, "saved");
	}

	/** The full phone number, on demand, written to the access log (htmx swaps it in place). */
	@GetMapping(value = "/jurisdictions/responsibilities/{rid}/phone", produces = "text/plain;charset=UTF-8")
	@ResponseBody
	String revealPhone(@PathVariable long rid) {
		String phone = this.service.revealResponsibilityPhone(CurrentUser.get(), rid);
		return phone == null ? "" : phone;
	}

	@GetMapping("/jurisdictions/{id}/import")
	String importForm(@PathVariable long id, Model model) {
		model.addAttribute("node", this.service.get(CurrentUser.get(), id));
		return "jurisdiction/import";
	}

	@PostMapping("/jurisdictions/{id}/import")
	String importTree(@PathVariable long id, @RequestParam(required = false) MultipartFile file, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("node", this.service.get(me, id));
		try {
			if (file == null || file.isEmpty()) {
				throw InvalidInputException.of("file", "import.empty");
			}
			try (InputStream in = file.getInputStream()) {
				model.addAttribute("result", this.treeImport.importSheet(me, id, in));
			}
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
		}
		catch (IOException ex) {
			model.addAttribute("errors", FormErrors.of(InvalidInputException.of("file", "import.notXlsx"), this.messages));
		}
		return "jurisdiction/import";
	}

	private String act(long id, RedirectAttributes redirect, java.util.function.Supplier<?> action, String notice) {
		return FormErrors.run(redirect, this.messages, action::get, notice, "/jurisdictions/" + id);
	}

}
