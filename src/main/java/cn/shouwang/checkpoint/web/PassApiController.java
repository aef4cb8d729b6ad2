package cn.shouwang.checkpoint.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.checkpoint.Pass;
import cn.shouwang.checkpoint.PassCardsPdf;
import cn.shouwang.checkpoint.PassService;
import cn.shouwang.checkpoint.PassageService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "passes", description = "Passes (出入证), the checkpoint's decision on a passage, and what scanning devices need offline")
class PassApiController {

	private final PassService passes;

	private final PassageService passages;

	private final PassCardsPdf pdf;

	private final ProblemWriter problems;

	PassApiController(PassService passes, PassageService passages, PassCardsPdf pdf, ProblemWriter problems) {
		this.passes = passes;
		this.passages = passages;
		this.pdf = pdf;
		this.problems = problems;
	}

	@PostMapping("/checkpoints/{checkpoint}/passages")
	@Operation(summary = "Record a passage and get the decision at once",
			description = "Body: id (a UUID made on the device), at (ISO instant, default now, at most 7 days back), direction IN|OUT, "
					+ "exactly one of pass (the code of the QR), idNumber (a registered resident's 18-digit 居民身份证 number, "
					+ "looked up exactly inside the checkpoint's jurisdiction, for someone without their code) or visitor "
					+ "{name, phone, reason, hostHouseholdId}, temperature (34–43 °C, required IN), "
					+ "plate, remeasure (true on the second reading after REMEASURE). Answers 201 with the decision "
					+ "(ALLOWED, TURNED_BACK, REMEASURE), a reason in Chinese and the holder's masked name; a replay of the "
					+ "same id answers 200 with the stored decision and duplicate=true, and stores nothing.")
	ResponseEntity<PassageService.PassageResult> record(@PathVariable long checkpoint,
			@RequestBody PassageService.PassageInput body) {
		PassageService.PassageResult result = this.passages.record(CurrentUser.get(), checkpoint, body);
		return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
	}

	/** The outcome of one scan of a batch upload: stored, already stored (a replay), or rejected with reasons. */
	record BatchItem(UUID id, String status, PassageService.PassageResult result, List<Map<String, String>> errors) {
	}

	@PostMapping("/checkpoints/{checkpoint}/passages/batch")
	@Operation(summary = "Upload a device's queued scans of one checkpoint at once",
			description = "Body: a list of 1 to " + PassageService.MAX_BATCH + " scans, each as for POST "
					+ "/checkpoints/{checkpoint}/passages. Each is decided and recorded as that endpoint would, in order, in one "
					+ "transaction. Answers 200 with one item per scan in the same order: STORED with its decision, REPLAYED "
					+ "with the decision stored before (nothing stored again), or REJECTED with errors naming what is wrong "
					+ "with that scan, which alone is left out. An unknown checkpoint fails the whole upload.")
	List<BatchItem> recordBatch(@PathVariable long checkpoint, @RequestBody List<PassageService.PassageInput> body) {
		return this.passages.recordAll(CurrentUser.get(), checkpoint, body)
			.stream()
			.map(o -> o.invalid() != null ? new BatchItem(o.id(), "REJECTED", null, this.problems.errors(o.invalid()))
					: new BatchItem(o.id(), o.result().duplicate() ? "REPLAYED" : "STORED", o.result(), List.of()))
			.toList();
	}

	@GetMapping("/checkpoints/{checkpoint}/revocations")
	@Operation(summary = "Passes revoked (and not yet expired) in the checkpoint's jurisdiction, for devices to refuse offline; pass since= the previous asOf")
	PassService.Revocations revocations(@PathVariable long checkpoint,
			@Parameter(description = "ISO instant: only revocations after it") @RequestParam(required = false) String since) {
		return this.passes.revocations(CurrentUser.get(), checkpoint, instant("since", since));
	}

	@GetMapping("/passes/public-key")
	@Operation(summary = "The Ed25519 public key pass codes are verified with (raw 32 bytes, base64url)")
	PassService.PublicKey publicKey() {
		return this.passes.publicKey();
	}

	@GetMapping("/checkpoints/{checkpoint}/passes")
	@Operation(summary = "The passes of the checkpoint's jurisdiction, newest first (500)")
	List<Pass> ofCheckpoint(@PathVariable long checkpoint, @RequestParam(defaultValue = "false") boolean valid) {
		return this.passes.ofCheckpoint(CurrentUser.get(), checkpoint, valid);
	}

	@PostMapping("/persons/{person}/passes")
	@Operation(summary = "Issue a pass valid to the end of expiresOn (yyyy-MM-dd, at most 366 days ahead); it replaces the person's valid pass")
	ResponseEntity<PassService.IssuedPass> issue(@PathVariable long person, @RequestBody PassService.IssueInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.passes.issue(CurrentUser.get(), person, body));
	}

	@GetMapping("/persons/{person}/passes")
	List<PassService.IssuedPass> ofPerson(@PathVariable long person) {
		return this.passes.ofPerson(CurrentUser.get(), person);
	}

	@GetMapping("/households/{household}/passes")
	List<PassService.IssuedPass> ofHousehold(@PathVariable long household) {
		return this.passes.ofHousehold(CurrentUser.get(), household);
	}

	@PostMapping("/passes/{pass}/revoke")
	@Operation(summary = "Revoke a pass (reason required); devices refuse it from their next sync")
	Pass revoke(@PathVariable UUID pass, @RequestBody PassService.RevokeInput body) {
		return this.passes.revoke(CurrentUser.get(), pass, body);
	}

	@GetMapping(value = "/passes/cards.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
	@Operation(summary = "Printable cards (A4, 8 to a page) of the valid passes of a household (householdId) or of a building or grid (nodeId)")
	ResponseEntity<byte[]> cards(@RequestParam(required = false) Long householdId, @RequestParam(required = false) Long nodeId) {
		byte[] bytes = this.pdf.render(this.passes.cards(CurrentUser.get(), householdId, nodeId), this.passes.zone());
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"passes.pdf\"")
			.contentType(MediaType.APPLICATION_PDF)
			.body(bytes);
	}

	static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return java.time.OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw InvalidInputException.of(field, "validation.date");
		}
	}

}
