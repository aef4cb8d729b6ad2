package cn.shouwang.care.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

import cn.shouwang.care.CareFilter;
import cn.shouwang.care.CareService;
import cn.shouwang.care.RequestKind;
import cn.shouwang.care.RequestStatus;
import cn.shouwang.care.ServiceRequestRow;
import cn.shouwang.identity.UserService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/care")
@Tag(name = "care", description = "Service requests (生活保障) of households under a measure or in a vulnerable group: "
		+ "entered, assigned to a volunteer, done, cancelled, with the household's feedback; the overdue list")
class CareApiController {

	record Assign(Long userId, Integer version) {
	}

	record Done(String note, Integer version) {
	}

	record Cancel(String reason, Integer version) {
	}

	record Feedback(Boolean satisfied, String feedback, Integer version) {
	}

	private final CareService care;

	CareApiController(CareService care) {
		this.care = care;
	}

	@GetMapping("/requests")
	@Operation(summary = "Requests in the caller's jurisdiction (a volunteer: only their own), open ones soonest due first; "
			+ "overdue=true for the overdue list, mine=true for those assigned to the caller")
	PageResult<ServiceRequestRow> list(@RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) RequestStatus status, @RequestParam(required = false) RequestKind kind,
			@RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Boolean mine,
			@RequestParam(required = false) Long householdId, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.care.list(CurrentUser.get(), new CareFilter(nodeId, status, kind, overdue, mine, householdId, q),
				PageQuery.of(page, size));
	}

	@GetMapping("/requests/counts")
	@Operation(summary = "How many requests are open, assigned, done, cancelled and overdue")
	CareService.Counts counts(@RequestParam(required = false) Long nodeId) {
		return this.care.counts(CurrentUser.get(), nodeId);
	}

	@GetMapping("/my-tasks")
	@Operation(summary = "The caller's own tasks (assigned to them), open ones first")
	PageResult<ServiceRequestRow> mine(@RequestParam(required = false) RequestStatus status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.care.list(CurrentUser.get(), new CareFilter(null, status, null, null, true, null, null),
				PageQuery.of(page, size));
	}

	@GetMapping("/households/{id}")
	@Operation(summary = "A household of the caller's jurisdiction and why it may ask for help (under a measure, vulnerable members)")
	CareService.Household household(@PathVariable long id) {
		return this.care.household(CurrentUser.get(), id);
	}

	@PostMapping("/requests")
	@Operation(summary = "Enter a request for a household under a measure or with a vulnerable member; dueAt "
			+ "(yyyy-MM-ddTHH:mm, local time) defaults by kind")
	ResponseEntity<ServiceRequestRow> create(@RequestBody CareService.NewRequest body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.care.create(CurrentUser.get(), body));
	}

	@GetMapping("/requests/{id}")
	@Operation(summary = "A request with its timeline")
	CareService.Details get(@PathVariable long id) {
		return this.care.get(CurrentUser.get(), id);
	}

	@GetMapping("/requests/{id}/volunteers")
	@Operation(summary = "The volunteers the request may be assigned to: enabled, their jurisdiction covering the household")
	List<UserService.Colleague> volunteers(@PathVariable long id) {
		return this.care.volunteersFor(CurrentUser.get(), id);
	}

	@PostMapping("/requests/{id}/assign")
	@Operation(summary = "Assign (or reassign) to a volunteer; version: the one read, a change made meanwhile is refused")
	ServiceRequestRow assign(@PathVariable long id, @RequestBody Assign body) {
		return this.care.assign(CurrentUser.get(), id, body.userId(), body.version());
	}

	@PostMapping("/requests/{id}/done")
	@Operation(summary = "Done, with what was done (the assigned volunteer or a worker)")
	ServiceRequestRow done(@PathVariable long id, @RequestBody Done body) {
		return this.care.done(CurrentUser.get(), id, body.note(), body.version());
	}

	@PostMapping("/requests/{id}/cancel")
	@Operation(summary = "Cancel an open or assigned request, with the reason")
	ServiceRequestRow cancel(@PathVariable long id, @RequestBody Cancel body) {
		return this.care.cancel(CurrentUser.get(), id, body.reason(), body.version());
	}

	@PostMapping("/requests/{id}/feedback")
	@Operation(summary = "The household's feedback on a done request, as a worker heard it (once)")
	ServiceRequestRow feedback(@PathVariable long id, @RequestBody Feedback body) {
		return this.care.feedback(CurrentUser.get(), id, body.satisfied(), body.feedback(), body.version());
	}

}
