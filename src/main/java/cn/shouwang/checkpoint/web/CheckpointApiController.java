package cn.shouwang.checkpoint.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.checkpoint.Checkpoint;
import cn.shouwang.checkpoint.CheckpointService;
import cn.shouwang.checkpoint.Shift;
import cn.shouwang.shared.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "checkpoints", description = "Checkpoints, opening hours, duty shifts and the day's coverage")
class CheckpointApiController {

	private final CheckpointService checkpoints;

	CheckpointApiController(CheckpointService checkpoints) {
		this.checkpoints = checkpoints;
	}

	@GetMapping("/checkpoints")
	List<Checkpoint> list() {
		return this.checkpoints.list(CurrentUser.get());
	}

	@PostMapping("/checkpoints")
	@Operation(summary = "Add a checkpoint; opening hours as HH:mm (both or neither: neither means round the clock)")
	ResponseEntity<Checkpoint> create(@RequestBody CheckpointService.CheckpointInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.checkpoints.create(CurrentUser.get(), body));
	}

	@GetMapping("/checkpoints/{id}")
	Checkpoint get(@PathVariable long id) {
		return this.checkpoints.get(CurrentUser.get(), id);
	}

	@PatchMapping("/checkpoints/{id}")
	@Operation(summary = "Change a checkpoint (send every field and the version you read); open=false closes it")
	Checkpoint update(@PathVariable long id, @RequestBody CheckpointService.CheckpointInput body) {
		return this.checkpoints.update(CurrentUser.get(), id, body);
	}

	@GetMapping("/checkpoints/{id}/shifts")
	List<Shift> shifts(@PathVariable long id, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		return this.checkpoints.shifts(CurrentUser.get(), id, from == null ? today : from, to == null ? today.plusDays(7) : to);
	}

	@PostMapping("/checkpoints/{id}/shifts")
	@Operation(summary = "Put a guard on duty (at most 24 hours, never two places at once); warnings name anyone on duty too many days in a row")
	ResponseEntity<CheckpointService.ShiftAdded> addShift(@PathVariable long id,
			@RequestBody CheckpointService.ShiftInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.checkpoints.addShift(CurrentUser.get(), id, body));
	}

	@DeleteMapping("/checkpoints/{id}/shifts/{shiftId}")
	ResponseEntity<Void> removeShift(@PathVariable long id, @PathVariable long shiftId) {
		this.checkpoints.removeShift(CurrentUser.get(), id, shiftId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/checkpoints/coverage")
	@Operation(summary = "A day's coverage of every open checkpoint: covered stretches with their guards, and the gaps")
	CheckpointService.Day coverage(@RequestParam(required = false) LocalDate day) {
		return this.checkpoints.coverage(CurrentUser.get(), day == null ? LocalDate.now(ZoneId.of("Asia/Shanghai")) : day);
	}

}
