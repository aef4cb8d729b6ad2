package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of the passage log. Every query binds the caller's scope and the time range on
 * {@code passage.at}, the partition key, so PostgreSQL reads only the months the range touches.
 * Visitors' phones stay encrypted in the table and leave this class masked.
 */
@Repository
class PassageLog {

	private static final String COLUMNS = """
			p.id, p.at, p.checkpoint_id, c.name as checkpoint_name, p.direction, p.person_id,
			coalesce(s.name, p.visitor_name,
			  (select x.name from pass x where x.person_id = p.person_id order by x.issued_at desc limit 1)) as name,
			p.visitor_name is not null and p.person_id is null as visitor, p.visitor_phone_enc, p.visitor_reason,
			p.host_household_id, p.temperature, p.decision, p.reason, p.plate
			""";

	/**
	 * The conditions on a passage itself; the caller binds every parameter. A name is looked up
	 * first: the matching persons among the passes (one row per pass, by the grams index of V26),
	 * then their passages by (person_id, at), or-ed with visitors by their partial grams index;
	 * the grams only narrow, LIKE decides, so the matches are those of LIKE alone.
	 */
	private static final String CONDITIONS = " " + """
			p.at >= :from and p.at < :to
			  and p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
			  and (cast(:cp as bigint) is null or p.checkpoint_id = :cp)
			  and (cast(:person as bigint) is null or p.person_id = :person)
			  and (cast(:direction as text) is null or p.direction = :direction)
			  and (cast(:decision as text) is null or p.decision = :decision)
			  and (cast(:text as text) is null
			       or name_grams(p.visitor_name) @> name_grams_query(:raw) and p.visitor_name like '%' || :text || '%'
			       or p.person_id = any(array(select x.person_id from pass x
			            where name_grams(x.name) @> name_grams_query(:raw) and x.name like '%' || :text || '%')))
			""";

	/** The conditions of the log; the caller binds every parameter. */
	private static final String FILTER = """
			from passage p join checkpoint c on c.id = p.checkpoint_id left join pass s on s.id = p.pass_id
			where """ + CONDITIONS;

	/**
	 * The newest passages of a whole jurisdiction, found checkpoint by checkpoint: each checkpoint's
	 * newest {@code :n} through its (checkpoint_id, at) index, then merged. Without it a street or
	 * the district would read every passage of the range to sort them; with it a first page costs a
	 * few index probes per checkpoint however many millions of rows the month holds.
	 */
	private static final String NEWEST_PER_CHECKPOINT = """
			from (select x.* from checkpoint k cross join lateral (
			        select p.* from passage p where p.checkpoint_id = k.id and """ + CONDITIONS + """
			        order by p.at desc, p.id limit :n) x
			      where k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi) p
			join checkpoint c on c.id = p.checkpoint_id left join pass s on s.id = p.pass_id
			""";

	/** Up to this deep into the log (offset + size) a page is found checkpoint by checkpoint. */
	static final long PER_CHECKPOINT_DEPTH = 2_000;

	private static final String ORDER = " order by p.at desc, p.id";

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	PassageLog(JdbcClient jdbc, FieldCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	List<PassageLogRow> page(JurisdictionScope scope, PassageLogFilter f, BigDecimal fever, PageQuery page) {
		return bind(scope, f, pageSql(f, page))
			.param("limit", page.size())
			.param("offset", page.offset())
			.param("n", page.offset() + page.size())
			.query((rs, i) -> row(rs, fever))
			.list();
	}

	/**
	 * The query of a page: by checkpoint or by person the indexes on those lead the way; for a
	 * whole jurisdiction the newest passages are picked checkpoint by checkpoint.
	 */
	private static String pageSql(PassageLogFilter f, PageQuery page) {
		// a name goes by its persons' index instead: checkpoint by checkpoint a rare name would read
		// every passage of the range looking for twenty that match
		boolean wide = f.checkpointId() == null && f.personId() == null && f.text() == null
				&& page.offset() + page.size() <= PER_CHECKPOINT_DEPTH;
		return "select " + COLUMNS + (wide ? NEWEST_PER_CHECKPOINT : FILTER) + ORDER + " limit :limit offset :offset";
	}

	/** The number of matches, counted up to {@code cap}. */
	long count(JurisdictionScope scope, PassageLogFilter f, long cap) {
		// for a whole jurisdiction, counted checkpoint by checkpoint too: a count that scanned the month
		// in the table's order would meet today's rows last
		String sql = f.checkpointId() == null && f.personId() == null && f.text() == null ? """
				select count(*) from (select 1 from checkpoint k cross join lateral (
				  select 1 from passage p where p.checkpoint_id = k.id and""" + CONDITIONS + """
				  limit :cap) x
				where k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi limit :cap) y
				""" : "select count(*) from (select 1 " + FILTER + " limit :cap) x";
		return bind(scope, f, sql).param("cap", cap)
			.query(Long.class)
			.single();
	}

	/** Every match in log order, one row at a time (exports); call inside a read-only transaction. */
	void stream(JurisdictionScope scope, PassageLogFilter f, BigDecimal fever, Consumer<PassageLogRow> sink) {
		bind(scope, f, "select " + COLUMNS + FILTER + ORDER).withFetchSize(2_000).query(rs -> {
			sink.accept(row(rs, fever));
		});
	}

	/** The plan of the log's page query, for checking which partitions it reads. */
	String explain(JurisdictionScope scope, PassageLogFilter f, PageQuery page) {
		return String.join("\n", bind(scope, f, "explain " + pageSql(f, page))
			.param("limit", page.size())
			.param("offset", page.offset())
			.param("n", page.offset() + page.size())
			.query(String.class)
			.list());
	}

	record HourCount(long checkpointId, int hour, PassageLogHourly.Counts counts) {
	}

	/**
	 * Passages per checkpoint and hour, from the per-hour counters the database keeps as passages
	 * are inserted (V27's trigger): a street's or the district's day is a few hundred counter rows
	 * however many passages it had, and a late offline upload into a past hour is counted there.
	 */
	private static final String HOURLY = """
			select k.id, cast(extract(hour from x.hour at time zone :zone) as int) as h,
			  sum(x.ins), sum(x.outs), sum(x.turned_back), sum(x.fevers)
			from checkpoint k join passage_hour x on x.checkpoint_id = k.id
			where k.jurisdiction_path >= :scopeLo and k.jurisdiction_path < :scopeHi
			  and (cast(:cp as bigint) is null or k.id = :cp)
			  and x.hour >= :from and x.hour < :to
			  and x.jurisdiction_path >= :scopeLo and x.jurisdiction_path < :scopeHi
			group by 1, 2
			""";

	/** Passages per checkpoint and hour of the day (in {@code zone}) within [from, to). */
	List<HourCount> hourly(JurisdictionScope scope, Long checkpointId, java.time.Instant from, java.time.Instant to,
			ZoneId zone) {
		return bindHourly(scope, checkpointId, from, to, zone, HOURLY)
			.query((rs, i) -> new HourCount(rs.getLong(1), rs.getInt(2),
					new PassageLogHourly.Counts(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))))
			.list();
	}

	/** The plan of the hourly counts, for checking that they read the counters only. */
	String explainHourly(JurisdictionScope scope, Long checkpointId, java.time.Instant from, java.time.Instant to,
			ZoneId zone) {
		return String.join("\n", bindHourly(scope, checkpointId, from, to, zone, "explain " + HOURLY)
			.query(String.class)
			.list());
	}

	private JdbcClient.StatementSpec bindHourly(JurisdictionScope scope, Long checkpointId, java.time.Instant from,
			java.time.Instant to, ZoneId zone, String sql) {
		return scope.bind(this.jdbc.sql(sql))
			.param("zone", zone.getId())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("cp", checkpointId);
	}

	private JdbcClient.StatementSpec bind(JurisdictionScope scope, PassageLogFilter f, String sql) {
		return scope.bind(this.jdbc.sql(sql))
			.param("from", Timestamp.from(f.from()))
			.param("to", Timestamp.from(f.to()))
			.param("cp", f.checkpointId())
			.param("person", f.personId())
			.param("direction", f.direction() == null ? null : f.direction().name())
			.param("decision", f.decision() == null ? null : f.decision().name())
			.param("text", f.text() == null ? null : escapeLike(f.text()))
			.param("raw", f.text());
	}

	private PassageLogRow row(ResultSet rs, BigDecimal fever) throws SQLException {
		BigDecimal t = rs.getBigDecimal("temperature");
		byte[] phone = rs.getBytes("visitor_phone_enc");
		return new PassageLogRow(rs.getObject("id", UUID.class), rs.getTimestamp("at").toInstant(),
				rs.getLong("checkpoint_id"), rs.getString("checkpoint_name"), rs.getString("direction"),
				(Long) rs.getObject("person_id"), rs.getString("name"), rs.getBoolean("visitor"),
				phone == null ? null : Masking.phone(this.cipher.decrypt(phone)), rs.getString("visitor_reason"),
				(Long) rs.getObject("host_household_id"), t, t != null && t.compareTo(fever) >= 0,
				rs.getString("decision"), rs.getString("reason"), rs.getString("plate"));
	}

	/** A name typed into the search box matches literally: % and _ are not wildcards. */
	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
