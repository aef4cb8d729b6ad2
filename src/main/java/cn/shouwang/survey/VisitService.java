package cn.shouwang.survey;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.shouwang.keyperson.HealthRules;
import cn.shouwang.keyperson.KeyPersonCategory;
import cn.shouwang.keyperson.KeyPersonService;
import cn.shouwang.keyperson.KeyPersonSource;
import cn.shouwang.keyperson.RiskAreaService;
import cn.shouwang.keyperson.Symptom;
import cn.shouwang.registry.IdType;
import cn.shouwang.registry.PersonInput;
import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Visits recorded at the door. A visit carries an id made on the phone, so an upload repeated
 * after a dropped connection stores it once; a household settled in a round (visited, moved
 * out, vacant) takes no second visit. Everything a visit changes — new residents registered,
 * leavers marked moved out, findings handed to the key-person module, the grid's counters —
 * commits with it or not at all.
 */
@Service
public class VisitService {

	static final String ENTITY = "surveyVisit";

	/** A phone's clock may run a little fast; beyond this a visit time in the future is a mistake. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

	public record Travel(String place, String from, String to) {
	}

	/** A registered member's check at the door; present with nothing else is "present and well". */
	public record PersonCheck(Long personId, Boolean present, String whereabouts, String temperature,
			List<String> symptoms, List<Travel> travel, String note, Boolean movedOut) {
	}

	/** Someone living there who is not registered yet: registered in this household by the visit. */
	public record NewResident(String name, IdType idType, String idNumber, String phone, String sex, String birthDate,
			String relation, ResidenceType residenceType, String temperature, List<String> symptoms,
			List<Travel> travel, String note) {
	}

	public record VisitInput(UUID id, Long campaignId, Long householdId, VisitOutcome outcome, String visitedAt,
			String note, List<PersonCheck> persons, List<NewResident> newResidents) {
	}

	public record VisitResult(UUID id, boolean replayed, VisitOutcome outcome, int personsMet, int findings,
			List<Long> keyPersonIds, List<Long> newPersonIds) {
	}

	/** A household on the door work list: where, who lives there, how far the round has got. */
	public record Door(long householdId, long gridId, String address, String unitNo, String roomNo,
			VisitOutcome outcome, int visits, List<Member> members) {
	}

	public record Member(long id, String name, char sex, Integer age, String relation, String maskedPhone) {
	}

	public record Visit(UUID id, VisitOutcome outcome, Instant visitedAt, String visitorName, int personsMet,
			int findings, String note, List<Visits.Check> checks) {
	}

	private record CheckedTravel(String place, LocalDate from, LocalDate to) {
	}

	private final CampaignService campaigns;

	private final Visits visits;

	private final RegistryFieldwork registry;

	private final KeyPersonService keyPersons;

	private final RiskAreaService riskAreas;

	private final HealthRules health;

	private final AuditTrail audit;

	private final JsonMapper json;

	private final ZoneId zone;

	VisitService(CampaignService campaigns, Visits visits, RegistryFieldwork registry, KeyPersonService keyPersons,
			RiskAreaService riskAreas, HealthRules health, AuditTrail audit, JsonMapper json,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.campaigns = campaigns;
		this.visits = visits;
		this.registry = registry;
		this.keyPersons = keyPersons;
		this.riskAreas = riskAreas;
		this.health = health;
		this.audit = audit;
		this.json = json;
		this.zone = ZoneId.of(zone);
	}

	/** The doors of one of the caller's grids in a round (or of their first grid), pending first. */
	public List<Door> doors(ShouwangPrincipal caller, long campaignId, Long gridId) {
		Campaign c = this.campaigns.get(caller, campaignId);
		List<Long> mine = this.campaigns.gridsOf(caller, c);
		if (gridId != null && !mine.contains(gridId)) {
			throw InvalidInputException.of("gridId", "survey.notYourGrid");
		}
		List<Long> grids = gridId != null ? List.of(gridId) : mine.isEmpty() ? List.of() : List.of(mine.get(0));
		Map<Long, Visits.HouseholdState> states = grids.isEmpty() ? Map.of() : this.visits.states(c.id(), grids);
		List<Door> doors = new ArrayList<>();
		for (RegistryFieldwork.HouseholdAtDoor h : this.registry.households(caller, grids)) {
			Visits.HouseholdState s = states.get(h.id());
			doors.add(new Door(h.id(), h.gridId(), h.address(), h.unitNo(), h.roomNo(), s == null ? null : s.outcome(),
					s == null ? 0 : s.visits(), h.members().stream().map(VisitService::member).toList()));
		}
		return doors;
	}

	/** The grids the caller knocks on in a round, with their names, for the door page's picker. */
	public Map<Long, String> gridsOf(ShouwangPrincipal caller, long campaignId) {
		Campaign c = this.campaigns.get(caller, campaignId);
		Map<Long, String> grids = new java.util.LinkedHashMap<>();
		this.campaigns.gridsOf(caller, c).forEach(g -> grids.put(g, this.campaigns.nodeName(g)));
		return grids;
	}

	public List<Visit> visitsOf(ShouwangPrincipal caller, long campaignId, long householdId) {
		Campaign c = this.campaigns.get(caller, campaignId);
		this.registry.household(caller, householdId).orElseThrow(() -> new NotFoundException("household", householdId));
		return this.visits.forHousehold(c.id(), householdId)
			.stream()
			.map(v -> new Visit(v.id(), v.outcome(), v.visitedAt(), v.visitorName(), v.personsMet(), v.findings(),
					v.note(), this.visits.checks(v.id())))
			.toList();
	}

	@Transactional
	public VisitResult record(ShouwangPrincipal caller, VisitInput input) {
		if (input.id() != null) {
			var known = this.visits.find(input.id());
			if (known.isPresent()) {
				return replay(caller, known.get());
			}
		}
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		if (input.id() == null) {
			errors.add("id", "survey.visitIdRequired");
		}
		if (input.campaignId() == null) {
			errors.add("campaignId", "validation.required");
		}
		if (input.householdId() == null) {
			errors.add("householdId", "validation.required");
		}
		if (input.outcome() == null) {
			errors.add("outcome", "validation.required");
		}
		errors.throwIfAny();
		Campaign c = this.campaigns.get(caller, input.campaignId());
		RegistryFieldwork.HouseholdAtDoor household = this.registry.household(caller, input.householdId())
			.orElseThrow(() -> new NotFoundException("household", input.householdId()));
		if (!c.active()) {
			throw InvalidInputException.of("campaignId", "survey.roundClosed");
		}
		if (!cn.shouwang.shared.JurisdictionScope.of(c.path()).contains(household.path())) {
			throw InvalidInputException.of("householdId", "survey.notInRound");
		}
		if (!this.campaigns.gridsOf(caller, c).contains(household.gridId())) {
			throw InvalidInputException.of("householdId", "survey.notYourGrid");
		}
		Instant visitedAt = visitedAt(errors, c, input.visitedAt());
		LocalDate visitDay = visitedAt == null ? LocalDate.now(this.zone) : visitedAt.atZone(this.zone).toLocalDate();
		String note = errors.text("note", input.note(), 500);
		Set<Long> members = household.members().stream().map(PersonRow::id).collect(Collectors.toSet());
		List<PersonCheck> checks = input.persons() == null ? List.of() : input.persons();
		List<NewResident> newcomers = input.newResidents() == null ? List.of() : input.newResidents();
		boolean met = input.outcome() == VisitOutcome.VISITED;
		if (!met && (checks.stream().anyMatch(p -> !Boolean.FALSE.equals(p.present()) && !Boolean.TRUE.equals(p.movedOut()))
				|| !newcomers.isEmpty())) {
			errors.add("outcome", "survey.nobodyMetButPersons");
		}
		List<BigDecimal> temperatures = new ArrayList<>();
		List<List<Symptom>> symptoms = new ArrayList<>();
		List<List<CheckedTravel>> travels = new ArrayList<>();
		Set<Long> seen = new LinkedHashSet<>();
		for (int i = 0; i < checks.size(); i++) {
			PersonCheck p = checks.get(i);
			String f = "persons[" + i + "].";
			if (p.personId() == null || !members.contains(p.personId())) {
				errors.add(f + "personId", "survey.notAMember");
			}
			else if (!seen.add(p.personId())) {
				errors.add(f + "personId", "survey.personTwice");
			}
			errors.text(f + "whereabouts", p.whereabouts(), 100);
			errors.text(f + "note", p.note(), 200);
			temperatures.add(HealthRules.temperature(errors, f + "temperature", p.temperature()));
			symptoms.add(symptoms(errors, f + "symptoms", p.symptoms()));
			travels.add(travel(errors, f + "travel", p.travel(), visitDay, c.travelWindowDays()));
		}
		for (int i = 0; i < newcomers.size(); i++) {
			NewResident n = newcomers.get(i);
			String f = "newResidents[" + i + "].";
			temperatures.add(HealthRules.temperature(errors, f + "temperature", n.temperature()));
			symptoms.add(symptoms(errors, f + "symptoms", n.symptoms()));
			travels.add(travel(errors, f + "travel", n.travel(), visitDay, c.travelWindowDays()));
			errors.text(f + "note", n.note(), 200);
		}
		errors.throwIfAny();

		Visits.HouseholdState state = this.visits.lockState(c.id(), household.id()).orElseGet(() -> {
			this.visits.addHousehold(c.id(), household.id(), household.gridId(), household.path(), household.address(),
					CampaignService.gridPath(household.path(), household.gridId()));
			return this.visits.lockState(c.id(), household.id()).orElseThrow();
		});
		if (state.outcome() != null && state.outcome().done()) {
			throw InvalidInputException.of("householdId", "survey.alreadySettled");
		}
		if (!this.visits.insert(input.id(), c.id(), household.id(), household.gridId(), household.path(),
				input.outcome(), visitedAt, caller.userId(), caller.displayName(), note)) {
			// the same visit arrived twice at once: the first one wins
			return replay(caller, this.visits.find(input.id()).orElseThrow());
		}
		Set<Long> keyPersonIds = new LinkedHashSet<>();
		List<Long> newPersonIds = new ArrayList<>();
		int accounted = 0;
		int whereaboutsUnknown = 0;
		int present = 0;
		for (int i = 0; i < checks.size(); i++) {
			PersonCheck p = checks.get(i);
			boolean movedOut = Boolean.TRUE.equals(p.movedOut()) || input.outcome() == VisitOutcome.MOVED_OUT;
			boolean here = met && !movedOut && !Boolean.FALSE.equals(p.present());
			if (movedOut) {
				this.registry.markMovedOut(caller, p.personId(), "入户排查：" + (p.whereabouts() == null ? "已搬离"
						: "已搬离，去向 " + p.whereabouts().strip()));
			}
			Long kp = movedOut ? null : findings(caller, c, input.id(), p.personId(), household.path(),
					temperatures.get(i), symptoms.get(i), travels.get(i), keyPersonIds);
			this.visits.insertCheck(input.id(), p.personId(), here, blank(p.whereabouts()), temperatures.get(i),
					symptomsLiteral(symptoms.get(i)), travelJson(travels.get(i)), blank(p.note()), false, movedOut, kp);
			accounted++;
			present += here ? 1 : 0;
			whereaboutsUnknown += !here && !movedOut && blank(p.whereabouts()) == null ? 1 : 0;
		}
		if (input.outcome() == VisitOutcome.MOVED_OUT) {
			// the whole household has left: members not listed in the checks leave with it
			for (Long member : members) {
				if (!seen.contains(member)) {
					this.registry.markMovedOut(caller, member, "入户排查：全户已搬离");
				}
			}
		}
		for (int i = 0; i < newcomers.size(); i++) {
			NewResident n = newcomers.get(i);
			int at = checks.size() + i;
			PersonRow created;
			try {
				created = this.registry.registerFoundAtDoor(caller, household.id(), new PersonInput(n.name(), n.idType(),
						n.idNumber(), n.phone(), n.sex(), n.birthDate(), n.relation(),
						n.residenceType() == null ? ResidenceType.PERMANENT : n.residenceType(), null, List.of(),
						n.note() == null ? "入户排查时登记" : n.note(), null));
			}
			catch (InvalidInputException ex) {
				throw prefixed(ex, "newResidents[" + i + "].");
			}
			newPersonIds.add(created.id());
			Long kp = findings(caller, c, input.id(), created.id(), household.path(), temperatures.get(at),
					symptoms.get(at), travels.get(at), keyPersonIds);
			this.visits.insertCheck(input.id(), created.id(), true, null, temperatures.get(at),
					symptomsLiteral(symptoms.get(at)), travelJson(travels.get(at)), blank(n.note()), true, false, kp);
			present++;
			accounted++;
		}
		int expected = met ? members.size() + newcomers.size() : 0;
		this.visits.setCounts(input.id(), present, keyPersonIds.size());
		this.visits.setState(c.id(), household.id(), input.outcome(), input.id());
		VisitOutcome before = state.outcome();
		this.visits.addToGrid(c.id(), household.gridId(), new Visits.Delta(
				(input.outcome().done() ? 1 : 0) - (before != null && before.done() ? 1 : 0),
				(input.outcome() == VisitOutcome.NOBODY_HOME ? 1 : 0) - (before == VisitOutcome.NOBODY_HOME ? 1 : 0),
				(input.outcome() == VisitOutcome.REFUSED ? 1 : 0) - (before == VisitOutcome.REFUSED ? 1 : 0),
				expected, met ? accounted : 0, met ? whereaboutsUnknown : 0, keyPersonIds.size()));
		this.audit.record(ENTITY, input.id(), Action.CREATE, household.path(), null,
				Map.of("campaignId", c.id(), "householdId", household.id(), "outcome", input.outcome(), "personsMet",
						present, "findings", keyPersonIds.size(), "newResidents", newPersonIds.size()));
		return new VisitResult(input.id(), false, input.outcome(), present, keyPersonIds.size(),
				List.copyOf(keyPersonIds), newPersonIds);
	}

	/** Fever or a symptom makes a symptomatic key person; travel through a risk area in force, a returnee. */
	private Long findings(ShouwangPrincipal caller, Campaign c, UUID visitId, long personId, String path,
			BigDecimal temperature, List<Symptom> symptoms, List<CheckedTravel> travel, Set<Long> keyPersonIds) {
		Long first = null;
		if (this.health.isFinding(temperature, symptoms)) {
			first = this.keyPersons.registerFinding(caller, new KeyPersonService.Finding(personId,
					KeyPersonCategory.SYMPTOMATIC, KeyPersonSource.SURVEY, temperature, symptoms, null, null, null, null,
					null, c.id(), visitId, c.name() + "入户排查发现"));
			keyPersonIds.add(first);
		}
		for (CheckedTravel t : travel) {
			var area = this.riskAreas.match(path, t.place(), t.from(), t.to());
			if (area.isPresent()) {
				long kp = this.keyPersons.registerFinding(caller, new KeyPersonService.Finding(personId,
						KeyPersonCategory.RISK_AREA_RETURNEE, KeyPersonSource.SURVEY, temperature, symptoms, t.to(),
						t.place(), area.get().id(), null, null, c.id(), visitId,
						c.name() + "入户排查：" + t.from() + "至" + t.to() + "到过" + area.get().region()));
				keyPersonIds.add(kp);
				first = first == null ? kp : first;
			}
		}
		return first;
	}

	private VisitResult replay(ShouwangPrincipal caller, Visits.Stored v) {
		// the visit's household must still be the caller's to see, or the replay reveals nothing
		this.registry.household(caller, v.householdId()).orElseThrow(() -> new NotFoundException("household", v.householdId()));
		List<Visits.Check> checks = this.visits.checks(v.id());
		return new VisitResult(v.id(), true, v.outcome(), v.personsMet(), v.findings(),
				checks.stream().map(Visits.Check::keyPersonId).filter(java.util.Objects::nonNull).distinct().toList(),
				checks.stream().filter(Visits.Check::newResident).map(Visits.Check::personId).toList());
	}

	private Instant visitedAt(InvalidInputException.Collector errors, Campaign c, String value) {
		Instant now = Instant.now();
		if (value == null || value.isBlank()) {
			return now;
		}
		Instant at;
		try {
			at = OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				at = java.time.LocalDateTime.parse(value.strip()).atZone(this.zone).toInstant();
			}
			catch (DateTimeParseException again) {
				errors.add("visitedAt", "validation.date");
				return null;
			}
		}
		if (at.isAfter(now.plus(CLOCK_SKEW))) {
			errors.add("visitedAt", "survey.visitedAt.future");
			return null;
		}
		if (at.isBefore(c.startsOn().atStartOfDay(this.zone).toInstant())) {
			errors.add("visitedAt", "survey.visitedAt.beforeRound", c.startsOn());
			return null;
		}
		return at;
	}

	private static List<Symptom> symptoms(InvalidInputException.Collector errors, String field, List<String> values) {
		List<Symptom> result = new ArrayList<>();
		for (String v : values == null ? List.<String>of() : values) {
			try {
				Symptom s = Symptom.parse(v);
				if (!result.contains(s)) {
					result.add(s);
				}
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				errors.add(field, "survey.unknownSymptom", String.valueOf(v));
			}
		}
		return result;
	}

	/** Travel within the window before the visit; dates after the visit or out of order are impossible. */
	private static List<CheckedTravel> travel(InvalidInputException.Collector errors, String field, List<Travel> values,
			LocalDate visitDay, int windowDays) {
		List<CheckedTravel> result = new ArrayList<>();
		List<Travel> list = values == null ? List.of() : values;
		for (int i = 0; i < list.size(); i++) {
			Travel t = list.get(i);
			String f = field + "[" + i + "].";
			String place = t.place() == null ? null : t.place().strip();
			if (place == null || place.isEmpty()) {
				errors.add(f + "place", "validation.required");
			}
			else if (place.length() > 100) {
				errors.add(f + "place", "validation.tooLong", 100);
			}
			LocalDate from = errors.date(f + "from", t.from());
			LocalDate to = errors.date(f + "to", t.to());
			if (from == null && !errors.has(f + "from")) {
				errors.add(f + "from", "validation.required");
			}
			if (to == null) {
				to = from;
			}
			if (from != null && to != null) {
				if (to.isBefore(from)) {
					errors.add(f + "to", "validation.endBeforeStart");
				}
				else if (to.isAfter(visitDay)) {
					errors.add(f + "to", "survey.travel.future");
				}
				else if (to.isBefore(visitDay.minusDays(windowDays))) {
					errors.add(f + "from", "survey.travel.outsideWindow", windowDays);
				}
				else if (place != null && !place.isEmpty()) {
					result.add(new CheckedTravel(place, from, to));
				}
			}
		}
		return result;
	}

	private String travelJson(List<CheckedTravel> travel) {
		return this.json.writeValueAsString(travel.stream()
			.map(t -> Map.of("place", t.place(), "from", t.from().toString(), "to", t.to().toString()))
			.toList());
	}

	private static String symptomsLiteral(List<Symptom> symptoms) {
		return "{" + symptoms.stream().map(Enum::name).collect(Collectors.joining(",")) + "}";
	}

	private static InvalidInputException prefixed(InvalidInputException ex, String prefix) {
		return new InvalidInputException(ex.errors()
			.stream()
			.map(e -> new InvalidInputException.FieldError(prefix + e.field(), e.code(), e.args()))
			.toList());
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private static Member member(PersonRow p) {
		return new Member(p.id(), p.name(), p.sex(), p.age(), p.relation(), p.maskedPhone());
	}

}
