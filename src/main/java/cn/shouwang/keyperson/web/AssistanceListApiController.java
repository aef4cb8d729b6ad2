package cn.shouwang.keyperson.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.keyperson.AssistanceList;
import cn.shouwang.keyperson.AssistanceListRow;
import cn.shouwang.keyperson.AssistanceListService;
import cn.shouwang.keyperson.MatchStatus;
import cn.shouwang.registry.importing.Field;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.web.Messages;

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
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/assistance-lists")
@Tag(name = "assistance lists", description = "Assistance lists (协查名单): upload, map columns, match to the registry, "
		+ "confirm candidates, completion report; inside the caller's jurisdiction")
class AssistanceListApiController {

	record Run(Map<Field, Integer> mapping) {
	}

	record Confirm(Long personId) {
	}

	private final AssistanceListService lists;

	private final Messages messages;

	AssistanceListApiController(AssistanceListService lists, Messages messages) {
		this.lists = lists;
		this.messages = messages;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a list (.xlsx or .csv, UTF-8 or GBK) for a node with its name, issuing office and "
			+ "deadline (yyyy-MM-dd); answers the list and the detected column mapping")
	ResponseEntity<AssistanceListService.Mapping> upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String name,
			@RequestParam(required = false) String issuedBy, @RequestParam(required = false) String deadline) {
		AssistanceList list = AssistanceListController.accept(this.lists, file,
				new AssistanceListService.Upload(nodeId, name, issuedBy, deadline));
		return ResponseEntity.status(HttpStatus.CREATED).body(this.lists.mapping(CurrentUser.get(), list.id(), Map.of()));
	}

	@GetMapping
	@Operation(summary = "The lists in the caller's jurisdiction, newest first, with their progress")
	PageResult<AssistanceList> lists(@RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		return this.lists.lists(CurrentUser.get(), PageQuery.of(page, size));
	}

	@GetMapping("/{list}")
	@Operation(summary = "A list with its counts: rows, matched, candidates, unmatched, invalid, done, overdue")
	AssistanceList get(@PathVariable UUID list) {
		return this.lists.get(CurrentUser.get(), list);
	}

	@GetMapping("/{list}/mapping")
	@Operation(summary = "Every column with the field it holds (NAME, ID_NUMBER, PHONE, ADDRESS) and a masked sample")
	AssistanceListService.Mapping mapping(@PathVariable UUID list) {
		return this.lists.mapping(CurrentUser.get(), list, Map.of());
	}

	@PostMapping("/{list}/run")
	@Operation(summary = "Confirm the mapping (field to 0-based column, -1 for none) and match the rows not yet "
			+ "decided; matched rows become key persons of their grid with the list's deadline")
	AssistanceList run(@PathVariable UUID list, @RequestBody(required = false) Run body) {
		return this.lists.run(CurrentUser.get(), list, body == null ? null : body.mapping());
	}

	@GetMapping("/{list}/rows")
	@Operation(summary = "The rows, of one match status or all; ID numbers and phones masked")
	PageResult<AssistanceListRow> rows(@PathVariable UUID list, @RequestParam(required = false) MatchStatus status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.lists.rows(CurrentUser.get(), list, status, PageQuery.of(page, size));
	}

	@PostMapping("/{list}/rows/{row}/confirm")
	@Operation(summary = "Match a row to one of its candidates (personId; may be left out when there is one), or to "
			+ "any active person of the list's jurisdiction")
	AssistanceListRow confirm(@PathVariable UUID list, @PathVariable int row,
			@RequestBody(required = false) Confirm body) {
		return this.lists.confirm(CurrentUser.get(), list, row, body == null ? null : body.personId());
	}

	@PostMapping("/{list}/rows/{row}/reject")
	@Operation(summary = "None of the row's candidates is the person meant: the row is handed back")
	AssistanceListRow reject(@PathVariable UUID list, @PathVariable int row) {
		return this.lists.reject(CurrentUser.get(), list, row);
	}

	@GetMapping("/{list}/report.xlsx")
	@Operation(summary = "The completion report: the list in its own layout with the result columns appended")
	void report(@PathVariable UUID list, HttpServletResponse response) throws IOException {
		AssistanceListController.sendReport(this.lists, this.messages, list, false, response);
	}

	@GetMapping("/{list}/unmatched.xlsx")
	@Operation(summary = "The rows handed back (not found, rejected, invalid), in the list's layout with a reason column")
	void unmatched(@PathVariable UUID list, HttpServletResponse response) throws IOException {
		AssistanceListController.sendReport(this.lists, this.messages, list, true, response);
	}

}
