package cn.shouwang.survey.web;

import java.util.List;

import cn.shouwang.shared.CurrentUser;
import cn.shouwang.survey.VisitService;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON the door page's script talks to, on the signed-in session (with its CSRF token):
 * the doors to download for offline use and the upload of visits saved on the phone. Errors
 * come back as problem details naming the field, so the page can show them on the saved visit.
 */
@RestController
class SurveyDoorController {

	private final VisitService visits;

	SurveyDoorController(VisitService visits) {
		this.visits = visits;
	}

	@GetMapping("/survey/campaigns/{id}/doors.json")
	List<VisitService.Door> doors(@PathVariable long id, @RequestParam(required = false) Long gridId) {
		return this.visits.doors(CurrentUser.get(), id, gridId);
	}

	@PostMapping("/survey/visits.json")
	ResponseEntity<VisitService.VisitResult> visit(@RequestBody VisitService.VisitInput body) {
		VisitService.VisitResult result = this.visits.record(CurrentUser.get(), body);
		return ResponseEntity.status(result.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
	}

}
