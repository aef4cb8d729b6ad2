package cn.shouwang.keyperson.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import cn.shouwang.keyperson.AssistanceList;
import cn.shouwang.keyperson.AssistanceListService;
import cn.shouwang.keyperson.MatchStatus;
import cn.shouwang.registry.importing.Field;
import cn.shouwang.registry.importing.ListRows;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Htmx;
import cn.shouwang.shared.web.Messages;
import cn.shouwang.shared.web.XlsxExport;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Assistance list pages: the lists in scope with the upload form, mapping, results, report. */
@Controller
class AssistanceListController {

	private final AssistanceListService lists;

	private final Messages messages;

	AssistanceListController(AssistanceListService lists, Messages messages) {
		this.lists = lists;
		this.messages = messages;
	}

	@GetMapping("/assistance-lists")
	String index(@RequestParam(required = false) Integer page, Model model) {
		model.addAttribute("lists", this.lists.lists(CurrentUser.get(), PageQuery.of(page, 20)));
		model.addAttribute("today", this.lists.today());
		return "keyperson/lists";
	}

	@PostMapping("/assistance-lists")
	String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) String name, @RequestParam(required = false) String issuedBy,
			@RequestParam(required = false) String deadline, Model model) {
		try {
			AssistanceList list = accept(this.lists, file, new AssistanceListService.Upload(nodeId, name, issuedBy, deadline));
			return "redirect:/assistance-lists/" + list.id();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			model.addAttribute("form", new AssistanceListService.Upload(nodeId, name, issuedBy, deadline));
			return index(null, model);
		}
	}

	@GetMapping("/assistance-lists/{list}")
	String list(@PathVariable UUID list, @RequestParam(required = false) MatchStatus status,
			@RequestParam(required = false) Integer page, HttpServletRequest request, Model model) {
		AssistanceList found = this.lists.get(CurrentUser.get(), list);
		model.addAttribute("list", found);
		model.addAttribute("today", this.lists.today());
		if (found.mapping()) {
			model.addAttribute("mapping", this.lists.mapping(CurrentUser.get(), list, Map.of()));
			model.addAttribute("fields", ListRows.FIELDS);
			return "keyperson/list-mapping";
		}
		model.addAttribute("status", status);
		model.addAttribute("statuses", MatchStatus.values());
		model.addAttribute("rows", this.lists.rows(CurrentUser.get(), list, status, PageQuery.of(page, 20)));
		model.addAttribute("grids", this.lists.gridNames(CurrentUser.get(), list));
		return "keyperson/assistance-list";
	}

	@PostMapping("/assistance-lists/{list}/run")
	String run(@PathVariable UUID list, @RequestParam Map<String, String> form, Model model,
			HttpServletRequest request) {
		try {
			// the button on the results page sends no columns: the confirmed mapping stays
			boolean columns = form.keySet().stream().anyMatch(k -> k.startsWith("column_"));
			this.lists.run(CurrentUser.get(), list, columns ? mappingFrom(form) : Map.of());
		}
		catch (InvalidInputException ex) {
			model.addAttribute("errors", FormErrors.of(ex, this.messages));
			return list(list, null, null, request, model);
		}
		return "redirect:/assistance-lists/" + list;
	}

	@PostMapping("/assistance-lists/{list}/rows/{row}/confirm")
	String confirm(@PathVariable UUID list, @PathVariable int row, @RequestParam(required = false) Long personId,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		return decide(list, () -> this.lists.confirm(CurrentUser.get(), list, row, personId), request, model, redirect,
				"assistanceList.confirmed");
	}

	@PostMapping("/assistance-lists/{list}/rows/{row}/reject")
	String reject(@PathVariable UUID list, @PathVariable int row, HttpServletRequest request, Model model,
			RedirectAttributes redirect) {
		return decide(list, () -> this.lists.reject(CurrentUser.get(), list, row), request, model, redirect,
				"assistanceList.rejected");
	}

	@GetMapping("/assistance-lists/{list}/report.xlsx")
	void report(@PathVariable UUID list, HttpServletResponse response) throws IOException {
		sendReport(this.lists, this.messages, list, false, response);
	}

	@GetMapping("/assistance-lists/{list}/unmatched.xlsx")
	void unmatched(@PathVariable UUID list, HttpServletResponse response) throws IOException {
		sendReport(this.lists, this.messages, list, true, response);
	}

	/** One tap: with htmx the row's card is swapped for its new state; without, the page reloads. */
	private String decide(UUID list, Supplier action, HttpServletRequest request, Model model,
			RedirectAttributes redirect, String notice) {
		try {
			var row = action.get();
			if (Htmx.isHtmx(request)) {
				// the row fragment iterates over the page's rows: a page of this one row
				model.addAttribute("rows", new cn.shouwang.shared.PageResult<>(java.util.List.of(row), 1, 0, 1));
				model.addAttribute("list", this.lists.get(CurrentUser.get(), list));
				model.addAttribute("grids", this.lists.gridNames(CurrentUser.get(), list));
				return "keyperson/assistance-list :: row";
			}
			redirect.addFlashAttribute("notice", this.messages.get(notice));
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", FormErrors.of(ex, this.messages));
		}
		return "redirect:/assistance-lists/" + list;
	}

	private interface Supplier {

		cn.shouwang.keyperson.AssistanceListRow get();

	}

	/** The form has one select per column: a field no column is set to is not used. */
	static Map<Field, Integer> mappingFrom(Map<String, String> form) {
		Map<Field, Integer> mapping = new EnumMap<>(Field.class);
		ListRows.FIELDS.forEach(f -> mapping.put(f, -1));
		form.forEach((k, v) -> {
			if (k.startsWith("column_") && v != null && !v.isBlank()) {
				Field field;
				int column;
				try {
					field = Field.valueOf(v);
					column = Integer.parseInt(k.substring(7));
				}
				catch (IllegalArgumentException ex) {
					throw InvalidInputException.of(k, "validation.badValue");
				}
				if (!ListRows.FIELDS.contains(field)) {
					throw InvalidInputException.of(k, "validation.badValue");
				}
				if (mapping.get(field) >= 0) {
					throw InvalidInputException.of(k, "import.columnTwice", k.substring(7), v);
				}
				mapping.put(field, column);
			}
		});
		return mapping;
	}

	static AssistanceList accept(AssistanceListService lists, MultipartFile file, AssistanceListService.Upload input) {
		if (file == null || file.isEmpty()) {
			return lists.upload(CurrentUser.get(), input, null, null, 0);
		}
		try (InputStream in = file.getInputStream()) {
			return lists.upload(CurrentUser.get(), input, in, file.getOriginalFilename(), file.getSize());
		}
		catch (IOException ex) {
			throw InvalidInputException.of("file", "import.unreadable");
		}
	}

	static void sendReport(AssistanceListService lists, Messages messages, UUID id, boolean handedBackOnly,
			HttpServletResponse response) throws IOException {
		var caller = CurrentUser.get();
		var locale = LocaleContextHolder.getLocale();
		AssistanceList list = lists.get(caller, id);
		var headers = lists.reportHeaders(caller, id, handedBackOnly, locale);
		String suffix = messages.get(handedBackOnly ? "assistanceList.unmatchedFile" : "assistanceList.reportFile");
		XlsxExport.write(response, list.name() + "-" + suffix, "Sheet1", headers,
				sink -> lists.forEachReportRow(caller, id, handedBackOnly, locale, cells -> sink.row(cells.toArray())));
	}

}
