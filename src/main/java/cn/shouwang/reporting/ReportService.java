package cn.shouwang.reporting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.report.FigureDef;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily report of a community (日报告): computed from the records, reviewed, noted and submitted
 * by the worker — or submitted as a zero report (零报告) in one tap when nothing of note happened —
 * before the deadline ({@code shouwang.reporting.deadline-days-after} days after the reported day at
 * {@code shouwang.reporting.deadline-time}, by default 10:00 the next morning). After the deadline it
 * is locked; the street may reopen it for {@code shouwang.reporting.reopen-hours}; a report first
 * submitted after its deadline counts as late. The street approves submitted reports.
 */
@Service
public class ReportService {

	static final String ENTITY = "dailyReport";

	private final DailyReports reports;

	private final FigureCatalogue figures;

	private final JurisdictionService jurisdictions;

	private final AuditTrail audit;

	private final ReportingClock clock;

	private final cn.shouwang.shared.web.Messages messages;

	private final LocalTime deadlineTime;

	private final int deadlineDaysAfter;

	private final Duration reopenFor;

	ReportService(DailyReports reports, FigureCatalogue figures, JurisdictionService jurisdictions, AuditTrail audit,
			ReportingClock clock, cn.shouwang.shared.web.Messages messages, @Value("${shouwang.reporting.deadline-time:10:00}") LocalTime deadlineTime,
			@Value("${shouwang.reporting.deadline-days-after:1}") int deadlineDaysAfter,
			@Value("${shouwang.reporting.reopen-hours:24}") int reopenHours) {
		this.reports = reports;
		this.figures = figures;
		this.jurisdictions = jurisdictions;
		this.audit = audit;
		this.clock = clock;
		this.messages = messages;
		this.deadlineTime = deadlineTime;
		this.deadlineDaysAfter = deadlineDaysAfter;
		this.reopenFor = Duration.ofHours(reopenHours);
	}

	/** When the report of a day is due. */
	public Instant deadline(LocalDate day) {
		return day.plusDays(this.deadlineDaysAfter).atTime(this.deadlineTime).atZone(this.clock.zone()).toInstant();
	}

	public LocalDate today() {
		return this.clock.today();
	}

	public Instant now() {
		return this.clock.now();
	}

	public List<FigureDef> definitions() {
		return this.figures.definitions();
	}

	/** The report of a community for a day: as submitted, or the draft computed now. */
	public DailyReport get(ShouwangPrincipal caller, long nodeId, LocalDate day) {
		Node node = community(caller, nodeId);
		ReportPermissions.require(ReportPermissions.SEE, caller);
		checkDay(day);
		return view(node, day, this.reports.find(node.id(), day));
	}

	/** What happened to a community's report of a day (nothing for a node that does not report). */
	public List<ReportEvent> history(ShouwangPrincipal caller, long nodeId, LocalDate day) {
		Node node = this.jurisdictions.get(caller, nodeId);
		ReportPermissions.require(ReportPermissions.SEE, caller);
		if (node.level() != Level.COMMUNITY && node.level() != Level.STREET) {
			return List.of();
		}
		return this.reports.find(node.id(), day).map(r -> this.reports.events(r.id())).orElse(List.of());
	}

	/** Keeps the situation note of a draft (the figures are never typed: they are computed). */
	@Transactional
	public DailyReport saveNote(ShouwangPrincipal caller, long nodeId, LocalDate day, String note) {
		Node node = community(caller, nodeId);
		ReportPermissions.require(submitters(node), caller);
		checkDay(day);
		String text = checkedNote(note);
		StoredReport r = this.reports.lockOrCreate(node.id(), node.path(), day, deadline(day));
		requireOpen(r);
		this.reports.saveNote(r.id(), text);
		return get(caller, nodeId, day);
	}

	/**
	 * Submits the report with the figures as computed at this moment, kept as they are. A zero report
	 * is refused while any EVENT figure of the day is not zero (the field named is the figure's code).
	 */
	@Transactional
	public DailyReport submit(ShouwangPrincipal caller, long nodeId, LocalDate day, String note, boolean zero) {
		Node node = community(caller, nodeId);
		ReportPermissions.require(submitters(node), caller);
		checkDay(day);
		String text = checkedNote(note);
		StoredReport r = this.reports.lockOrCreate(node.id(), node.path(), day, deadline(day));
		requireOpen(r);
		Map<String, Long> values = figuresOf(node, day);
		if (zero) {
			List<String> events = events(values);
			if (!events.isEmpty()) {
				List<String> labels = new ArrayList<>();
				for (FigureDef d : this.figures.definitions()) {
					if (events.contains(d.code())) {
						labels.add(this.messages.get(d.messageKey()) + " " + values.get(d.code()));
					}
				}
				throw InvalidInputException.of("zero", "report.zeroRefused", String.join("、", labels));
			}
		}
		if (text == null) {
			text = zero ? null : r.note();
		}
		Instant now = this.clock.now();
		boolean onTime = !now.isAfter(r.deadline());
		this.reports.submit(r.id(), zero, text, values, now, caller.getUsername(), onTime);
		this.reports.event(r.id(), zero ? "ZERO_SUBMITTED" : "SUBMITTED", onTime ? null : "LATE", caller.displayName());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("day", day.toString());
		after.put("zero", zero);
		after.put("onTime", onTime);
		after.put("figures", values.size());
		this.audit.record(ENTITY, r.id(), Action.UPDATE, node.path(), Map.of("status", r.status().name()), after);
		return get(caller, nodeId, day);
	}

	/** The street reopens a locked or submitted report so the community can correct and submit it again. */
	@Transactional
	public DailyReport reopen(ShouwangPrincipal caller, long nodeId, LocalDate day, String reason) {
		Node node = community(caller, nodeId);
		ReportPermissions.require(ReportPermissions.SUPERVISE, caller);
		checkDay(day);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String why = errors.text("reason", reason, 200);
		errors.throwIfAny();
		if (caller.nodePath().equals(node.path())) {
			throw InvalidInputException.of("nodeId", "report.reopenFromAbove");
		}
		StoredReport r = this.reports.lockOrCreate(node.id(), node.path(), day, deadline(day));
		Instant now = this.clock.now();
		Instant until = now.plus(this.reopenFor);
		if (until.isBefore(r.deadline())) {
			until = r.deadline();
		}
		this.reports.reopen(r.id(), until, caller.getUsername());
		this.reports.event(r.id(), "REOPENED", why, caller.displayName());
		this.audit.record(ENTITY, r.id(), Action.UPDATE, node.path(), Map.of("status", r.status().name()),
				Map.of("status", "DRAFT", "reopenedUntil", until.toString()));
		return get(caller, nodeId, day);
	}

	/** The street approves a submitted report (level by level: the community submits, the street approves). */
	@Transactional
	public DailyReport approve(ShouwangPrincipal caller, long nodeId, LocalDate day) {
		Node node = community(caller, nodeId);
		ReportPermissions.require(ReportPermissions.SUPERVISE, caller);
		checkDay(day);
		if (caller.nodePath().equals(node.path())) {
			throw InvalidInputException.of("nodeId", "report.reopenFromAbove");
		}
		StoredReport r = this.reports.find(node.id(), day)
			.filter(x -> x.status() == ReportStatus.SUBMITTED)
			.orElseThrow(() -> InvalidInputException.of("status", "report.notSubmitted"));
		this.reports.approve(r.id(), this.clock.now(), caller.getUsername());
		this.reports.event(r.id(), "APPROVED", null, caller.displayName());
		this.audit.record(ENTITY, r.id(), Action.UPDATE, node.path(), Map.of("status", "SUBMITTED"),
				Map.of("status", "APPROVED"));
		return get(caller, nodeId, day);
	}

	DailyReport view(Node node, LocalDate day, Optional<StoredReport> stored) {
		Instant now = this.clock.now();
		Instant deadline = stored.map(StoredReport::deadline).orElse(deadline(day));
		StoredReport r = stored.orElse(null);
		boolean submitted = r != null && r.status().complete();
		Map<String, Long> values = submitted ? r.figures() : figuresOf(node, day);
		boolean locked = isLocked(deadline, r == null ? null : r.reopenedUntil(), now);
		return new DailyReport(node.id(), node.name(), node.path(), day, r == null ? ReportStatus.NOT_STARTED : r.status(),
				r != null && r.zero(), r == null ? null : r.note(), values, submitted, deadline, locked,
				!locked && !submitted, r == null ? null : r.submittedAt(), r == null ? null : r.submittedBy(),
				r == null ? null : r.onTime(), r == null ? null : r.reopenedUntil(), r == null ? null : r.reopenedBy(),
				r == null ? null : r.approvedAt(), r == null ? null : r.approvedBy(), r == null ? 0 : r.version(),
				events(values));
	}

	static boolean isLocked(Instant deadline, Instant reopenedUntil, Instant now) {
		Instant until = reopenedUntil != null && reopenedUntil.isAfter(deadline) ? reopenedUntil : deadline;
		return now.isAfter(until);
	}

	private void requireOpen(StoredReport r) {
		if (isLocked(r.deadline(), r.reopenedUntil(), this.clock.now())) {
			throw InvalidInputException.of("day", "report.locked");
		}
		if (r.status().complete()) {
			throw InvalidInputException.of("status", "report.alreadySubmitted");
		}
	}

	/** The EVENT figures that are not zero. */
	private List<String> events(Map<String, Long> values) {
		List<String> codes = new ArrayList<>();
		for (FigureDef d : this.figures.definitions()) {
			if (d.kind() == FigureDef.Kind.EVENT && values.getOrDefault(d.code(), 0L) != 0 && d.argZh() == null) {
				codes.add(d.code());
			}
		}
		return codes;
	}

	/**
	 * A community's figures are computed from the records; a street's report (level by level: the
	 * street submits its roll-up, the district approves it) is the sum of its communities' reports as
	 * submitted, so what the street signs is what its communities signed.
	 */
	private Map<String, Long> figuresOf(Node node, LocalDate day) {
		if (node.level() == Level.COMMUNITY) {
			return this.figures.compute(List.of(node.path()), day).get(node.path());
		}
		Map<String, Long> sum = new java.util.HashMap<>();
		for (StoredReport r : this.reports.under(cn.shouwang.shared.JurisdictionScope.of(node.path()), day)) {
			if (!r.path().equals(node.path()) && r.status().complete()) {
				FigureCatalogue.addInto(sum, r.figures());
			}
		}
		return sum;
	}

	/** A community's workers submit its report; a street's admins (or the district's) the street's. */
	private static java.util.Set<cn.shouwang.shared.Role> submitters(Node node) {
		return node.level() == Level.COMMUNITY ? ReportPermissions.SUBMIT : ReportPermissions.SUPERVISE;
	}

	/** The node of a report: a community, or a street for its roll-up. */
	private Node community(ShouwangPrincipal caller, long nodeId) {
		Node node = this.jurisdictions.get(caller, nodeId);
		if (node.level() != Level.COMMUNITY && node.level() != Level.STREET) {
			throw InvalidInputException.of("nodeId", "report.notCommunity");
		}
		return node;
	}

	private void checkDay(LocalDate day) {
		if (day == null) {
			throw InvalidInputException.of("day", "validation.required");
		}
		if (day.isAfter(this.clock.today())) {
			throw InvalidInputException.of("day", "report.futureDay");
		}
	}

	private static String checkedNote(String note) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String text = errors.text("note", note, 2000);
		errors.throwIfAny();
		return text;
	}

}
