package cn.shouwang.shared.audit;

import java.time.LocalDate;

import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.NavItem;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;

/** The audit page for administrators: every write inside their jurisdiction, filterable. */
@Controller
class AuditController {

	private final AuditTrail audit;

	private final cn.shouwang.shared.web.Messages messages;

	AuditController(AuditTrail audit, cn.shouwang.shared.web.Messages messages) {
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/audit")
	String page(@RequestParam(required = false) String entity, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
		ShouwangPrincipal me = requireAdmin();
		AuditTrail.Filter filter = new AuditTrail.Filter(entity, entityId, actor, from, to);
		model.addAttribute("result", this.audit.search(me.scope(), filter, PageQuery.of(page, 50)));
		model.addAttribute("filter", filter);
		return Htmx.isHtmx(request) ? "shared/audit :: results" : "shared/audit";
	}

	/** The filtered audit log as .xlsx (up to the newest 100,000 entries). */
	@GetMapping("/audit/export.xlsx")
	void export(@RequestParam(required = false) String entity, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		ShouwangPrincipal me = requireAdmin();
		AuditTrail.Filter filter = new AuditTrail.Filter(entity, entityId, actor, from, to);
		cn.shouwang.shared.web.XlsxExport.write(response, this.messages.get("audit.title"), "audit",
				java.util.List.of(this.messages.get("audit.at"), this.messages.get("audit.actor"),
						this.messages.get("audit.entity"), "ID", this.messages.get("audit.action"), "before", "after"),
				sink -> {
					for (int p = 0; p < 500; p++) {
						PageResult<AuditTrail.Entry> page = this.audit.search(me.scope(), filter, PageQuery.of(p, PageQuery.MAX_SIZE));
						for (AuditTrail.Entry e : page.items()) {
							sink.row(e.at(), e.actorName(), this.messages.get("entity." + e.entity()), e.entityId(),
									this.messages.get("audit.action." + e.action()), e.before(), e.after());
						}
						if (!page.hasNext()) {
							break;
						}
					}
				});
	}

	static ShouwangPrincipal requireAdmin() {
		ShouwangPrincipal me = CurrentUser.get();
		if (!me.role().managesUsers()) {
			throw new AccessDeniedException("audit needs an administrator");
		}
		return me;
	}

	@RestController
	static class AuditApiController {

		private final AuditTrail audit;

		AuditApiController(AuditTrail audit) {
			this.audit = audit;
		}

		@GetMapping("/api/v1/audit")
		@ResponseBody
		PageResult<AuditTrail.Entry> search(@RequestParam(required = false) String entity,
				@RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
				@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
				@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
				@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
			ShouwangPrincipal me = requireAdmin();
			return this.audit.search(me.scope(), new AuditTrail.Filter(entity, entityId, actor, from, to),
					PageQuery.of(page, size));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuditNavigation {

		@Bean
		NavItem auditNav() {
			return NavItem.forRoles("nav.audit", "/audit", 90, Role.DISTRICT_ADMIN, Role.STREET_ADMIN,
					Role.COMMUNITY_WORKER);
		}

	}

}
