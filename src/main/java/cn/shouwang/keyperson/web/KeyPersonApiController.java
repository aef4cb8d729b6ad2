package cn.shouwang.keyperson.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.keyperson.KeyPersonCategory;
import cn.shouwang.keyperson.KeyPersonRow;
import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.keyperson.KeyPersonSource;
import cn.shouwang.keyperson.KeyPersonStatus;
import cn.shouwang.keyperson.RiskAreaService;
import cn.shouwang.keyperson.VerificationCalls;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "key persons", description = "Key persons (重点人员), the four clears, verification calls and risk areas, inside the caller's jurisdiction")
class KeyPersonApiController {

	record StatusChange(KeyPersonStatus status, String note) {
	}

	record Responsibles(List<Long> userIds) {
	}

	record Category(String code, String nameZh, String nameEn, Integer sort, Boolean active) {
	}

	record EndArea(LocalDate effectiveTo) {
	}

	private final KeyPersonService keyPersons;

	private final VerificationCalls calls;

	private final RiskAreaService riskAreas;

	KeyPersonApiController(KeyPersonService keyPersons, VerificationCalls calls, RiskAreaService riskAreas) {
		this.keyPersons = keyPersons;
		this.calls = calls;
		this.riskAreas = riskAreas;
	}

	@GetMapping("/key-persons")
	@Operation(summary = "Key persons, filtered and paginated; overdue=true lists those still new after their deadline")
	PageResult<KeyPersonRow> list(@RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) String category, @RequestParam(required = false) KeyPersonStatus status,
			@RequestParam(required = false) KeyPersonSource source, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.keyPersons.list(CurrentUser.get(),
				KeyPersonController.filter(nodeId, category, status, source, q, overdue), PageQuery.of(page, size));
	}

	@PostMapping("/key-persons")
	@Operation(summary = "Register a key person for a registered person; a second open record of the same category is refused")
	ResponseEntity<KeyPersonRow> create(@RequestBody KeyPersonService.NewKeyPerson body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.keyPersons.create(CurrentUser.get(), body));
	}

	@GetMapping("/key-persons/{id}")
	KeyPersonService.Details get(@PathVariable long id) {
		return this.keyPersons.get(CurrentUser.get(), id);
	}

	@PatchMapping("/key-persons/{id}")
	@Operation(summary = "Set the four clears and notes (send every field, and the version you read)")
	KeyPersonRow updateClears(@PathVariable long id, @RequestBody KeyPersonService.Clears body) {
		return this.keyPersons.updateClears(CurrentUser.get(), id, body);
	}

	@PostMapping("/key-persons/{id}/status")
	@Operation(summary = "Move a key person on: NEW → VERIFIED → UNDER_MEASURE / CLEARED / NOT_FOUND / MOVED_AWAY")
	KeyPersonRow status(@PathVariable long id, @RequestBody StatusChange body) {
		return this.keyPersons.changeStatus(CurrentUser.get(), id, body.status(), body.note());
	}

	@PutMapping("/key-persons/{id}/responsibles")
	@Operation(summary = "Name the responsible people (users of the caller's jurisdiction)")
	KeyPersonService.Details responsibles(@PathVariable long id, @RequestBody Responsibles body) {
		this.keyPersons.setResponsibles(CurrentUser.get(), id, body.userIds());
		return this.keyPersons.get(CurrentUser.get(), id);
	}

	@GetMapping("/key-persons/calls")
	@Operation(summary = "The verification-call work list: new key persons due for a call, in call order")
	PageResult<VerificationCalls.WorkItem> workList(@RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.calls.workList(CurrentUser.get(), PageQuery.of(page, size));
	}

	@GetMapping("/key-persons/calls/per-worker")
	@Operation(summary = "Calls per worker on a day (default today), by outcome")
	List<VerificationCalls.WorkerDay> perWorker(@RequestParam(required = false) LocalDate day) {
		return this.calls.perWorker(CurrentUser.get(), day == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")) : day);
	}

	@GetMapping("/key-persons/{id}/phone")
	@Operation(summary = "The full phone number to dial (roles that call people); written to the access log")
	Map<String, String> phone(@PathVariable long id) {
		String phone = this.calls.phone(CurrentUser.get(), id);
		return Map.of("phone", phone == null ? "" : phone);
	}

	@PostMapping("/key-persons/{id}/calls")
	@Operation(summary = "Log a call; send a client-generated id so that a repeated request is stored once")
	ResponseEntity<VerificationCalls.Call> logCall(@PathVariable long id, @RequestBody VerificationCalls.CallInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.calls.log(CurrentUser.get(), id, body));
	}

	@GetMapping("/key-person-categories")
	List<KeyPersonCategory> categories(@RequestParam(required = false) Boolean all) {
		return this.keyPersons.categories(!Boolean.TRUE.equals(all));
	}

	@PostMapping("/key-person-categories")
	@Operation(summary = "Add a category, or rename or (de)activate one (district administrators)")
	KeyPersonCategory saveCategory(@RequestBody Category body) {
		return this.keyPersons.saveCategory(CurrentUser.get(), body.code(), body.nameZh(), body.nameEn(), body.sort(),
				body.active());
	}

	@GetMapping("/risk-areas")
	@Operation(summary = "Risk areas that apply to the caller's jurisdiction or were entered inside it")
	List<RiskAreaService.RiskArea> riskAreas(@RequestParam(required = false) Boolean all) {
		return this.riskAreas.list(CurrentUser.get(), Boolean.TRUE.equals(all), LocalDate.now(ZoneId.of("Asia/Shanghai")));
	}

	@PostMapping("/risk-areas")
	@Operation(summary = "Enter a risk area with the day it came into force (administrators)")
	ResponseEntity<RiskAreaService.RiskArea> addRiskArea(@RequestBody RiskAreaService.RiskAreaInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.riskAreas.add(CurrentUser.get(), body));
	}

	@PostMapping("/risk-areas/{id}/end")
	@Operation(summary = "End a risk area on a day (inclusive); it stays on record for earlier travel")
	RiskAreaService.RiskArea endRiskArea(@PathVariable long id, @RequestBody(required = false) EndArea body) {
		return this.riskAreas.end(CurrentUser.get(), id,
				body == null || body.effectiveTo() == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")) : body.effectiveTo());
	}

}
