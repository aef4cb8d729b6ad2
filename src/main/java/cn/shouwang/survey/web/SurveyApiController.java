package cn.shouwang.survey.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.ProblemWriter;
import cn.shouwang.survey.Campaign;
import cn.shouwang.survey.CampaignService;
import cn.shouwang.survey.ProgressService;
import cn.shouwang.survey.RoundHousehold;
import cn.shouwang.survey.Team;
import cn.shouwang.survey.VisitService;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/survey")
@Tag(name = "survey", description = "Door-to-door survey rounds, teams, visits (offline uploads included) and progress")
class SurveyApiController {

	/** The outcome of one visit of a batch upload: stored, already stored (a replay), or rejected with reasons. */
	record BatchItem(UUID id, String status, VisitService.VisitResult result, List<Map<String, String>> errors) {
	}

	private final CampaignService campaigns;

	private final VisitService visits;

	private final ProgressService progress;

	private final Messages messages;

	private final ProblemWriter problems;

	SurveyApiController(CampaignService campaigns, VisitService visits, ProgressService progress, Messages messages,
			ProblemWriter problems) {
		this.problems = problems;
		this.campaigns = campaigns;
		this.visits = visits;
		this.progress = progress;
		this.messages = messages;
	}

	@GetMapping("/campaigns")
	List<Campaign> campaigns(@RequestParam(required = false) Boolean all) {
		return this.campaigns.list(CurrentUser.get(), Boolean.TRUE.equals(all));
	}

	@PostMapping("/campaigns")
	@Operation(summary = "Start a round over a jurisdiction: every household there becomes a door to knock on")
	ResponseEntity<Campaign> create(@RequestBody CampaignService.NewCampaign body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.campaigns.create(CurrentUser.get(), body));
	}

	@GetMapping("/campaigns/{id}")
	Campaign campaign(@PathVariable long id) {
		return this.campaigns.get(CurrentUser.get(), id);
	}

	@PostMapping("/campaigns/{id}/close")
	Campaign close(@PathVariable long id) {
		return this.campaigns.close(CurrentUser.get(), id);
	}

	@GetMapping("/campaigns/{id}/teams")
	List<Team> teams(@PathVariable long id) {
		return this.campaigns.teams(CurrentUser.get(), id);
	}

	@PostMapping("/campaigns/{id}/teams")
	@Operation(summary = "Add a team: members (workers, volunteers) and the grids they knock on")
	ResponseEntity<Team> addTeam(@PathVariable long id, @RequestBody CampaignService.TeamInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.campaigns.saveTeam(CurrentUser.get(), id, null, body));
	}

	@PutMapping("/campaigns/{id}/teams/{teamId}")
	Team updateTeam(@PathVariable long id, @PathVariable long teamId, @RequestBody CampaignService.TeamInput body) {
		return this.campaigns.saveTeam(CurrentUser.get(), id, teamId, body);
	}

	@DeleteMapping("/campaigns/{id}/teams/{teamId}")
	ResponseEntity<Void> deleteTeam(@PathVariable long id, @PathVariable long teamId) {
		this.campaigns.deleteTeam(CurrentUser.get(), id, teamId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/campaigns/{id}/progress")
	@Operation(summary = "Progress by the children of a node (default: the round's node or the caller's), with the four clears per grid")
	ProgressService.Progress progress(@PathVariable long id, @RequestParam(required = false) Long nodeId) {
		return this.progress.progress(CurrentUser.get(), id, nodeId);
	}

	@GetMapping("/campaigns/{id}/households")
	@Operation(summary = "The round's households under a node with their latest outcome; state=REVISIT is the revisit list")
	cn.shouwang.shared.PageResult<RoundHousehold> households(@PathVariable long id,
			@RequestParam(required = false) Long nodeId, @RequestParam(required = false) RoundHousehold.State state,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.progress.households(CurrentUser.get(), id, nodeId, state,
				cn.shouwang.shared.PageQuery.of(page, size));
	}

	@GetMapping("/campaigns/{id}/doors")
	@Operation(summary = "The doors of one of the caller's grids (default: the first), with members and the round's outcome so far")
	List<VisitService.Door> doors(@PathVariable long id, @RequestParam(required = false) Long gridId) {
		return this.visits.doors(CurrentUser.get(), id, gridId);
	}

	@GetMapping("/campaigns/{id}/households/{householdId}/visits")
	List<VisitService.Visit> householdVisits(@PathVariable long id, @PathVariable long householdId) {
		return this.visits.visitsOf(CurrentUser.get(), id, householdId);
	}

	@PostMapping("/visits")
	@Operation(summary = "Record a visit. The id is made by the device; sending the same visit again returns it with replayed=true and stores nothing")
	ResponseEntity<VisitService.VisitResult> visit(@RequestBody VisitService.VisitInput body) {
		VisitService.VisitResult result = this.visits.record(CurrentUser.get(), body);
		return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
	}

	@PostMapping("/visits/batch")
	@Operation(summary = "Upload visits saved offline, each in its own transaction: one rejected visit does not hold back the others")
	List<BatchItem> batch(@RequestBody List<VisitService.VisitInput> body) {
		if (body.size() > 500) {
			throw InvalidInputException.of("visits", "survey.batchTooLarge", 500);
		}
		List<BatchItem> items = new ArrayList<>();
		for (VisitService.VisitInput visit : body) {
			try {
				VisitService.VisitResult r = this.visits.record(CurrentUser.get(), visit);
				items.add(new BatchItem(visit.id(), r.replayed() ? "REPLAYED" : "STORED", r, List.of()));
			}
			catch (InvalidInputException ex) {
				items.add(new BatchItem(visit.id(), "REJECTED", null, this.problems.errors(ex)));
			}
			catch (NotFoundException ex) {
				items.add(new BatchItem(visit.id(), "REJECTED", null, List.of(Map.of("field", "householdId", "code",
						"problem.notFound", "message", this.messages.get("problem.notFound")))));
			}
		}
		return items;
	}

}
