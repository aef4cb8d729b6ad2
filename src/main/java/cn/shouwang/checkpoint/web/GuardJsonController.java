package cn.shouwang.checkpoint.web;

import cn.shouwang.checkpoint.PassService;
import cn.shouwang.checkpoint.PassageService;
import cn.shouwang.shared.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The guard's screen talks JSON with its session and CSRF token (the API chain is bearer-only):
 * the same calls and answers as the device API, errors as problem details.
 */
@RestController
class GuardJsonController {

	private final PassService passes;

	private final PassageService passages;

	GuardJsonController(PassService passes, PassageService passages) {
		this.passes = passes;
		this.passages = passages;
	}

	@PostMapping("/guard/checkpoints/{checkpoint}/passages.json")
	ResponseEntity<PassageService.PassageResult> record(@PathVariable long checkpoint,
			@RequestBody PassageService.PassageInput body) {
		PassageService.PassageResult result = this.passages.record(CurrentUser.get(), checkpoint, body);
		return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
	}

	@GetMapping("/guard/checkpoints/{checkpoint}/hosts.json")
	java.util.List<PassageService.Host> hosts(@PathVariable long checkpoint, @RequestParam(required = false) String q) {
		return this.passages.hosts(CurrentUser.get(), checkpoint, q);
	}

	@GetMapping("/guard/checkpoints/{checkpoint}/revocations.json")
	PassService.Revocations revocations(@PathVariable long checkpoint, @RequestParam(required = false) String since) {
		return this.passes.revocations(CurrentUser.get(), checkpoint, PassApiController.instant("since", since));
	}

}
