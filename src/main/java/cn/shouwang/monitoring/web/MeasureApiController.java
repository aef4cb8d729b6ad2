package cn.shouwang.monitoring.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.monitoring.MeasureFilter;
import cn.shouwang.monitoring.MeasureRow;
import cn.shouwang.monitoring.MeasureService;
import cn.shouwang.monitoring.MeasureStatus;
import cn.shouwang.monitoring.MeasureType;
import cn.shouwang.monitoring.MonitoringBoard;
import cn.shouwang.monitoring.Policy;
import cn.shouwang.monitoring.PolicyService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "monitoring", description = "Control measures with their follow-up window, team and release; monitoring policy versions")
class MeasureApiController {

	record Exposure(String lastExposure) {
	}

	record End(MeasureStatus status, String note) {
	}

	private final MeasureService measures;

	private final PolicyService policies;

	private final MonitoringBoard board;

	MeasureApiController(MeasureService measures, PolicyService policies, MonitoringBoard board) {
		this.measures = measures;
		this.policies = policies;
		this.board = board;
	}

	@GetMapping("/monitoring/dashboard")
	@Operation(summary = "The team dashboard: running measures, checks due and done today, overdue now, open alerts; mine=true for the caller's 4+N measures")
	MonitoringBoard.Dashboard dashboard(@RequestParam(required = false) Boolean mine) {
		return this.board.dashboard(CurrentUser.get(), Boolean.TRUE.equals(mine));
	}

	@GetMapping("/monitoring/grid")
	@Operation(summary = "The follow-up grid: running measures, each with its days and the state of the morning and evening checks")
	PageResult<MonitoringBoard.GridRow> grid(@RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) MeasureType type, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.board.grid(CurrentUser.get(), filter(nodeId, null, type, q), PageQuery.of(page, size));
	}

	static MeasureFilter filter(Long nodeId, MeasureStatus status, MeasureType type, String q) {
		if (q != null && q.length() > 100) {
			throw InvalidInputException.of("q", "validation.tooLong", 100);
		}
		return new MeasureFilter(nodeId, status, type, q);
	}

	@GetMapping("/measures")
	@Operation(summary = "Measures, by default the running ones, ending soonest first")
	PageResult<MeasureRow> list(@RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) MeasureStatus status, @RequestParam(required = false) MeasureType type,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.measures.list(CurrentUser.get(), filter(nodeId, status, type, q), PageQuery.of(page, size));
	}

	@PostMapping("/measures")
	@Operation(summary = "Start a measure for a key person: the policy in force on its first day sets the phases; end = last exposure + total days")
	ResponseEntity<MeasureRow> start(@RequestBody MeasureService.StartMeasure body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.measures.start(CurrentUser.get(), body));
	}

	@GetMapping("/measures/{id}")
	MeasureService.Details get(@PathVariable long id) {
		return this.measures.get(CurrentUser.get(), id);
	}

	@PostMapping("/measures/{id}/reexposure")
	@Operation(summary = "A later exposure: the window moves, the policy version stays, only slots still ahead are regenerated")
	MeasureRow reexpose(@PathVariable long id, @RequestBody Exposure body) {
		return this.measures.reexpose(CurrentUser.get(), id, body.lastExposure());
	}

	@PutMapping("/measures/{id}/team")
	@Operation(summary = "The 4+N team: street cadre, community cadre, medical worker, police and others")
	MeasureService.Details team(@PathVariable long id, @RequestBody List<MeasureService.TeamMember> body) {
		this.measures.setTeam(CurrentUser.get(), id, body);
		return this.measures.get(CurrentUser.get(), id);
	}

	@PostMapping("/measures/{id}/end")
	@Operation(summary = "End early: TRANSFERRED or REFERRED (to hospital)")
	MeasureRow end(@PathVariable long id, @RequestBody End body) {
		return this.measures.end(CurrentUser.get(), id, body.status(), body.note());
	}

	@PostMapping("/measures/{id}/release")
	@Operation(summary = "Release when the window is over and the last required check was normal")
	MeasureRow release(@PathVariable long id) {
		return this.measures.release(CurrentUser.get(), id);
	}

	@GetMapping("/monitoring-policies")
	@Operation(summary = "Every policy version with its effective date")
	List<Policy> policies() {
		return this.policies.all();
	}

	@PostMapping("/monitoring-policies")
	@Operation(summary = "Add a version taking effect on a future day (district administrators)")
	ResponseEntity<Policy> addPolicy(@RequestBody PolicyService.PolicyInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.policies.add(CurrentUser.get(), body));
	}

}
