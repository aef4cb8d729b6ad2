package cn.shouwang.jurisdiction.web;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.jurisdiction.Duty;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.jurisdiction.Responsibility;
import cn.shouwang.jurisdiction.TreeImport;
import cn.shouwang.jurisdiction.Unit;
import cn.shouwang.jurisdiction.UnitKind;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/jurisdictions")
@Tag(name = "jurisdictions", description = "The jurisdiction tree, units and responsible people")
class JurisdictionApiController {

	record NodeJson(long id, Long parentId, Level level, String name, String code, boolean retired, int version,
			long activeChildren) {

		static NodeJson of(Node n) {
			return new NodeJson(n.id(), n.parentId(), n.level(), n.name(), n.code(), n.retired(), n.version(),
					n.activeChildren());
		}

	}

	record NewNode(String name, String code) {
	}

	record NodeChange(String name, String code, Integer version) {
	}

	record MoveRequest(Long parentId) {
	}

	record NewUnit(UnitKind kind, String name, String address) {
	}

	record NewResponsibility(Duty duty, String personName, String position, String phone) {
	}

	private final JurisdictionService service;

	private final TreeImport treeImport;

	JurisdictionApiController(JurisdictionService service, TreeImport treeImport) {
		this.service = service;
		this.treeImport = treeImport;
	}

	@GetMapping
	@Operation(summary = "Search nodes by name and level inside the caller's jurisdiction")
	List<NodeJson> search(@RequestParam(required = false) String q, @RequestParam(required = false) Level level) {
		return this.service.search(CurrentUser.get(), q, level).stream().map(NodeJson::of).toList();
	}

	@GetMapping("/{id}")
	NodeJson get(@PathVariable long id) {
		return NodeJson.of(this.service.get(CurrentUser.get(), id));
	}

	@GetMapping("/{id}/children")
	List<NodeJson> children(@PathVariable long id, @RequestParam(defaultValue = "false") boolean retired) {
		return this.service.children(CurrentUser.get(), id, retired).stream().map(NodeJson::of).toList();
	}

	@PostMapping("/{id}/children")
	ResponseEntity<NodeJson> create(@PathVariable long id, @RequestBody NewNode body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(NodeJson.of(this.service.createChild(CurrentUser.get(), id, body.name(), body.code())));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Rename a node (optimistic: send the version you read)")
	NodeJson rename(@PathVariable long id, @RequestBody NodeChange body) {
		return NodeJson.of(this.service.rename(CurrentUser.get(), id, body.name(), body.code(), body.version()));
	}

	@PostMapping("/{id}/move")
	NodeJson move(@PathVariable long id, @RequestBody MoveRequest body) {
		if (body.parentId() == null) {
			throw InvalidInputException.of("parentId", "validation.required");
		}
		return NodeJson.of(this.service.move(CurrentUser.get(), id, body.parentId()));
	}

	@PostMapping("/{id}/retire")
	NodeJson retire(@PathVariable long id) {
		return NodeJson.of(this.service.retire(CurrentUser.get(), id));
	}

	@PostMapping("/{id}/restore")
	NodeJson restore(@PathVariable long id) {
		return NodeJson.of(this.service.restore(CurrentUser.get(), id));
	}

	@GetMapping("/{id}/units")
	List<Unit> units(@PathVariable long id) {
		return this.service.units(CurrentUser.get(), id);
	}

	@PostMapping("/{id}/units")
	ResponseEntity<Unit> addUnit(@PathVariable long id, @RequestBody NewUnit body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.service.addUnit(CurrentUser.get(), id, body.kind(), body.name(), body.address()));
	}

	@GetMapping("/{id}/responsibilities")
	List<Responsibility> responsibilities(@PathVariable long id) {
		return this.service.responsibilities(CurrentUser.get(), id);
	}

	@PostMapping("/{id}/responsibilities")
	ResponseEntity<Responsibility> addResponsibility(@PathVariable long id, @RequestBody NewResponsibility body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.service.addResponsibility(CurrentUser.get(), id, body.duty(), body.personName(),
					body.position(), body.phone()));
	}

	@DeleteMapping("/responsibilities/{rid}")
	ResponseEntity<Void> removeResponsibility(@PathVariable long rid) {
		this.service.removeResponsibility(CurrentUser.get(), rid);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/responsibilities/{rid}/phone")
	@Operation(summary = "The full phone of a responsible person; each call is written to the access log")
	java.util.Map<String, String> revealPhone(@PathVariable long rid) {
		String phone = this.service.revealResponsibilityPhone(CurrentUser.get(), rid);
		return java.util.Map.of("phone", phone == null ? "" : phone);
	}

	@PostMapping(path = "/{id}/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import a tree below this node from an .xlsx sheet (columns 街道, 社区, 网格, 楼栋)")
	ResponseEntity<TreeImport.Result> importTree(@PathVariable long id, @RequestParam("file") MultipartFile file)
			throws IOException {
		if (file.isEmpty()) {
			throw InvalidInputException.of("file", "import.empty");
		}
		TreeImport.Result result = this.treeImport.importSheet(CurrentUser.get(), id, file.getInputStream());
		return ResponseEntity.status(result.ok() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(result);
	}

}
