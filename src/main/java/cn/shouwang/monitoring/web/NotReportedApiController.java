package cn.shouwang.monitoring.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.monitoring.NotReported;
import cn.shouwang.monitoring.OverdueSlot;
import cn.shouwang.monitoring.Slot;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "health checks")
class NotReportedApiController {

	private final NotReported notReported;

	NotReportedApiController(NotReported notReported) {
		this.notReported = notReported;
	}

	@GetMapping("/monitoring/not-reported")
	@Operation(summary = "Checks past their deadline without a report, most recent deadline first; mine=true for the "
			+ "caller's 4+N measures; slot MORNING/EVENING; q a name or address")
	PageResult<OverdueSlot> list(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) Boolean mine,
			@RequestParam(required = false) Slot slot, @RequestParam(required = false) String q,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.notReported.list(CurrentUser.get(), NotReportedController.filter(nodeId, mine, slot, q),
				PageQuery.of(page, size));
	}

}
