package cn.shouwang.monitoring.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import cn.shouwang.monitoring.MonitoringClock;
import cn.shouwang.monitoring.PersonalLinks;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.crypto.TokenSigner;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.QrCodes;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A household's personal links as a worker hands them out: issue one, show it as a QR code and
 * an address to print or send, revoke one that went astray. Shown inside the measure page (htmx)
 * and as a page of its own.
 */
@Controller
class PersonalLinkController {

	/** A link as the panel shows it; the QR code and address only while it works. */
	record LinkView(PersonalLinks.Listed link, boolean active, String url, String svg) {
	}

	private final PersonalLinks links;

	private final TokenSigner signer;

	private final MonitoringClock clock;

	private final Messages messages;

	PersonalLinkController(PersonalLinks links, TokenSigner signer, MonitoringClock clock, Messages messages) {
		this.links = links;
		this.signer = signer;
		this.clock = clock;
		this.messages = messages;
	}

	@GetMapping("/monitoring/households/{household}/links")
	String list(@PathVariable long household, HttpServletRequest request, Model model) {
		Instant now = this.clock.clock().instant();
		List<LinkView> views = this.links.linksOf(CurrentUser.get(), household).stream().map(l -> {
			boolean active = l.revokedAt() == null && now.isBefore(l.expiresAt());
			// the token is the same signature the link was issued with: the row keeps id and expiry
			String url = active ? selfReportUrl(this.signer.sign(TokenSigner.Purpose.PERSONAL_LINK, l.id(), l.expiresAt()))
					: null;
			return new LinkView(l, active, url, active ? QrCodes.svg(url) : null);
		}).toList();
		model.addAttribute("household", household);
		model.addAttribute("links", views);
		return Htmx.isHtmx(request) ? "monitoring/links :: links" : "monitoring/links";
	}

	@PostMapping("/monitoring/households/{household}/links")
	String issue(@PathVariable long household, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		this.links.issue(CurrentUser.get(), household);
		return done(household, "link.issued", request, model, redirect);
	}

	@PostMapping("/monitoring/links/{link}/revoke")
	String revoke(@PathVariable UUID link, @RequestParam(required = false) Long household, HttpServletRequest request,
			Model model, RedirectAttributes redirect) {
		this.links.revoke(CurrentUser.get(), link);
		if (household == null) {
			return "redirect:/monitoring";
		}
		return done(household, "link.revoked.done", request, model, redirect);
	}

	private String done(long household, String notice, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		if (!Htmx.isHtmx(request)) {
			redirect.addFlashAttribute("notice", this.messages.get(notice));
			return "redirect:/monitoring/households/" + household + "/links";
		}
		model.addAttribute("linkNotice", this.messages.get(notice));
		return list(household, request, model);
	}

	static String selfReportUrl(String token) {
		return ServletUriComponentsBuilder.fromCurrentContextPath().path("/r/").path(token).toUriString();
	}

}
