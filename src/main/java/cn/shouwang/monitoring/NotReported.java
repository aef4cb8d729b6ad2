package cn.shouwang.monitoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.Consumer;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The "not reported" list (未报告, DOMAIN §5): every follow-up slot past its deadline without a
 * check, live (a check that fills the slot takes it off at once; an ended measure's open slots
 * are gone). Per jurisdiction, or only the measures whose 4+N team the caller is on. Most recent
 * deadline first: today's missing checks are the ones a visit can still catch.
 */
@Service
public class NotReported {

	private static final String FILTER = """
			from followup_slot s join control_measure m on m.id = s.measure_id
			where s.check_id is null and s.due_at < :now
			  and s.jurisdiction_path >= :scopeLo and s.jurisdiction_path < :scopeHi
			  and (not cast(:mine as boolean) or exists (select 1 from control_measure_team t
			       where t.measure_id = s.measure_id and t.user_id = :user))
			  and (cast(:slot as text) is null or s.slot = :slot)
			  and (cast(:text as text) is null or m.name like '%' || :text || '%' or m.address like '%' || :text || '%')
			""";

	private static final String COLUMNS = """
			select s.measure_id, m.person_id, m.name, m.address, s.day, s.slot, s.due_at, s.reminded_at
			""";

	private final JdbcClient jdbc;

	private final JurisdictionService jurisdictions;

	private final Clock clock;

	NotReported(JdbcClient jdbc, JurisdictionService jurisdictions, MonitoringClock clock) {
		this.jdbc = jdbc;
		this.jurisdictions = jurisdictions;
		this.clock = clock.clock();
	}

	public PageResult<OverdueSlot> list(ShouwangPrincipal caller, NotReportedFilter filter, PageQuery page) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		JurisdictionScope scope = this.jurisdictions.scopeFor(caller, filter.nodeId());
		long total = bind(scope.bind(this.jdbc.sql("select count(*) " + FILTER)), caller, filter).query(Long.class).single();
		return page.result(bind(scope.bind(this.jdbc.sql(COLUMNS + FILTER
				+ " order by s.due_at desc, s.measure_id limit :limit offset :offset")), caller, filter)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list(), total);
	}

	public void forEach(ShouwangPrincipal caller, NotReportedFilter filter, Consumer<OverdueSlot> sink) {
		MonitoringPermissions.require(MonitoringPermissions.WORK, caller);
		bind(this.jurisdictions.scopeFor(caller, filter.nodeId()).bind(this.jdbc.sql(COLUMNS + FILTER + " order by s.due_at desc, s.measure_id")),
				caller, filter)
			.withFetchSize(1_000)
			.query(rs -> {
				sink.accept(row(rs));
			});
	}

	private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, ShouwangPrincipal caller, NotReportedFilter f) {
		return spec.param("now", Timestamp.from(this.clock.instant()))
			.param("mine", f.mine())
			.param("user", caller.userId() == null ? -1L : caller.userId())
			.param("slot", f.slot() == null ? null : f.slot().name())
			.param("text", f.text() == null || f.text().isBlank() ? null : f.text().strip());
	}


	private static OverdueSlot row(ResultSet rs) throws SQLException {
		Timestamp reminded = rs.getTimestamp(8);
		return new OverdueSlot(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(),
				Slot.valueOf(rs.getString(6)), rs.getTimestamp(7).toInstant(), reminded == null ? null : reminded.toInstant());
	}

}
