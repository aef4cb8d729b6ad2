package cn.shouwang.keyperson;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.registry.RegistryMatching;
import cn.shouwang.registry.importing.ColumnMapping;
import cn.shouwang.registry.importing.Field;
import cn.shouwang.registry.importing.ImportFile;
import cn.shouwang.registry.importing.ListRows;
import cn.shouwang.registry.importing.RawRow;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.PageResult;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.audit.AuditTrail.Action;
import cn.shouwang.shared.crypto.BlindIndex;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.crypto.Masking;
import cn.shouwang.shared.db.BulkCopy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assistance lists (协查名单) pushed from above: a list is uploaded for a node, its columns mapped,
 * its rows matched to the registry inside that node, and each person found becomes a key person of
 * their grid with the list's deadline; the completion report gives the list back in its own layout.
 * <p>
 * The uploaded file is read once, at upload, and not kept: each row's cells are stored encrypted
 * (they hold ID numbers and phones), with blind indexes of the ID number and phone once mapped.
 */
@Service
public class AssistanceListService {

	static final String ENTITY = "assistanceList";

	/** Lists from above run to hundreds or a few thousand names; a register is imported elsewhere. */
	static final int MAX_ROWS = 50_000;

	static final int MATCH_CHUNK = 500;

	private static final TypeReference<Map<String, Integer>> MAPPING = new TypeReference<>() {
	};

	/** What the upload form or client sends besides the file. */
	public record Upload(Long nodeId, String name, String issuedBy, String deadline) {
	}

	/** The mapping step: every column with the field it holds, and the first rows read with it. */
	public record Mapping(AssistanceList list, List<ColumnMapping.Column> columns, List<Sample> sample) {
	}

	/** A row read with the current mapping, ID number and phone masked. */
	public record Sample(int rowNo, String name, String maskedIdNumber, String maskedPhone, String address) {
	}

	/** The columns the report appends, in order, as message keys. */
	static final List<String> REPORT_COLUMNS = List.of("assistanceList.report.result", "assistanceList.report.method",
			"assistanceList.report.score", "assistanceList.report.grid", "assistanceList.report.status",
			"assistanceList.report.outcome", "assistanceList.report.doneAt");

	private final AssistanceLists lists;

	private final KeyPersonService keyPersons;

	private final RegistryMatching matching;

	private final JurisdictionService jurisdictions;

	private final FieldCipher cipher;

	private final BlindIndex blindIndex;

	private final BulkCopy copy;

	private final AuditTrail audit;

	private final JsonMapper json;

	private final MessageSource messages;

	private final ZoneId zone;

	AssistanceListService(AssistanceLists lists, KeyPersonService keyPersons, RegistryMatching matching,
			JurisdictionService jurisdictions, FieldCipher cipher, BlindIndex blindIndex, BulkCopy copy,
			AuditTrail audit, JsonMapper json, MessageSource messages,
			@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.lists = lists;
		this.keyPersons = keyPersons;
		this.matching = matching;
		this.jurisdictions = jurisdictions;
		this.cipher = cipher;
		this.blindIndex = blindIndex;
		this.copy = copy;
		this.audit = audit;
		this.json = json;
		this.messages = messages;
		this.zone = ZoneId.of(zone);
	}

	/**
	 * Reads the list, finds its header and stores its rows, all or nothing; answers the list waiting
	 * for its mapping to be confirmed. Every problem with the form and the file is reported at once.
	 */
	@Transactional
	public AssistanceList upload(ShouwangPrincipal caller, Upload input, InputStream in, String fileName, long size) {
		KeyPersonPermissions.require(KeyPersonPermissions.LISTS, caller);
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		Node node = target(caller, input.nodeId(), errors);
		String name = errors.text("name", input.name(), 100);
		if (name == null) {
			errors.add("name", "validation.required");
		}
		String issuedBy = errors.text("issuedBy", input.issuedBy(), 100);
		LocalDate deadline = errors.date("deadline", input.deadline());
		if (deadline == null && !errors.has("deadline")) {
			errors.add("deadline", "validation.required");
		}
		else if (deadline != null && deadline.isBefore(today())) {
			errors.add("deadline", "assistanceList.deadlinePast");
		}
		if (in == null || size == 0) {
			errors.add("file", "import.empty");
			errors.throwIfAny();
		}
		UUID id = UUID.randomUUID();
		try (ImportFile file = ImportFile.open(in, fileName, size); ListRows rows = ListRows.open(file)) {
			errors.throwIfAny();
			ColumnMapping mapping = rows.mapping();
			this.lists.insert(new AssistanceLists.NewList(id, name, issuedBy, deadline, node.id(), node.path(),
					clip(fileName == null || fileName.isBlank() ? "upload" : fileName.strip(), 200), mapping.headers(),
					mapping.headerRowNumber(), toJson(mapping.columns()), caller.userId() == null ? 0 : caller.userId(),
					caller.getUsername()));
			int count = 0;
			try (BulkCopy.Writer writer = this.copy
				.writer("copy assistance_list_row(list_id, row_no, cells_enc) from stdin (format csv)", 2_000)) {
				while (rows.hasNext()) {
					RawRow row = rows.next();
					if (++count > MAX_ROWS) {
						throw InvalidInputException.of("file", "assistanceList.tooManyRows", MAX_ROWS);
					}
					writer.text(id.toString()).number(row.rowNumber()).bytes(encrypt(row.cells())).endRow();
				}
			}
			if (count == 0) {
				throw InvalidInputException.of("file", "assistanceList.noRows");
			}
			this.lists.setRowCount(id, count);
			this.audit.record(ENTITY, id, Action.CREATE, node.path(), null, Map.of("name", name, "issuedBy",
					String.valueOf(issuedBy), "deadline", deadline.toString(), "fileName", fileName == null ? "" : fileName,
					"rows", count));
		}
		catch (InvalidInputException ex) {
			// the form's problems and the file's together, so the user fixes everything in one go
			ex.errors().forEach(e -> {
				if (!errors.has(e.field())) {
					errors.add(e.field(), e.code(), e.args());
				}
			});
			errors.throwIfAny();
			throw ex;
		}
		return get(caller, id);
	}

	public AssistanceList get(ShouwangPrincipal caller, UUID id) {
		return stored(caller, id).list();
	}

	public PageResult<AssistanceList> lists(ShouwangPrincipal caller, PageQuery page) {
		KeyPersonPermissions.require(KeyPersonPermissions.LISTS, caller);
		return page.result(this.lists.page(caller.scope(), page, today()), this.lists.count(caller.scope()));
	}

	/** The columns with their fields (the confirmed mapping, or the detected one) and a sample of rows. */
	public Mapping mapping(ShouwangPrincipal caller, UUID id, Map<Field, Integer> overrides) {
		AssistanceLists.Stored stored = stored(caller, id);
		ColumnMapping mapping = columnMapping(stored, overrides);
		List<Sample> sample = new ArrayList<>();
		for (AssistanceLists.StoredRow r : this.lists.rows(id, null, PageQuery.of(0, 5))) {
			RawRow row = decrypt(r);
			sample.add(new Sample(r.rowNo(), cell(row, mapping, Field.NAME),
					Masking.idNumber(cell(row, mapping, Field.ID_NUMBER)), Masking.phone(cell(row, mapping, Field.PHONE)),
					cell(row, mapping, Field.ADDRESS)));
		}
		return new Mapping(stored.list(), mapping.describe(), sample);
	}

	/**
	 * Confirms the mapping (corrected by {@code overrides}: field to 0-based column, negative for
	 * none) and matches every row nobody has decided on yet. Matched rows become key persons; a
	 * second run, or the same list uploaded again, adds to the open key person instead of making a
	 * second one, and leaves rows already matched or decided alone.
	 */
	@Transactional
	public AssistanceList run(ShouwangPrincipal caller, UUID id, Map<Field, Integer> overrides) {
		AssistanceLists.Stored stored = stored(caller, id);
		if ("CLOSED".equals(stored.list().status())) {
			throw InvalidInputException.of("status", "assistanceList.closed");
		}
		ColumnMapping mapping = columnMapping(stored, overrides);
		mapping.requireAnyOf(ListRows.KEYS);
		this.lists.setMapping(id, toJson(mapping.columns()));
		JurisdictionScope within = JurisdictionScope.of(stored.path());
		List<AssistanceLists.StoredRow> rows = this.lists.undecided(id);
		for (int from = 0; from < rows.size(); from += MATCH_CHUNK) {
			List<AssistanceLists.StoredRow> chunk = rows.subList(from, Math.min(rows.size(), from + MATCH_CHUNK));
			List<RegistryMatching.Query> queries = new ArrayList<>(chunk.size());
			for (AssistanceLists.StoredRow r : chunk) {
				RawRow row = decrypt(r);
				queries.add(new RegistryMatching.Query(cell(row, mapping, Field.ID_NUMBER), cell(row, mapping, Field.PHONE),
						cell(row, mapping, Field.NAME), cell(row, mapping, Field.ADDRESS)));
			}
			List<RegistryMatching.Outcome> outcomes = this.matching.match(caller, within, queries);
			for (int i = 0; i < chunk.size(); i++) {
				store(caller, stored.list(), chunk.get(i).rowNo(), queries.get(i), outcomes.get(i));
			}
		}
		this.lists.markMatched(id, caller.getUsername());
		AssistanceList after = get(caller, id);
		AssistanceList.Counts c = after.counts();
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), null, Map.of("matched", c.matched(), "candidates",
				c.candidates(), "unmatched", c.unmatched(), "invalid", c.invalid(), "mapping", toJson(mapping.columns())));
		return after;
	}

	/** A page of rows, of one status or all, with the candidates of those awaiting a choice. */
	public PageResult<AssistanceListRow> rows(ShouwangPrincipal caller, UUID id, MatchStatus status, PageQuery page) {
		AssistanceLists.Stored stored = stored(caller, id);
		ColumnMapping mapping = columnMapping(stored, Map.of());
		List<AssistanceLists.StoredRow> rows = this.lists.rows(id, status, page);
		Map<Integer, List<AssistanceLists.Candidate>> candidates = this.lists.candidates(id,
				rows.stream().filter(r -> r.status() == MatchStatus.CANDIDATE).map(AssistanceLists.StoredRow::rowNo).toList());
		List<AssistanceListRow> items = rows.stream().map(r -> view(r, mapping, candidates.get(r.rowNo()))).toList();
		return page.result(items, this.lists.countRows(id, status));
	}

	/**
	 * Matches a row to a person: one of its candidates (the only one when {@code personId} is null),
	 * or, for a row without the right candidate, any active person of the list's jurisdiction the user
	 * found. The person becomes a key person as a matched row's would.
	 */
	@Transactional
	public AssistanceListRow confirm(ShouwangPrincipal caller, UUID id, int rowNo, Long personId) {
		AssistanceLists.Stored stored = stored(caller, id);
		AssistanceLists.StoredRow row = this.lists.row(id, rowNo).orElseThrow(() -> new NotFoundException("row", rowNo));
		if (row.status() == MatchStatus.MATCHED || row.status() == MatchStatus.PENDING) {
			throw InvalidInputException.of("row", "assistanceList.notToConfirm");
		}
		List<AssistanceLists.Candidate> candidates = this.lists.candidates(id, List.of(rowNo)).getOrDefault(rowNo, List.of());
		AssistanceLists.Candidate chosen;
		MatchMethod method = row.method();
		if (personId == null) {
			if (candidates.size() != 1) {
				throw InvalidInputException.of("personId", "assistanceList.choosePerson");
			}
			chosen = candidates.get(0);
		}
		else {
			chosen = candidates.stream().filter(c -> c.personId() == personId).findFirst().orElse(null);
			if (chosen == null) {
				RegistryMatching.Candidate found;
				try {
					found = this.matching.person(caller, JurisdictionScope.of(stored.path()), personId);
				}
				catch (NotFoundException ex) {
					throw InvalidInputException.of("personId", "keyPerson.personNotFound");
				}
				chosen = new AssistanceLists.Candidate(found.personId(), found.name(), found.address(), found.gridId(),
						found.path(), null);
				method = MatchMethod.MANUAL;
			}
		}
		long keyPerson = this.keyPersons.registerFinding(caller, finding(stored.list(), chosen.personId()));
		this.lists.storeMatch(id, rowNo, new AssistanceLists.Match(MatchStatus.MATCHED, method, chosen.score(),
				chosen.personId(), keyPerson, chosen.gridId(), chosen.path(), null, null, null, null, null),
				caller.getUsername());
		this.lists.replaceCandidates(id, rowNo, List.of());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("row", rowNo, "status", row.status()),
				Map.of("row", rowNo, "status", MatchStatus.MATCHED, "personId", chosen.personId(), "method", method));
		return row(caller, stored, rowNo);
	}

	/** None of the row's candidates is the person meant: the row is handed back. */
	@Transactional
	public AssistanceListRow reject(ShouwangPrincipal caller, UUID id, int rowNo) {
		AssistanceLists.Stored stored = stored(caller, id);
		AssistanceLists.StoredRow row = this.lists.row(id, rowNo).orElseThrow(() -> new NotFoundException("row", rowNo));
		if (row.status() != MatchStatus.CANDIDATE) {
			throw InvalidInputException.of("row", "assistanceList.notToReject");
		}
		this.lists.storeMatch(id, rowNo, new AssistanceLists.Match(MatchStatus.REJECTED, row.method(), null, null, null,
				null, null, "assistanceList.reason.rejected", null, null, null, null), caller.getUsername());
		this.lists.replaceCandidates(id, rowNo, List.of());
		this.audit.record(ENTITY, id, Action.UPDATE, stored.path(), Map.of("row", rowNo, "status", row.status()),
				Map.of("row", rowNo, "status", MatchStatus.REJECTED));
		return row(caller, stored, rowNo);
	}

	/** The names of the grids under the list's node, for pages and the report. */
	public Map<Long, String> gridNames(ShouwangPrincipal caller, UUID id) {
		AssistanceLists.Stored stored = stored(caller, id);
		Map<Long, String> names = new HashMap<>();
		this.jurisdictions.descendants(caller, stored.list().nodeId()).forEach(n -> names.put(n.id(), n.name()));
		return names;
	}

	/** The report's header row: the list's own header, then the result columns (or the reason alone). */
	public List<String> reportHeaders(ShouwangPrincipal caller, UUID id, boolean handedBackOnly, Locale locale) {
		List<String> headers = new ArrayList<>(stored(caller, id).list().headers());
		if (handedBackOnly) {
			headers.add(this.messages.getMessage("assistanceList.report.reason", null, locale));
		}
		else {
			REPORT_COLUMNS.forEach(k -> headers.add(this.messages.getMessage(k, null, locale)));
		}
		return headers;
	}

	/**
	 * Streams the report's rows: each row's original cells (decrypted, padded to the header's width)
	 * and the result columns; or, for the rows handed back, the cells and the reason.
	 */
	@Transactional(readOnly = true)
	public void forEachReportRow(ShouwangPrincipal caller, UUID id, boolean handedBackOnly, Locale locale,
			Consumer<List<Object>> sink) {
		AssistanceLists.Stored stored = stored(caller, id);
		int width = stored.list().headers().size();
		Map<Long, String> grids = gridNames(caller, id);
		this.lists.forEachReportRow(id, handedBackOnly, r -> {
			RawRow raw = decrypt(r.row());
			List<Object> cells = new ArrayList<>(width + REPORT_COLUMNS.size());
			for (int c = 0; c < Math.max(width, raw.cells().size()); c++) {
				cells.add(raw.cell(c));
			}
			while (cells.size() > width && "".equals(cells.get(cells.size() - 1))) {
				cells.remove(cells.size() - 1);
			}
			while (cells.size() < width) {
				cells.add("");
			}
			AssistanceLists.StoredRow row = r.row();
			if (handedBackOnly) {
				cells.add(reason(row, locale));
			}
			else {
				cells.add(message(row.status().messageKey(), locale));
				cells.add(row.method() == null ? "" : message(row.method().messageKey(), locale));
				cells.add(row.score() == null ? "" : Math.round(row.score() * 100) + "%");
				cells.add(row.gridId() == null ? "" : grids.getOrDefault(row.gridId(), ""));
				cells.add(row.keyPersonStatus() == null ? "" : message(row.keyPersonStatus().messageKey(), locale));
				cells.add(row.keyPersonId() != null ? nullToEmpty(r.lastResult()) : reason(row, locale));
				cells.add(r.doneAt());
			}
			sink.accept(cells);
		});
	}

	AssistanceLists.Stored stored(ShouwangPrincipal caller, UUID id) {
		AssistanceLists.Stored stored = this.lists.find(caller.scope(), id, today())
			.orElseThrow(() -> new NotFoundException(ENTITY, id));
		// 404 before 403: a list outside the jurisdiction looks like one that does not exist
		KeyPersonPermissions.require(KeyPersonPermissions.LISTS, caller);
		return stored;
	}

	/** Today in the configured zone: the deadline is a calendar day there. */
	public LocalDate today() {
		return LocalDate.now(this.zone);
	}

	private void store(ShouwangPrincipal caller, AssistanceList list, int rowNo, RegistryMatching.Query q,
			RegistryMatching.Outcome outcome) {
		byte[] idBidx = q.idNumber() == null ? null : this.blindIndex.idNumber(q.idNumber());
		byte[] phoneBidx = q.phone() == null ? null : this.blindIndex.phone(q.phone());
		List<RegistryMatching.Candidate> found = outcome.candidates();
		RegistryMatching.Candidate best = found.isEmpty() ? null : found.get(0);
		MatchMethod method = outcome.method() == null ? null : MatchMethod.valueOf(outcome.method().name());
		AssistanceLists.Match match;
		List<AssistanceLists.Candidate> candidates = List.of();
		switch (outcome.status()) {
			case MATCHED -> {
				long keyPerson = this.keyPersons.registerFinding(caller, finding(list, best.personId()));
				match = new AssistanceLists.Match(MatchStatus.MATCHED, method, best.score(), best.personId(), keyPerson,
						best.gridId(), best.path(), outcome.reason(), q.name(), q.address(), idBidx, phoneBidx);
			}
			case CANDIDATE -> {
				match = new AssistanceLists.Match(MatchStatus.CANDIDATE, method, best.score(), null, null, null, null,
						outcome.reason(), q.name(), q.address(), idBidx, phoneBidx);
				candidates = found.stream()
					.map(c -> new AssistanceLists.Candidate(c.personId(), c.name(), c.address(), c.gridId(), c.path(),
							c.score()))
					.toList();
			}
			default -> match = new AssistanceLists.Match(MatchStatus.valueOf(outcome.status().name()), null, null, null,
					null, null, null, outcome.reason(), q.name(), q.address(), idBidx, phoneBidx);
		}
		this.lists.storeMatch(list.id(), rowNo, match, null);
		this.lists.replaceCandidates(list.id(), rowNo, candidates);
	}

	private KeyPersonService.Finding finding(AssistanceList list, long personId) {
		return new KeyPersonService.Finding(personId, KeyPersonCategory.ASSISTANCE_LIST, KeyPersonSource.ASSISTANCE_LIST,
				null, List.of(), null, null, null, list.deadline(), list.id(), null, null,
				"协查名单：" + list.name() + (list.issuedBy() == null ? "" : "（" + list.issuedBy() + "）"));
	}

	private AssistanceListRow row(ShouwangPrincipal caller, AssistanceLists.Stored stored, int rowNo) {
		AssistanceLists.StoredRow r = this.lists.row(stored.list().id(), rowNo).orElseThrow();
		return view(r, columnMapping(stored, Map.of()), this.lists.candidates(stored.list().id(), List.of(rowNo)).get(rowNo));
	}

	private AssistanceListRow view(AssistanceLists.StoredRow r, ColumnMapping mapping,
			List<AssistanceLists.Candidate> candidates) {
		RawRow row = decrypt(r);
		return new AssistanceListRow(r.rowNo(), cell(row, mapping, Field.NAME),
				Masking.idNumber(cell(row, mapping, Field.ID_NUMBER)), Masking.phone(cell(row, mapping, Field.PHONE)),
				cell(row, mapping, Field.ADDRESS), r.status(), r.method(), r.score(), r.personId(), r.keyPersonId(),
				r.gridId(), r.reason(), r.keyPersonStatus(),
				candidates == null ? List.of()
						: candidates.stream()
							.map(c -> new AssistanceListRow.Candidate(c.personId(), c.name(), c.address(), c.gridId(),
									c.score()))
							.toList());
	}

	/** The stored mapping (detected at upload, or confirmed), corrected by the overrides given. */
	private ColumnMapping columnMapping(AssistanceLists.Stored stored, Map<Field, Integer> overrides) {
		Map<Field, Integer> explicit = new EnumMap<>(Field.class);
		ListRows.FIELDS.forEach(f -> explicit.put(f, -1));
		this.json.readValue(stored.mapping(), MAPPING).forEach((k, v) -> explicit.put(Field.valueOf(k), v));
		if (overrides != null) {
			overrides.forEach((f, c) -> {
				if (ListRows.FIELDS.contains(f)) {
					explicit.put(f, c == null ? -1 : c);
				}
			});
		}
		AssistanceList l = stored.list();
		return ListRows.restrict(ColumnMapping.of(l.headerRow(), l.headerRow(), l.headers()), explicit);
	}

	private Node target(ShouwangPrincipal caller, Long nodeId, InvalidInputException.Collector errors) {
		try {
			return this.jurisdictions.get(caller, nodeId == null ? caller.nodeId() : nodeId);
		}
		catch (NotFoundException ex) {
			errors.add("nodeId", "validation.nodeNotInScope");
			errors.throwIfAny();
			throw ex;
		}
	}

	private byte[] encrypt(List<String> cells) {
		return this.cipher.encrypt(this.json.writeValueAsString(cells));
	}

	private RawRow decrypt(AssistanceLists.StoredRow r) {
		return new RawRow(r.rowNo(), Arrays.asList(this.json.readValue(this.cipher.decrypt(r.cellsEnc()), String[].class)));
	}

	private static String cell(RawRow row, ColumnMapping mapping, Field field) {
		int c = mapping.column(field);
		if (c < 0) {
			return null;
		}
		String v = row.cell(c).strip();
		return v.isEmpty() ? null : v;
	}

	private String reason(AssistanceLists.StoredRow row, Locale locale) {
		return row.reason() == null ? "" : message(row.reason(), locale);
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	private String toJson(Map<Field, Integer> columns) {
		Map<String, Integer> m = new LinkedHashMap<>();
		columns.forEach((f, c) -> m.put(f.name(), c));
		return this.json.writeValueAsString(m);
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}

	private static String clip(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

}
