package cn.shouwang.keyperson.web;

import java.time.LocalDate;
import java.time.ZoneId;

import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.keyperson.RiskAreaService;
import cn.shouwang.keyperson.RiskLevel;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.web.FormErrors;
import cn.shouwang.shared.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Risk areas and key-person categories: the lists the findings are checked against. */
@Controller
class RiskAreaController {

	private final RiskAreaService riskAreas;

	private final KeyPersonService keyPersons;

	private final Messages messages;

	RiskAreaController(RiskAreaService riskAreas, KeyPersonService keyPersons, Messages messages) {
		this.riskAreas = riskAreas;
		this.keyPersons = keyPersons;
		this.messages = messages;
	}

	@GetMapping("/keypersons/risk-areas")
	String list(@RequestParam(required = false) Boolean all, Model model) {
		model.addAttribute("areas", this.riskAreas.list(CurrentUser.get(), Boolean.TRUE.equals(all), today()));
		model.addAttribute("all", Boolean.TRUE.equals(all));
		model.addAttribute("levels", RiskLevel.values());
		model.addAttribute("categories", this.keyPersons.categories(false));
		return "keyperson/risk-areas";
	}

	@PostMapping("/keypersons/risk-areas")
	String add(@RequestParam(required = false) Long nodeId, @RequestParam(required = false) String region,
			@RequestParam(required = false) RiskLevel level, @RequestParam(required = false) String effectiveFrom,
			@RequestParam(required = false) String effectiveTo, @RequestParam(required = false) String note,
			RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages, () -> this.riskAreas.add(CurrentUser.get(),
				new RiskAreaService.RiskAreaInput(nodeId, region, level, date("effectiveFrom", effectiveFrom),
						date("effectiveTo", effectiveTo), note)),
				"saved", "/keypersons/risk-areas");
	}

	@PostMapping("/keypersons/risk-areas/{id}/end")
	String end(@PathVariable long id, @RequestParam(required = false) String effectiveTo, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.riskAreas.end(CurrentUser.get(), id,
						effectiveTo == null || effectiveTo.isBlank() ? today() : date("effectiveTo", effectiveTo)),
				"saved", "/keypersons/risk-areas");
	}

	@PostMapping("/keypersons/categories")
	String saveCategory(@RequestParam(required = false) String code, @RequestParam(required = false) String nameZh,
			@RequestParam(required = false) String nameEn, @RequestParam(required = false) Integer sort,
			@RequestParam(required = false) Boolean active, RedirectAttributes redirect) {
		return FormErrors.run(redirect, this.messages,
				() -> this.keyPersons.saveCategory(CurrentUser.get(), code, nameZh, nameEn, sort, active), "saved",
				"/keypersons/risk-areas");
	}

	/** A date from a form field, refused at once with the field named when it is not one. */
	private static LocalDate date(String field, String value) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		LocalDate day = errors.date(field, value);
		errors.throwIfAny();
		return day;
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneId.of("Asia/Shanghai"));
	}

}
