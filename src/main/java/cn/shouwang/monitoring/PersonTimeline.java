package cn.shouwang.monitoring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Everything that happened to one person under control measures, in time order: each measure and
 * its events, every check, every alert and what was done about it, and the household's service
 * requests (生活保障). One page answers "what do we know about this person" without opening five.
 * Seen by whoever may see one of the person's measures.
 */
@Service
public class PersonTimeline {

	public enum Kind {

		MEASURE, CHECK, ALERT, REQUEST

	}

	/** One line: when, what (a message key and a detail), tags (message keys), who, where to open it. */
	public record Entry(Instant at, Kind kind, String titleKey, String detail, List<String> tagKeys, String actor,
			String link, boolean abnormal) {
	}

	public record Timeline(long personId, String name, List<MeasureRow> measures, List<Entry> entries) {
	}

	private final JdbcClient jdbc;

	private final Measures measures;

	private final Checks checks;

	private final Alerts alerts;

	private final Clock clock;

	PersonTimeline(JdbcClient jdbc, Measures measures, Checks checks, Alerts alerts, MonitoringClock clock) {
		this.jdbc = jdbc;
		this.measures = measures;
		this.checks = checks;
		this.alerts = alerts;
		this.clock = clock.clock();
	}

	public Timeline of(ShouwangPrincipal caller, long personId) {
		LocalDate today = LocalDate.now(this.clock);
		List<MeasureRow> rows = new ArrayList<>();
		for (Long id : this.jdbc.sql("select id from control_measure where person_id = :p order by created_at, id")
			.param("p", personId)
			.query(Long.class)
			.list()) {
			this.measures.find(caller.scope(), id, today).ifPresent(s -> rows.add(s.row()));
		}
		if (rows.isEmpty()) {
			throw new NotFoundException("person", personId);
		}
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		List<Long> ids = rows.stream().map(MeasureRow::id).toList();
		List<Entry> entries = new ArrayList<>();
		for (MeasureRow m : rows) {
			String link = "/monitoring/measures/" + m.id();
			this.measures.events(m.id())
				.forEach(e -> entries.add(new Entry(e.at(), Kind.MEASURE, "measure.event." + e.kind(), e.note(), List.of(),
						e.actor(), link, false)));
		}
		for (HealthCheck c : this.checks.ofMeasures(ids)) {
			List<String> tags = new ArrayList<>();
			tags.add(c.slot().messageKey());
			c.symptoms().forEach(s -> tags.add(s.messageKey()));
			tags.add(c.source().messageKey());
			entries.add(new Entry(c.takenAt(), Kind.CHECK, c.fever() ? "check.fever" : c.abnormal() ? "check.abnormal"
					: "check.ok", c.temperature().toPlainString() + " ℃", tags, c.recordedBy(), null, c.abnormal()));
		}
		for (Long alert : this.jdbc.sql("select id from health_alert where measure_id = any(:ms) order by id")
			.param("ms", ids.toArray(Long[]::new))
			.query(Long.class)
			.list()) {
			this.alerts.events(alert).forEach(e -> {
				String kind = e.kind().startsWith("HANDLED_") && !e.kind().equals("HANDLED_LATE") ? "HANDLED" : e.kind();
				entries.add(new Entry(e.at(), Kind.ALERT, "alert.event." + kind, e.note(), List.of(), e.actor(),
						"/alerts/" + alert, e.kind().equals("OPENED") || e.kind().equals("ABNORMAL_AGAIN")));
			});
		}
		List<Long> households = rows.stream().map(MeasureRow::householdId).filter(Objects::nonNull).distinct().toList();
		if (!households.isEmpty()) {
			requests(households, entries);
		}
		entries.sort(Comparator.comparing(Entry::at));
		return new Timeline(personId, rows.get(rows.size() - 1).name(), rows, entries);
	}

	/**
	 * The household's service requests and their steps, read-only: they belong to the care module,
	 * and a request is about the household, so every member's timeline shows it.
	 */
	private void requests(List<Long> households, List<Entry> entries) {
		Long[] hs = households.toArray(Long[]::new);
		this.jdbc.sql("""
				select kind, description, status, created_by, created_at from service_request where household_id = any(:hs)
				""").param("hs", hs).query(rs -> {
			entries.add(new Entry(rs.getTimestamp(5).toInstant(), Kind.REQUEST, "timeline.request.kind." + rs.getString(1),
					rs.getString(2), List.of(), rs.getString(4), null, false));
		});
		this.jdbc.sql("""
				select e.kind, e.note, e.actor_name, e.at, r.kind from service_request_event e
				join service_request r on r.id = e.request_id where r.household_id = any(:hs)
				""").param("hs", hs).query(rs -> {
			String note = rs.getString(2);
			entries.add(new Entry(rs.getTimestamp(4).toInstant(), Kind.REQUEST, "timeline.request.kind." + rs.getString(5),
					rs.getString(1) + (note == null ? "" : " " + note), List.of(), rs.getString(3), null, false));
		});
	}

}
