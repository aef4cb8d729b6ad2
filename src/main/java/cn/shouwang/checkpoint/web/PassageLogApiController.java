package cn.shouwang.checkpoint.web;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.checkpoint.PassageLogFilter;
import cn.shouwang.checkpoint.PassageLogHourly;
import cn.shouwang.checkpoint.PassageLogRow;
import cn.shouwang.checkpoint.PassageLogService;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "passage log", description = "The passage log of the checkpoints: search, hourly counts, export")
class PassageLogApiController {

	private final PassageLogService passages;

	private final PassageLogExport export;

	PassageLogApiController(PassageLogService passages, PassageLogExport export) {
		this.passages = passages;
		this.export = export;
	}

	@GetMapping("/passages")
	@Operation(summary = "Passages in the caller's jurisdiction, newest first; the range is whole days (default today, at most 31); total counted up to 10,000")
	PageResult<PassageLogRow> list(
			@Parameter(description = "checkpoint id (of the caller's jurisdiction)") @RequestParam(required = false) String checkpoint,
			@Parameter(description = "exact person id") @RequestParam(required = false) String person,
			@Parameter(description = "part of a name (residents by the name on their pass, visitors by the name they gave); digits alone are a person id") @RequestParam(required = false) String q,
			@Parameter(description = "first day, yyyy-MM-dd (default today)") @RequestParam(required = false) String from,
			@Parameter(description = "last day, yyyy-MM-dd (default the first day)") @RequestParam(required = false) String to,
			@Parameter(description = "IN or OUT") @RequestParam(required = false) String direction,
			@Parameter(description = "ALLOWED, TURNED_BACK or REMEASURE") @RequestParam(required = false) String decision,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		PassageLogFilter filter = this.passages.filter(CurrentUser.get(), checkpoint, person, q, from, to, direction, decision);
		return this.passages.search(CurrentUser.get(), filter, PageQuery.of(page, size));
	}

	@GetMapping("/passages/export.xlsx")
	@Operation(summary = "The passages matching the same filters as an .xlsx download, streamed; visitors' phones masked")
	void export(@RequestParam(required = false) String checkpoint, @RequestParam(required = false) String person,
			@RequestParam(required = false) String q, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String direction,
			@RequestParam(required = false) String decision, HttpServletResponse response) throws IOException {
		PassageLogFilter filter = this.passages.filter(CurrentUser.get(), checkpoint, person, q, from, to, direction, decision);
		this.export.write(CurrentUser.get(), filter, response);
	}

	@GetMapping("/passages/hourly")
	@Operation(summary = "A day hour by hour at every checkpoint of the caller's jurisdiction (or one, with checkpoint=): in, out, turned back, fevers")
	PassageLogHourly hourly(@Parameter(description = "yyyy-MM-dd (default today)") @RequestParam(required = false) String day,
			@RequestParam(required = false) String checkpoint) {
		return this.passages.hourly(CurrentUser.get(), checkpoint, day);
	}

	@GetMapping("/checkpoints/{checkpoint}/passages/hourly")
	@Operation(summary = "A day at one checkpoint hour by hour: in, out, turned back, fevers at or above the threshold")
	PassageLogHourly checkpointHourly(@PathVariable long checkpoint,
			@Parameter(description = "yyyy-MM-dd (default today)") @RequestParam(required = false) String day) {
		return this.passages.hourly(CurrentUser.get(), checkpoint, day);
	}

}
