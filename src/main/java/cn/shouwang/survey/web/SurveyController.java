package cn.shouwang.survey.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.XlsxExport;
import cn.shouwang.survey.Campaign;
import cn.shouwang.survey.CampaignService;
import cn.shouwang.survey.ProgressService;
import cn.shouwang.survey.RoundHousehold;
import cn.shouwang.survey.VisitService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The survey pages: rounds, a round's progress and teams, and the door form. */
@Controller
class SurveyController {

	private final CampaignService campaigns;

	private final ProgressService progress;

	private final VisitService visits;

	private final JurisdictionService jurisdictions;

	private final UserService users;

	private final Messages messages;

	SurveyController(CampaignService campaigns, ProgressService progress, VisitService visits,
			JurisdictionService jurisdictions, UserService users, Messages messages) {
		this.campaigns = campaigns;
		this.progress = progress;
		this.visits = visits;
		this.jurisdictions = jurisdictions;
		this.users = users;
		this.messages = messages;
	}

	@GetMapping("/survey")
	String list(@RequestParam(required = false) Boolean all, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("campaigns", this.campaigns.list(me, Boolean.TRUE.equals(all)));
		model.addAttribute("all", Boolean.TRUE.equals(all));
		model.addAttribute("today", LocalDate.now(ZoneId.of("Asia/Shanghai")));
		return "survey/list";
	}

	@PostMapping("/survey/campaigns")
	String create(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String startsOn, @RequestParam(required = false) String deadline,
			@RequestParam(required = false) Integer travelWindowDays, RedirectAttributes redirect) {
		try {
			Campaign c = this.campaigns.create(CurrentUser.get(),
					new CampaignService.NewCampaign(nodeId, name, startsOn, deadline, travelWindowDays));
			redirect.addFlashAttribute("notice", this.messages.get("survey.created", c.name()));
			return "redirect:/survey/campaigns/" + c.id();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
			return "redirect:/survey";
		}
	}

	@GetMapping("/survey/campaigns/{id}")
	String campaign(@PathVariable long id, @RequestParam(required = false) Long nodeId, HttpServletRequest request,
			Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		ProgressService.Progress p = this.progress.progress(me, id, nodeId);
		model.addAttribute("progress", p);
		model.addAttribute("campaign", p.campaign());
		if (Htmx.isHtmx(request)) {
			return "survey/campaign :: progress";
		}
		model.addAttribute("breadcrumb", this.jurisdictions.breadcrumb(me, p.node()));
		model.addAttribute("teams", this.campaigns.teams(me, id));
		model.addAttribute("canOrganise", (me.role().name().equals("DISTRICT_ADMIN") || me.role().name().equals("STREET_ADMIN")
				|| me.role().name().equals("COMMUNITY_WORKER")) && me.scope().contains(p.campaign().path()));
		model.addAttribute("myGrids", this.visits.gridsOf(me, id));
		return "survey/campaign";
	}

	@PostMapping("/survey/campaigns/{id}/close")
	String close(@PathVariable long id, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.campaigns.close(CurrentUser.get(), id), "saved",
				"/survey/campaigns/" + id);
	}

	@PostMapping("/survey/campaigns/{id}/teams")
	String addTeam(@PathVariable long id, @RequestParam(required = false) String name,
			@RequestParam(required = false) List<Long> memberIds, @RequestParam(required = false) List<Long> gridIds,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.campaigns.saveTeam(CurrentUser.get(), id, null,
				new CampaignService.TeamInput(name, memberIds, gridIds)), "saved", "/survey/campaigns/" + id);
	}

	@PostMapping("/survey/campaigns/{id}/teams/{teamId}/delete")
	String deleteTeam(@PathVariable long id, @PathVariable long teamId, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.campaigns.deleteTeam(CurrentUser.get(), id, teamId),
				"saved", "/survey/campaigns/" + id);
	}

	/** Team pickers (htmx): colleagues and the grids of the round in the caller's jurisdiction. */
	@GetMapping("/survey/campaigns/{id}/team-options")
	String teamOptions(@PathVariable long id, @RequestParam(required = false) String q, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		Campaign c = this.campaigns.get(me, id);
		model.addAttribute("colleagues", this.users.colleagues(me, q, 50));
		model.addAttribute("grids", this.jurisdictions.search(me, q == null ? "" : q, Level.GRID)
			.stream()
			.filter(g -> g.path().startsWith(c.path()))
			.toList());
		return "survey/campaign :: teamOptions";
	}

	@GetMapping("/survey/campaigns/{id}/households")
	String households(@PathVariable long id, @RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) RoundHousehold.State state, @RequestParam(required = false) Integer page,
			HttpServletRequest request, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("campaign", this.campaigns.get(me, id));
		model.addAttribute("result", this.progress.households(me, id, nodeId, state, PageQuery.of(page, 20)));
		model.addAttribute("state", state);
		model.addAttribute("nodeId", nodeId);
		model.addAttribute("states", RoundHousehold.State.values());
		model.addAttribute("query", request.getQueryString() == null ? ""
				: request.getQueryString().replaceAll("(^|&)page=\\d*", ""));
		return Htmx.isHtmx(request) ? "survey/households :: results" : "survey/households";
	}

	@GetMapping("/survey/campaigns/{id}/households.xlsx")
	void exportHouseholds(@PathVariable long id, @RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) RoundHousehold.State state, HttpServletResponse response) throws IOException {
		ShouwangPrincipal me = CurrentUser.get();
		Campaign c = this.campaigns.get(me, id);
		this.progress.households(me, id, nodeId, state, PageQuery.of(0, 1));
		XlsxExport.write(response, c.name() + m("survey.households.title"), "households",
				List.of(m("person.address"), m("survey.households.outcome"), m("survey.households.visits"),
						m("survey.households.lastVisit"), m("survey.households.visitor"), m("survey.households.personsMet"),
						m("survey.progress.findings")),
				sink -> this.progress.forEachHousehold(me, id, nodeId, state,
						h -> sink.row(h.address(), h.outcome() == null ? m("survey.door.notYet") : m(h.outcome().messageKey()),
								h.visits(), h.lastVisitAt() == null ? null
										: h.lastVisitAt().atZone(ZoneId.of("Asia/Shanghai")).toLocalDateTime().toString().replace('T', ' '),
								h.lastVisitor(), h.personsMet(), h.findings())));
	}

	/** The progress table as offices file it: units as rows, the figures and the four clears as columns. */
	@GetMapping("/survey/campaigns/{id}/progress.xlsx")
	void exportProgress(@PathVariable long id, @RequestParam(required = false) Long nodeId, HttpServletResponse response)
			throws IOException {
		ProgressService.Progress p = this.progress.progress(CurrentUser.get(), id, nodeId);
		List<ProgressService.Line> lines = new java.util.ArrayList<>(p.lines());
		if (p.node().level() != Level.GRID) {
			lines.add(p.total());
		}
		XlsxExport.write(response, p.campaign().name() + m("survey.progress.title"), "progress",
				List.of(m("survey.progress.unit"), m("survey.progress.householdsTotal"), m("survey.progress.doneShort"),
						m("survey.progress.percent"), m("survey.progress.revisit"), m("survey.progress.refused"),
						m("survey.progress.findings"), m("survey.clear.households"), m("survey.clear.persons"),
						m("survey.clear.whereabouts"), m("survey.clear.control")),
				sink -> lines.forEach(l -> sink.row(l == p.total() ? m("survey.progress.total") : l.name(), l.households(),
						l.done(), l.percent() + "%", l.revisit(), l.refused(), l.findings(), tick(l.householdsClear()),
						tick(l.personsClear()), tick(l.whereaboutsClear()), tick(l.controlClear()))));
	}

	private String tick(boolean clear) {
		return clear ? "✓" : "✗";
	}

	private String m(String key) {
		return this.messages.get(key);
	}

	/** The door form: a page that keeps working without network (its data and saved visits stay on the phone). */
	@GetMapping("/survey/campaigns/{id}/door")
	String door(@PathVariable long id, Model model) {
		ShouwangPrincipal me = CurrentUser.get();
		model.addAttribute("campaign", this.campaigns.get(me, id));
		model.addAttribute("grids", this.visits.gridsOf(me, id));
		return "survey/door";
	}

}
