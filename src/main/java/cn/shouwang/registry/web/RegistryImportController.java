package cn.shouwang.registry.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.registry.ImportJob;
import cn.shouwang.registry.RegistryImportService;
import cn.shouwang.registry.importing.Field;
import cn.shouwang.registry.importing.ImportReader;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Register import: upload, mapping, progress, rejected rows; the same steps under /api/v1/imports. */
@Controller
class RegistryImportController {

	private final RegistryImportService imports;

	private final Messages messages;

	RegistryImportController(RegistryImportService imports, Messages messages) {
		this.imports = imports;
		this.messages = messages;
	}

	@GetMapping("/registry/import")
	String form(Model model) {
		model.addAttribute("jobs", this.imports.recent(CurrentUser.get()));
		return "registry/import";
	}

	@PostMapping("/registry/import")
	String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) Long nodeId,
			Model model) {
		try {
			ImportJob job = accept(this.imports, file, nodeId);
			return "redirect:/registry/import/" + job.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return form(model);
		}
	}

	@GetMapping("/registry/import/{id}")
	String job(@PathVariable UUID id, Model model) {
		ImportJob job = this.imports.job(CurrentUser.get(), id);
		model.addAttribute("job", job);
		if ("MAPPING".equals(job.status())) {
			ImportReader.Preview preview = this.imports.preview(CurrentUser.get(), id, Map.of());
			model.addAttribute("preview", preview);
			model.addAttribute("fields", Field.values());
		}
		return "registry/import-job";
	}

	/** The progress fragment the page polls while the import runs. */
	@GetMapping("/registry/import/{id}/progress")
	String progress(@PathVariable UUID id, Model model) {
		model.addAttribute("job", this.imports.job(CurrentUser.get(), id));
		return "registry/import-job :: progress";
	}

	@PostMapping("/registry/import/{id}/start")
	String start(@PathVariable UUID id, @RequestParam Map<String, String> form, Model model) {
		// the page shows every column: a field that no column is set to is not imported
		Map<Field, Integer> overrides = new EnumMap<>(Field.class);
		for (Field f : Field.values()) {
			overrides.put(f, -1);
		}
		form.forEach((k, v) -> {
			if (k.startsWith("column_") && v != null && !v.isBlank()) {
				try {
					Field field = Field.valueOf(v);
					if (overrides.get(field) >= 0) {
						throw InvalidInputException.of(k, "import.columnTwice");
					}
					overrides.put(field, Integer.parseInt(k.substring(7)));
				}
				catch (IllegalArgumentException ex) {
					throw InvalidInputException.of(k, "validation.badValue");
				}
			}
		});
		RegistryImportService.Mode mode = "UPDATE".equals(form.get("mode")) ? RegistryImportService.Mode.UPDATE
				: RegistryImportService.Mode.SKIP;
		try {
			this.imports.start(CurrentUser.get(), id, overrides, mode);
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return job(id, model);
		}
		return "redirect:/registry/import/" + id;
	}

	@GetMapping("/registry/import/{id}/errors.xlsx")
	void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
		sendErrors(this.imports, id, response);
	}

	static ImportJob accept(RegistryImportService imports, MultipartFile file, Long nodeId) {
		if (file == null || file.isEmpty()) {
			throw InvalidInputException.of("file", "import.empty");
		}
		try (InputStream in = file.getInputStream()) {
			return imports.upload(CurrentUser.get(), nodeId, in, file.getOriginalFilename(), file.getSize());
		}
		catch (IOException ex) {
			throw InvalidInputException.of("file", "import.unreadable");
		}
	}

	static void sendErrors(RegistryImportService imports, UUID id, HttpServletResponse response) throws IOException {
		Path errors = imports.errorWorkbook(CurrentUser.get(), id).orElseThrow(() -> new NotFoundException("errors", id));
		response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder
			.encode("导入错误-" + id.toString().substring(0, 8) + ".xlsx", java.nio.charset.StandardCharsets.UTF_8));
		Files.copy(errors, response.getOutputStream());
	}

	@RestController
	static class RegistryImportApiController {

		record Start(RegistryImportService.Mode mode, Map<Field, Integer> mapping) {
		}

		record Uploaded(ImportJob job, ImportReader.Preview preview) {
		}

		private final RegistryImportService imports;

		RegistryImportApiController(RegistryImportService imports) {
			this.imports = imports;
		}

		@PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
		@Operation(summary = "Upload a register (.xlsx or .csv, UTF-8 or GBK) below a node; answers the detected column mapping")
		ResponseEntity<Uploaded> upload(@RequestParam(required = false) MultipartFile file,
				@RequestParam(required = false) Long nodeId) {
			ImportJob job = accept(this.imports, file, nodeId);
			return ResponseEntity.status(HttpStatus.CREATED)
				.body(new Uploaded(job, this.imports.preview(CurrentUser.get(), job.id(), Map.of())));
		}

		@PostMapping("/api/v1/imports/{id}/start")
		@Operation(summary = "Start the import with the (corrected) mapping; SKIP or UPDATE persons already registered")
		ImportJob start(@PathVariable UUID id, @RequestBody(required = false) Start body) {
			return this.imports.start(CurrentUser.get(), id, body == null ? null : body.mapping(),
					body == null ? null : body.mode());
		}

		@GetMapping("/api/v1/imports/{id}")
		@Operation(summary = "Where the import stands: rows processed of the total, inserted, updated, skipped, rejected")
		ImportJob job(@PathVariable UUID id) {
			return this.imports.job(CurrentUser.get(), id);
		}

		@GetMapping("/api/v1/imports/{id}/errors.xlsx")
		@Operation(summary = "The rejected rows with their reasons, to fix and import again")
		void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
			sendErrors(this.imports, id, response);
		}

	}

}
