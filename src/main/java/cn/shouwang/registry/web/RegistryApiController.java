package cn.shouwang.registry.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.shouwang.registry.HouseholdView;
import cn.shouwang.registry.PersonFilter;
import cn.shouwang.registry.PersonInput;
import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.PersonService;
import cn.shouwang.registry.PersonStatus;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.registry.VulnerableTag;
import cn.shouwang.shared.CurrentUser;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "registry", description = "Households and persons inside the caller's jurisdiction; ID numbers and phones masked")
class RegistryApiController {

	record Note(String note) {
	}

	record Transfer(Long householdId, String note) {
	}

	private final PersonService people;

	RegistryApiController(PersonService people) {
		this.people = people;
	}

	@GetMapping("/persons")
	@Operation(summary = "Persons, filtered and paginated; text is an exact ID number or phone, or part of a name or address")
	PageResult<PersonRow> persons(@RequestParam(required = false) Long nodeId,
			@RequestParam(required = false) String q, @RequestParam(required = false) VulnerableTag tag,
			@RequestParam(required = false) ResidenceType residenceType, @RequestParam(required = false) Integer ageFrom,
			@RequestParam(required = false) Integer ageTo, @RequestParam(required = false) PersonStatus status,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		return this.people.list(CurrentUser.get(), RegistryController.filter(nodeId, q, tag, residenceType, ageFrom, ageTo, status),
				PageQuery.of(page, size));
	}

	@GetMapping("/persons/{id}")
	PersonService.Details person(@PathVariable long id) {
		return this.people.get(CurrentUser.get(), id);
	}

	@GetMapping("/persons/{id}/id-number")
	@Operation(summary = "The full ID number (roles that visit or call people only); written to the access log")
	Map<String, String> idNumber(@PathVariable long id) {
		return Map.of("idNumber", String.valueOf(this.people.reveal(CurrentUser.get(), id, PersonService.Field.ID_NUMBER)));
	}

	@GetMapping("/persons/{id}/phone")
	@Operation(summary = "The full phone number (roles that visit or call people only); written to the access log")
	Map<String, String> phone(@PathVariable long id) {
		String phone = this.people.reveal(CurrentUser.get(), id, PersonService.Field.PHONE);
		return Map.of("phone", phone == null ? "" : phone);
	}

	@PatchMapping("/persons/{id}")
	@Operation(summary = "Change a person (send every field, and the version you read)")
	PersonRow update(@PathVariable long id, @RequestBody PersonInput body) {
		return this.people.update(CurrentUser.get(), id, body);
	}

	@PostMapping("/persons/{id}/move-out")
	PersonRow moveOut(@PathVariable long id, @RequestBody(required = false) Note body) {
		return this.people.moveOut(CurrentUser.get(), id, body == null ? null : body.note());
	}

	@PostMapping("/persons/{id}/return")
	PersonRow returnHome(@PathVariable long id) {
		return this.people.returnHome(CurrentUser.get(), id);
	}

	@PostMapping("/persons/{id}/transfer")
	PersonRow transfer(@PathVariable long id, @RequestBody Transfer body) {
		if (body.householdId() == null) {
			throw InvalidInputException.of("householdId", "validation.required");
		}
		return this.people.transfer(CurrentUser.get(), id, body.householdId(), body.note());
	}

	@GetMapping("/households")
	List<HouseholdView> households(@RequestParam(required = false) String q) {
		return this.people.findHouseholds(CurrentUser.get(), q);
	}

	@GetMapping("/households/{id}")
	PersonService.HouseholdDetails household(@PathVariable long id) {
		return this.people.household(CurrentUser.get(), id);
	}

	@PostMapping("/households")
	ResponseEntity<HouseholdView> createHousehold(@RequestBody PersonService.NewHousehold body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.people.createHousehold(CurrentUser.get(), body));
	}

	@PostMapping("/households/{id}/persons")
	@Operation(summary = "Register a person in a household; a second registration of the same ID number is refused")
	ResponseEntity<PersonRow> addPerson(@PathVariable long id, @RequestBody PersonInput body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.people.create(CurrentUser.get(), id, body));
	}

}
