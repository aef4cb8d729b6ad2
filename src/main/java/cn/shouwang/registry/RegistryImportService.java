package cn.shouwang.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Node;
import cn.shouwang.registry.importing.ErrorWorkbook;
import cn.shouwang.registry.importing.Field;
import cn.shouwang.registry.importing.ImportFile;
import cn.shouwang.registry.importing.ImportReader;
import cn.shouwang.registry.importing.PersonDraft;
import cn.shouwang.registry.importing.RegistryImport;
import cn.shouwang.registry.importing.RowProblem;
import cn.shouwang.registry.importing.RowResult;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;
import cn.shouwang.shared.crypto.BlindIndex;
import cn.shouwang.shared.crypto.Masking;
import cn.shouwang.shared.db.BulkCopy;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a register (台账) from .xlsx or .csv in three steps: upload (the file is checked and its
 * columns mapped), confirm (the user corrects the mapping and chooses skip or update for persons
 * already registered), and the import itself in the background, in chunks of 5,000 rows that each
 * commit whole, with progress the page polls. Invalid rows go to a workbook of rejected rows with
 * a reason column; the same file imported twice registers nobody twice.
 */
@Service
public class RegistryImportService {

	public enum Mode {

		SKIP, UPDATE

	}

	static final int CHUNK = 20_000;

	private static final Logger log = LoggerFactory.getLogger(RegistryImportService.class);

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcClient jdbc;

	private final RegistryImport files;

	private final JurisdictionService jurisdictions;

	private final BulkCopy copy;

	private final BlindIndex blindIndex;

	private final RegistryBulk bulk;

	private final AuditTrail audit;

	private final TransactionTemplate tx;

	private final Executor executor;

	private final Path folder;

	RegistryImportService(JdbcClient jdbc, RegistryImport files, JurisdictionService jurisdictions, BulkCopy copy,
			BlindIndex blindIndex, RegistryBulk bulk, AuditTrail audit, TransactionTemplate tx,
			@Qualifier("registryImportExecutor") Executor executor, @Value("${shouwang.data-dir:./data}") String dataDir) {
		this.jdbc = jdbc;
		this.files = files;
		this.jurisdictions = jurisdictions;
		this.copy = copy;
		this.blindIndex = blindIndex;
		this.bulk = bulk;
		this.audit = audit;
		this.tx = tx;
		this.executor = executor;
		this.folder = Path.of(dataDir).toAbsolutePath().resolve("imports");
	}

	/** Stores the upload, checks that it is a readable register, and opens a job waiting for confirmation. */
	public ImportJob upload(ShouwangPrincipal caller, Long nodeId, InputStream in, String fileName, long size) {
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		Node target = target(caller, nodeId);
		if (size > ImportFile.MAX_BYTES) {
			throw InvalidInputException.of("file", "import.tooLarge", ImportFile.MAX_BYTES / (1024 * 1024));
		}
		UUID id = UUID.randomUUID();
		Path stored = upload(id);
		try {
			Files.createDirectories(this.folder);
			try (InputStream limited = in) {
				long copied = Files.copy(limited, stored);
				if (copied > ImportFile.MAX_BYTES) {
					throw InvalidInputException.of("file", "import.tooLarge", ImportFile.MAX_BYTES / (1024 * 1024));
				}
			}
			try (ImportFile file = this.files.open(stored, fileName)) {
				this.files.preview(file, Map.of()).mapping().requireUsable();
			}
		}
		catch (IOException ex) {
			deleteQuietly(stored);
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			deleteQuietly(stored);
			throw ex;
		}
		this.tx.executeWithoutResult(s -> {
			this.jdbc.sql("""
					insert into registry_import_job(id, owner_id, owner_name, jurisdiction_path, file_name, mode, status)
					values (:id, :owner, :ownerName, :path, :file, 'SKIP', 'MAPPING')
					""")
				.param("id", id)
				.param("owner", caller.userId())
				.param("ownerName", caller.getUsername())
				.param("path", target.path())
				.param("file", clip(fileName == null ? "upload" : fileName, 200))
				.update();
		});
		return job(caller, id);
	}

	/** The mapping the file suggests (or with the user's corrections) and the first rows checked against it. */
	public ImportReader.Preview preview(ShouwangPrincipal caller, UUID id, Map<Field, Integer> overrides) {
		ImportJob job = job(caller, id);
		ImportReader.Preview preview;
		try (ImportFile file = this.files.open(upload(job.id()), job.fileName())) {
			preview = this.files.preview(file, overrides == null ? Map.of() : overrides);
		}
		// the sample also says which rows name a building or grid that is not there
		Node target = this.jurisdictions.findUnscoped(this.jdbc
			.sql("select n.id from jurisdiction_node n join registry_import_job j on j.jurisdiction_path = n.path where j.id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).orElseThrow();
		Places places = new Places(this.jurisdictions.descendants(caller, target.id()), target);
		List<RowResult> sample = preview.sample().stream().map(r -> {
			if (!r.valid()) {
				return r;
			}
			Places.Home home = places.resolve(r.person().location());
			return home.problem() == null ? r
					: new RowResult(r.row(), null, List.of(RowProblem.of(home.field(), home.problem(), home.argument())));
		}).toList();
		return new ImportReader.Preview(preview.mapping(), sample, preview.format(), preview.sheetName(),
				preview.ignoredSheets(), preview.hiddenSheets(), preview.charset());
	}

	/** Confirms the mapping and the mode, and queues the import. */
	public ImportJob start(ShouwangPrincipal caller, UUID id, Map<Field, Integer> overrides, Mode mode) {
		ImportJob job = job(caller, id);
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		if (!"MAPPING".equals(job.status())) {
			throw InvalidInputException.of("status", "import.alreadyStarted");
		}
		Map<Field, Integer> mapping = overrides == null ? Map.of() : overrides;
		preview(caller, id, mapping).mapping().requireUsable();
		int updated = this.jdbc.sql("""
				update registry_import_job set status = 'QUEUED', mode = :mode, mapping = cast(:mapping as jsonb)
				where id = :id and status = 'MAPPING'
				""")
			.param("id", id)
			.param("mode", (mode == null ? Mode.SKIP : mode).name())
			.param("mapping", toJson(mapping))
			.update();
		if (updated == 1) {
			Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
			this.executor.execute(() -> run(caller, id, mapping, mode == null ? Mode.SKIP : mode, locale));
		}
		return job(caller, id);
	}

	public ImportJob job(ShouwangPrincipal caller, UUID id) {
		ImportJob job = caller.scope()
			.bind(this.jdbc.sql("select * from registry_import_job where id = :id and jurisdiction_path >= :scopeLo"
					+ " and jurisdiction_path < :scopeHi"))
			.param("id", id)
			.query((rs, i) -> job(rs))
			.optional()
			.orElseThrow(() -> new NotFoundException("registry_import_job", id));
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		return job;
	}

	public List<ImportJob> recent(ShouwangPrincipal caller) {
		RegistryPermissions.require(RegistryPermissions.BULK, caller);
		return caller.scope()
			.bind(this.jdbc.sql("select * from registry_import_job where jurisdiction_path >= :scopeLo"
					+ " and jurisdiction_path < :scopeHi order by created_at desc limit 20"))
			.query((rs, i) -> job(rs))
			.list();
	}

	/** The workbook of rejected rows, if the finished import rejected any. */
	public Optional<Path> errorWorkbook(ShouwangPrincipal caller, UUID id) {
		ImportJob job = job(caller, id);
		Path errors = errors(job.id());
		return job.rejected() > 0 && Files.exists(errors) ? Optional.of(errors) : Optional.empty();
	}

	/** A job that was running when the application stopped cannot resume: it says so plainly. */
	@EventListener(ApplicationReadyEvent.class)
	void failInterruptedJobs() {
		this.jdbc.sql("""
				update registry_import_job set status = 'FAILED', finished_at = now(), message = 'import.interrupted'
				where status in ('QUEUED', 'RUNNING')
				""").update();
	}

	private void run(ShouwangPrincipal caller, UUID id, Map<Field, Integer> mapping, Mode mode, Locale locale) {
		Counts counts = new Counts();
		HouseholdCache households = new HouseholdCache();
		try (ImportFile file = this.files.open(upload(id), "import")) {
			int rowsInFile = countRows(file);
			Node target = this.jurisdictions.findUnscoped(this.jdbc
				.sql("select n.id from jurisdiction_node n join registry_import_job j on j.jurisdiction_path = n.path where j.id = :id")
				.param("id", id)
				.query(Long.class)
				.single()).orElseThrow();
			Places places = new Places(this.jurisdictions.descendants(caller, target.id()), target);
			try (ImportReader reader = this.files.read(file, mapping);
					OutputStream out = Files.newOutputStream(errors(id));
					ErrorWorkbook errors = this.files.errorWorkbook(out, reader.mapping(), locale)) {
				// data rows only: the title and header rows above them are not counted
				this.jdbc.sql("update registry_import_job set status = 'RUNNING', total_rows = :t where id = :id")
					.param("t", Math.max(0, rowsInFile - reader.mapping().lastHeaderRowNumber()))
					.param("id", id)
					.update();
				Set<String> seen = new HashSet<>();
				List<RowResult> chunk = new ArrayList<>(CHUNK);
				while (reader.hasNext()) {
					chunk.add(reader.next());
					if (chunk.size() == CHUNK || !reader.hasNext()) {
						this.tx.executeWithoutResult(s -> store(caller, id, places, mode, chunk, seen, errors, counts, households));
						progress(id, counts);
						chunk.clear();
					}
				}
			}
			this.tx.executeWithoutResult(s -> {
				this.bulk.assignHeads(households.created);
				if (counts.inserted > 50_000) {
					this.bulk.analyze();
				}
				this.audit.recordAs(caller.userId(), caller.getUsername(), "registry_import_job", id,
						AuditTrail.Action.IMPORT, target.path(), null, Map.of("inserted", counts.inserted, "updated",
								counts.updated, "skipped", counts.skipped, "rejected", counts.rejected, "mode", mode));
			});
			record(id, counts, "DONE", null);
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Import {} failed after {} rows: {}", id, counts.processed, ex.toString());
			String message = ex instanceof InvalidInputException iie ? iie.errors().get(0).code() : "import.failed";
			record(id, counts, "FAILED", message);
		}
	}

	/** One chunk, in one transaction: households found or made, persons registered, updated or skipped. */
	private void store(ShouwangPrincipal caller, UUID job, Places places, Mode mode, List<RowResult> rows, Set<String> seen,
			ErrorWorkbook errors, Counts counts, HouseholdCache cache) {
		JurisdictionScope scope = caller.scope();
		// a chunk lost to a crash is simply imported again (the job is marked failed, existing rows are skipped)
		this.jdbc.sql("set local synchronous_commit = off").update();
		List<PersonDraft> valid = new ArrayList<>();
		List<RowResult> validRows = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		List<Places.Home> homes = new ArrayList<>();
		for (RowResult r : rows) {
			counts.processed++;
			if (!r.valid()) {
				errors.add(r);
				counts.rejected++;
				continue;
			}
			PersonDraft d = r.person();
			String bidx = HEX.formatHex(this.blindIndex.idNumber(d.idNumber()));
			Places.Home home = places.resolve(d.location());
			if (home.problem() != null) {
				errors.add(r.row(), List.of(RowProblem.of(home.field(), home.problem(), home.argument())));
				counts.rejected++;
				continue;
			}
			if (!seen.add(bidx)) {
				errors.add(r.row(), List.of(RowProblem.of(Field.ID_NUMBER, "import.duplicateInFile")));
				counts.rejected++;
				continue;
			}
			valid.add(d);
			validRows.add(r);
			keys.add(bidx);
			homes.add(home);
		}
		if (valid.isEmpty()) {
			return;
		}
		Map<String, Object[]> existing = new HashMap<>();
		this.jdbc.sql("""
				select encode(id_number_bidx, 'hex'), id, jurisdiction_path from person
				where id_number_bidx = any(:keys) and status in ('ACTIVE', 'MOVED_OUT')
				""")
			.param("keys", keys.stream().map(HEX::parseHex).toArray(byte[][]::new))
			.query((rs, i) -> existing.put(rs.getString(1), new Object[] { rs.getLong(2), rs.getString(3) }))
			.list();
		Map<String, Long> households = householdsFor(homes, cache);
		List<Integer> fresh = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		for (int i = 0; i < valid.size(); i++) {
			Object[] found = existing.get(keys.get(i));
			if (found == null) {
				fresh.add(i);
			}
			else if (!scope.contains((String) found[1])) {
				errors.add(validRows.get(i).row(), List.of(RowProblem.of(Field.ID_NUMBER, "person.idNumberRegisteredElsewhere")));
				counts.rejected++;
			}
			else if (mode == Mode.SKIP) {
				counts.skipped++;
			}
			else {
				updates.add(new Object[] { found[0], valid.get(i), households.get(homes.get(i).key()),
						homes.get(i).path() });
			}
		}
		if (!fresh.isEmpty()) {
			long personId = this.copy.reserveIds("person", fresh.size());
			// the audit row of each person is its registration record (no separate movement row: half the writes)
			try (RegistryBulk.PersonWriter persons = this.bulk.personsWithIds();
					BulkCopy.Writer audits = this.copy.writer("""
							copy audit_event(actor_id, actor_name, entity, entity_id, action, jurisdiction_path, after)
							from stdin (format csv)""", Integer.MAX_VALUE)) {
				for (int i : fresh) {
					PersonDraft d = valid.get(i);
					Places.Home home = homes.get(i);
					long household = households.get(home.key());
					long pid = personId++;
					persons.add(pid, household, d.name(), d.idType(), d.idNumber(), d.phone(), d.sex(), d.birthDate(),
							d.relation(), d.residenceType(), d.workPlace(), d.tags(), d.notes(), home.path());
					audits.number(caller.userId()).text(caller.getUsername()).text("person").text(String.valueOf(pid))
						.text("IMPORT").text(home.path())
						.text("{\"job\":\"" + job + "\",\"name\":" + json(d.name()) + ",\"idNumber\":"
								+ json(Masking.idNumber(d.idNumber())) + ",\"phone\":" + json(Masking.phone(d.phone()))
								+ ",\"householdId\":" + household + "}")
						.endRow();
					counts.inserted++;
				}
			}
		}
		for (Object[] u : updates) {
			PersonDraft d = (PersonDraft) u[1];
			this.bulk.update((Long) u[0], d.name(), d.idType(), d.phone(), d.sex(), d.birthDate(), d.relation(),
					d.residenceType(), d.workPlace(), d.tags(), d.notes(), (Long) u[2], (String) u[3]);
			this.audit.recordAs(caller.userId(), caller.getUsername(), "person", u[0], AuditTrail.Action.IMPORT,
					(String) u[3], null, Map.of("job", job.toString(), "updatedFromImport", true));
			counts.updated++;
		}
	}

	/**
	 * The households of the places an import touches, loaded once per place for the whole job
	 * (not once per chunk), plus those the job creates.
	 */
	private static final class HouseholdCache {

		final Map<String, Long> ids = new HashMap<>();

		final Set<String> loadedPaths = new HashSet<>();

		final List<Long> created = new ArrayList<>();

	}

	/** Existing households for the chunk's homes, and new ones (COPY) for those not yet there. */
	private Map<String, Long> householdsFor(List<Places.Home> homes, HouseholdCache cache) {
		Set<String> paths = new HashSet<>();
		homes.forEach(h -> {
			if (!cache.loadedPaths.contains(h.path())) {
				paths.add(h.path());
			}
		});
		if (!paths.isEmpty()) {
			this.jdbc.sql("select id, jurisdiction_path, unit_no, room_no, address from household where jurisdiction_path = any(:p)")
				.param("p", paths.toArray(String[]::new))
				.query((rs, i) -> {
					cache.ids.putIfAbsent(Places.key(rs.getString(2), rs.getString(3), rs.getString(4), null), rs.getLong(1));
					cache.ids.putIfAbsent(Places.key(rs.getString(2), null, null, rs.getString(5)), rs.getLong(1));
					return null;
				})
				.list();
			cache.loadedPaths.addAll(paths);
		}
		Map<String, Places.Home> missing = new java.util.LinkedHashMap<>();
		for (Places.Home h : homes) {
			if (!cache.ids.containsKey(h.key())) {
				missing.putIfAbsent(h.key(), h);
			}
		}
		if (!missing.isEmpty()) {
			long next = this.bulk.reserveHouseholdIds(missing.size());
			try (RegistryBulk.HouseholdWriter writer = this.bulk.households()) {
				for (Places.Home h : missing.values()) {
					long id = next++;
					writer.add(id, h.gridId(), h.buildingId(), h.address(), h.unit(), h.room(), h.path(), null);
					cache.ids.put(h.key(), id);
					cache.created.add(id);
				}
			}
		}
		return cache.ids;
	}

	private int countRows(ImportFile file) {
		int n = 0;
		try (var rows = file.openRows()) {
			while (rows.hasNext()) {
				rows.next();
				n++;
			}
		}
		return n;
	}

	private void progress(UUID id, Counts c) {
		record(id, c, null, null);
	}

	/** Writes the counts, and the final status (DONE or FAILED, with a message key) when given. */
	private void record(UUID id, Counts c, String status, String message) {
		this.jdbc.sql("""
				update registry_import_job set processed_rows = :p, inserted = :i, updated = :u, skipped = :s, rejected = :r,
				  status = coalesce(cast(:status as text), status), message = coalesce(cast(:m as text), message),
				  finished_at = case when cast(:status as text) is null then finished_at else now() end
				where id = :id
				""")
			.param("p", c.processed)
			.param("i", c.inserted)
			.param("u", c.updated)
			.param("s", c.skipped)
			.param("r", c.rejected)
			.param("status", status)
			.param("m", message)
			.param("id", id)
			.update();
	}

	private Node target(ShouwangPrincipal caller, Long nodeId) {
		try {
			return this.jurisdictions.get(caller, nodeId == null ? caller.nodeId() : nodeId);
		}
		catch (NotFoundException ex) {
			throw InvalidInputException.of("nodeId", "validation.nodeNotInScope");
		}
	}

	private Path upload(UUID id) {
		return this.folder.resolve(id + ".upload");
	}

	private Path errors(UUID id) {
		return this.folder.resolve(id + "-errors.xlsx");
	}

	private static ImportJob job(java.sql.ResultSet rs) throws java.sql.SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new ImportJob(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("mode"),
				rs.getString("status"), rs.getInt("total_rows"), rs.getInt("processed_rows"), rs.getInt("inserted"),
				rs.getInt("updated"), rs.getInt("skipped"), rs.getInt("rejected"), rs.getString("message"),
				rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant(),
				rs.getString("owner_name"));
	}

	private static String toJson(Map<Field, Integer> mapping) {
		StringBuilder sb = new StringBuilder("{");
		mapping.forEach((f, c) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(f.name()).append("\":").append(c));
		return sb.append('}').toString();
	}

	static String json(String s) {
		if (s == null) {
			return "null";
		}
		StringBuilder sb = new StringBuilder("\"");
		for (char c : s.toCharArray()) {
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				default -> {
					if (c < 0x20) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		return sb.append('"').toString();
	}

	private static String clip(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

	private static void deleteQuietly(Path p) {
		try {
			Files.deleteIfExists(p);
		}
		catch (IOException ignored) {
			// nothing to keep
		}
	}

	private static final class Counts {

		int processed;

		int inserted;

		int updated;

		int skipped;

		int rejected;

	}

}
