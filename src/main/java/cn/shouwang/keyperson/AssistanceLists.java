package cn.shouwang.keyperson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.PageQuery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for assistance lists, their rows and candidates; lists are read only inside a scope. */
@Repository
class AssistanceLists {

	private static final String LIST_COLUMNS = """
			l.id, l.name, l.issued_by, l.deadline, l.node_id, l.file_name, l.headers, l.header_row, l.status, l.row_count,
			l.created_by, l.created_at, l.matched_at, l.jurisdiction_path, cast(l.mapping as text) as mapping,
			cast(l.detected as text) as detected
			""";

	private static final String COUNTS = """
			select r.list_id, count(*),
			  count(*) filter (where r.match_status = 'MATCHED'),
			  count(*) filter (where r.match_status = 'CANDIDATE'),
			  count(*) filter (where r.match_status in ('UNMATCHED', 'REJECTED')),
			  count(*) filter (where r.match_status = 'INVALID'),
			  count(*) filter (where r.match_status = 'PENDING'),
			  count(*) filter (where k.status is not null and k.status <> 'NEW'),
			  count(*) filter (where k.status = 'NEW' and l.deadline < :today)
			from assistance_list_row r join assistance_list l on l.id = r.list_id
			left join key_person k on k.id = r.key_person_id
			where r.list_id = any(:ids)
			group by r.list_id
			""";

	/** A list with where it belongs and its column mappings (JSON: field to column). */
	record Stored(AssistanceList list, String path, String mapping, String detected) {
	}

	/** A stored row: its cells, still encrypted, and what matching made of it. */
	record StoredRow(int rowNo, byte[] cellsEnc, MatchStatus status, MatchMethod method, Double score, Long personId,
			Long keyPersonId, Long gridId, String reason, KeyPersonStatus keyPersonStatus) {
	}

	/** A row with what the completion report appends: the key person's progress. */
	record ReportRow(StoredRow row, String lastResult, Instant doneAt) {
	}

	record NewList(UUID id, String name, String issuedBy, LocalDate deadline, long nodeId, String path, String fileName,
			List<String> headers, int headerRow, String detected, long ownerId, String actor) {
	}

	record Match(MatchStatus status, MatchMethod method, Double score, Long personId, Long keyPersonId, Long gridId,
			String path, String reason, String name, String address, byte[] idNumberBidx, byte[] phoneBidx) {
	}

	private final JdbcClient jdbc;

	AssistanceLists(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(NewList n) {
		this.jdbc.sql("""
				insert into assistance_list(id, name, issued_by, deadline, node_id, jurisdiction_path, file_name, headers,
				  header_row, status, detected, mapping, owner_id, created_by)
				values (:id, :name, :issuedBy, :deadline, :node, :path, :file, :headers, :headerRow, 'MAPPING',
				  cast(:detected as jsonb), cast(:detected as jsonb), :owner, :actor)
				""")
			.param("id", n.id())
			.param("name", n.name())
			.param("issuedBy", n.issuedBy())
			.param("deadline", n.deadline())
			.param("node", n.nodeId())
			.param("path", n.path())
			.param("file", n.fileName())
			.param("headers", n.headers().toArray(String[]::new))
			.param("headerRow", n.headerRow())
			.param("detected", n.detected())
			.param("owner", n.ownerId())
			.param("actor", n.actor())
			.update();
	}

	void setRowCount(UUID id, int rows) {
		this.jdbc.sql("update assistance_list set row_count = :n where id = :id").param("n", rows).param("id", id).update();
	}

	Optional<Stored> find(JurisdictionScope scope, UUID id, LocalDate today) {
		return scope.bind(this.jdbc.sql("select " + LIST_COLUMNS + """
				from assistance_list l where l.id = :id and l.jurisdiction_path >= :scopeLo and l.jurisdiction_path < :scopeHi
				"""))
			.param("id", id)
			.query((rs, i) -> new Stored(list(rs, Map.of()), rs.getString("jurisdiction_path"), rs.getString("mapping"),
					rs.getString("detected")))
			.optional()
			.map(s -> new Stored(withCounts(s.list(), counts(List.of(id), today)), s.path(), s.mapping(), s.detected()));
	}

	long count(JurisdictionScope scope) {
		return scope.bind(this.jdbc.sql(
				"select count(*) from assistance_list where jurisdiction_path >= :scopeLo and jurisdiction_path < :scopeHi"))
			.query(Long.class)
			.single();
	}

	List<AssistanceList> page(JurisdictionScope scope, PageQuery page, LocalDate today) {
		List<AssistanceList> lists = scope.bind(this.jdbc.sql("select " + LIST_COLUMNS + """
				from assistance_list l where l.jurisdiction_path >= :scopeLo and l.jurisdiction_path < :scopeHi
				order by l.created_at desc, l.id limit :limit offset :offset
				""")).param("limit", page.size()).param("offset", page.offset()).query((rs, i) -> list(rs, Map.of())).list();
		Map<UUID, AssistanceList.Counts> counts = counts(lists.stream().map(AssistanceList::id).toList(), today);
		return lists.stream().map(l -> withCounts(l, counts)).toList();
	}

	void setMapping(UUID id, String mapping) {
		this.jdbc.sql("update assistance_list set mapping = cast(:m as jsonb) where id = :id")
			.param("m", mapping)
			.param("id", id)
			.update();
	}

	void markMatched(UUID id, String actor) {
		this.jdbc.sql("update assistance_list set status = 'MATCHED', matched_at = now(), matched_by = :actor where id = :id")
			.param("actor", actor)
			.param("id", id)
			.update();
	}

	/** Rows nobody has decided on and no key person came of yet: the ones a (re-)run matches. */
	List<StoredRow> undecided(UUID id) {
		return this.jdbc.sql(ROW_SELECT + """
				where r.list_id = :id and r.decided_by is null and r.match_status <> 'MATCHED' order by r.row_no
				""").param("id", id).query((rs, i) -> row(rs)).list();
	}

	Optional<StoredRow> row(UUID id, int rowNo) {
		return this.jdbc.sql(ROW_SELECT + " where r.list_id = :id and r.row_no = :row")
			.param("id", id)
			.param("row", rowNo)
			.query((rs, i) -> row(rs))
			.optional();
	}

	long countRows(UUID id, MatchStatus status) {
		return this.jdbc.sql("""
				select count(*) from assistance_list_row r
				where r.list_id = :id and (cast(:status as text) is null or r.match_status = :status)
				""").param("id", id).param("status", status == null ? null : status.name()).query(Long.class).single();
	}

	List<StoredRow> rows(UUID id, MatchStatus status, PageQuery page) {
		return this.jdbc.sql(ROW_SELECT + """
				where r.list_id = :id and (cast(:status as text) is null or r.match_status = :status)
				order by r.row_no limit :limit offset :offset
				""")
			.param("id", id)
			.param("status", status == null ? null : status.name())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	/** Every row in order (only the handed-back ones if asked), read with a cursor for the report. */
	void forEachReportRow(UUID id, boolean handedBackOnly, Consumer<ReportRow> sink) {
		this.jdbc.sql(ROW_SELECT.replace("select ", """
				select (select coalesce(v.result, v.outcome) from verification_call v where v.key_person_id = k.id
				          order by v.at desc limit 1) as last_call,
				       (select c.note from key_person_status_change c where c.key_person_id = k.id and c.note is not null
				          order by c.at desc, c.id desc limit 1) as last_note,
				       (select min(c.at) from key_person_status_change c where c.key_person_id = k.id
				          and c.from_status = 'NEW') as done_at,
				""") + """
				where r.list_id = :id and (not :handedBack or r.match_status in ('UNMATCHED', 'REJECTED', 'INVALID'))
				order by r.row_no
				""").param("id", id).param("handedBack", handedBackOnly).withFetchSize(500).query(rs -> {
			Timestamp done = rs.getTimestamp("done_at");
			String call = rs.getString("last_call");
			sink.accept(new ReportRow(row(rs), call != null ? call : rs.getString("last_note"),
					done == null ? null : done.toInstant()));
		});
	}

	void storeMatch(UUID id, int rowNo, Match m, String decidedBy) {
		this.jdbc.sql("""
				update assistance_list_row set match_status = :status, match_method = :method, score = :score,
				  person_id = :person, key_person_id = :kp, grid_id = :grid, jurisdiction_path = :path, reason = :reason,
				  name = coalesce(cast(:name as text), name), address = coalesce(cast(:address as text), address),
				  id_number_bidx = coalesce(cast(:idBidx as bytea), id_number_bidx),
				  phone_bidx = coalesce(cast(:phoneBidx as bytea), phone_bidx),
				  decided_by = coalesce(cast(:decidedBy as text), decided_by),
				  decided_at = case when cast(:decidedBy as text) is null then decided_at else now() end
				where list_id = :id and row_no = :row
				""")
			.param("status", m.status().name())
			.param("method", m.method() == null ? null : m.method().name())
			.param("score", m.score() == null ? null : m.score().floatValue())
			.param("person", m.personId())
			.param("kp", m.keyPersonId())
			.param("grid", m.gridId())
			.param("path", m.path())
			.param("reason", m.reason())
			.param("name", m.name())
			.param("address", m.address())
			.param("idBidx", m.idNumberBidx())
			.param("phoneBidx", m.phoneBidx())
			.param("decidedBy", decidedBy)
			.param("id", id)
			.param("row", rowNo)
			.update();
	}

	void replaceCandidates(UUID id, int rowNo, List<Candidate> candidates) {
		this.jdbc.sql("delete from assistance_list_candidate where list_id = :id and row_no = :row")
			.param("id", id)
			.param("row", rowNo)
			.update();
		for (Candidate c : candidates) {
			this.jdbc.sql("""
					insert into assistance_list_candidate(list_id, row_no, person_id, name, address, grid_id, jurisdiction_path, score)
					values (:id, :row, :person, :name, :address, :grid, :path, :score)
					""")
				.param("id", id)
				.param("row", rowNo)
				.param("person", c.personId())
				.param("name", c.name())
				.param("address", c.address())
				.param("grid", c.gridId())
				.param("path", c.path())
				.param("score", c.score() == null ? null : c.score().floatValue())
				.update();
		}
	}

	/** A candidate as stored, with where the person was registered. */
	record Candidate(long personId, String name, String address, long gridId, String path, Double score) {
	}

	Map<Integer, List<Candidate>> candidates(UUID id, List<Integer> rowNos) {
		Map<Integer, List<Candidate>> result = new HashMap<>();
		if (rowNos.isEmpty()) {
			return result;
		}
		this.jdbc.sql("""
				select row_no, person_id, name, address, grid_id, jurisdiction_path, score from assistance_list_candidate
				where list_id = :id and row_no = any(:rows) order by row_no, score desc nulls last, person_id
				""").param("id", id).param("rows", rowNos.toArray(Integer[]::new)).query(rs -> {
			result.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
				.add(new Candidate(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
						nullableDouble(rs, 7)));
		});
		return result;
	}

	private static final String ROW_SELECT = """
			select r.row_no, r.cells_enc, r.match_status, r.match_method, r.score, r.person_id, r.key_person_id, r.grid_id,
			  r.reason, k.status as kp_status
			from assistance_list_row r left join key_person k on k.id = r.key_person_id
			""";

	private static StoredRow row(ResultSet rs) throws SQLException {
		String method = rs.getString("match_method");
		String kp = rs.getString("kp_status");
		return new StoredRow(rs.getInt("row_no"), rs.getBytes("cells_enc"), MatchStatus.valueOf(rs.getString("match_status")),
				method == null ? null : MatchMethod.valueOf(method), nullableDouble(rs, rs.findColumn("score")),
				(Long) rs.getObject("person_id"), (Long) rs.getObject("key_person_id"), (Long) rs.getObject("grid_id"),
				rs.getString("reason"), kp == null ? null : KeyPersonStatus.valueOf(kp));
	}

	private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
		float f = rs.getFloat(column);
		return rs.wasNull() ? null : (double) f;
	}

	private Map<UUID, AssistanceList.Counts> counts(List<UUID> ids, LocalDate today) {
		Map<UUID, AssistanceList.Counts> result = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return result;
		}
		this.jdbc.sql(COUNTS).param("ids", ids.toArray(UUID[]::new)).param("today", today).query(rs -> {
			result.put(rs.getObject(1, UUID.class), new AssistanceList.Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4),
					rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
		});
		return result;
	}

	private static AssistanceList withCounts(AssistanceList l, Map<UUID, AssistanceList.Counts> counts) {
		return new AssistanceList(l.id(), l.name(), l.issuedBy(), l.deadline(), l.nodeId(), l.fileName(), l.headers(),
				l.headerRow(), l.status(), l.rowCount(), l.createdBy(), l.createdAt(), l.matchedAt(),
				counts.getOrDefault(l.id(), AssistanceList.Counts.NONE));
	}

	private static AssistanceList list(ResultSet rs, Map<UUID, AssistanceList.Counts> counts) throws SQLException {
		Timestamp matched = rs.getTimestamp("matched_at");
		UUID id = rs.getObject("id", UUID.class);
		return new AssistanceList(id, rs.getString("name"), rs.getString("issued_by"),
				rs.getDate("deadline").toLocalDate(), rs.getLong("node_id"), rs.getString("file_name"),
				List.of((String[]) rs.getArray("headers").getArray()), rs.getInt("header_row"), rs.getString("status"),
				rs.getInt("row_count"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				matched == null ? null : matched.toInstant(), counts.getOrDefault(id, AssistanceList.Counts.NONE));
	}

}
