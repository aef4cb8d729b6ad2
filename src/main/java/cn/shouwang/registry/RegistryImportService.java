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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

	/** Rows stored by one transaction of a writer. */
	static final int CHUNK = 10_000;

	/**
	 * Connections storing chunks at the same time: the database does most of an import's work, and
	 * one backend keeps only one core busy.
	 */
	static final int WRITERS = 2;

	private static final Logger log = LoggerFactory.getLogger(RegistryImportService.class);

	private static final HexFormat HEX = HexFormat.of();

	/** Files of jobs being mapped, oldest first, guarded by the map's own lock. */
	private final Map<UUID, ImportFile> openFiles = new java.util.LinkedHashMap<>();

	private static final int OPEN_FILES = 3;

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
			synchronized (this.openFiles) {
				ImportFile file = this.files.open(stored, fileName);
				try {
					this.files.preview(file, Map.of()).mapping().requireUsable();
				}
				catch (RuntimeException ex) {
					file.close();
					throw ex;
				}
				keepOpen(id, file);
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
		synchronized (this.openFiles) {
			ImportFile file = this.openFiles.get(job.id());
			if (file == null) {
				file = this.files.open(upload(job.id()), job.fileName());
				keepOpen(job.id(), file);
			}
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

	/**
	 * Keeps the file of a job being mapped open, so that a big register's shared strings (tens of
	 * megabytes) are read once for the upload, the previews and the import, not once each. A few
	 * files at most; the oldest is closed (and simply read again if its job is started later).
	 * Callers hold the lock of {@link #openFiles}.
	 */
	private void keepOpen(UUID id, ImportFile file) {
		this.openFiles.put(id, file);
		if (this.openFiles.size() > OPEN_FILES) {
			UUID eldest = this.openFiles.keySet().iterator().next();
			this.openFiles.remove(eldest).close();
		}
	}

	/** The job's file, kept open since its upload if it still is, now the import's alone. */
	private ImportFile takeOpen(UUID id) {
		synchronized (this.openFiles) {
			ImportFile file = this.openFiles.remove(id);
			return file != null ? file : this.files.open(upload(id), "import");
		}
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
		ExecutorService counter = Executors.newSingleThreadExecutor(r -> thread(r, "registry-import-count"));
		try (ImportFile file = takeOpen(id)) {
			Node target = this.jurisdictions.findUnscoped(this.jdbc
				.sql("select n.id from jurisdiction_node n join registry_import_job j on j.jurisdiction_path = n.path where j.id = :id")
				.param("id", id)
				.query(Long.class)
				.single()).orElseThrow();
			Places places = new Places(this.jurisdictions.descendants(caller, target.id()), target);
			try (ImportReader reader = this.files.read(file, mapping);
					OutputStream out = Files.newOutputStream(errors(id));
					ErrorWorkbook errors = this.files.errorWorkbook(out, reader.mapping(), locale)) {
				this.jdbc.sql("update registry_import_job set status = 'RUNNING' where id = :id").param("id", id).update();
				// the progress bar's total comes from a pass of its own on a core the import leaves idle
				// while it waits for the database, instead of delaying the start by that pass
				int headerRows = reader.mapping().lastHeaderRowNumber();
				Future<?> total = counter.submit(() -> countTotal(file, id, headerRows));
				Set<String> seen = new HashSet<>();
				try (Pipeline pipeline = new Pipeline(caller, id, target.path(), mode, errors, counts, households)) {
					while (reader.hasNext()) {
						RowResult r = reader.next();
						if (!r.valid()) {
							pipeline.reject(r);
							continue;
						}
						PersonDraft d = r.person();
						Places.Home home = places.resolve(d.location());
						if (home.problem() != null) {
							pipeline.reject(new RowResult(r.row(), null,
									List.of(RowProblem.of(home.field(), home.problem(), home.argument()))));
							continue;
						}
						String bidx = HEX.formatHex(this.blindIndex.idNumber(d.idNumber()));
						if (!seen.add(bidx)) {
							pipeline.reject(new RowResult(r.row(), null, List.of(RowProblem.of(Field.ID_NUMBER, "import.duplicateInFile"))));
							continue;
						}
						pipeline.add(new Ready(r, bidx, home));
					}
					pipeline.finish();
				}
				await(total);
			}
			this.tx.executeWithoutResult(s -> {
				this.bulk.assignHeads(households.headless);
				this.audit.recordAs(caller.userId(), caller.getUsername(), "registry_import_job", id,
						AuditTrail.Action.IMPORT, target.path(), null, Map.of("inserted", counts.inserted, "updated",
								counts.updated, "skipped", counts.skipped, "rejected", counts.rejected, "mode", mode));
			});
			record(id, counts, "DONE", null);
			if (counts.inserted > 50_000) {
				// fresh planner statistics, after the user already sees the import done
				try {
					this.bulk.analyze();
				}
				catch (RuntimeException ex) {
					log.warn("Statistics after import {} not refreshed: {}", id, ex.toString());
				}
			}
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Import {} failed after {} rows: {}", id, counts.processed, ex.toString());
			String message = ex instanceof InvalidInputException iie ? iie.errors().get(0).code() : "import.failed";
			record(id, counts, "FAILED", message);
		}
		finally {
			counter.shutdownNow();
		}
	}

	/** A valid row on its way to the database: its blind index (hex) and its home. */
	private record Ready(RowResult row, String key, Places.Home home) {
	}

	/** What storing one chunk did, applied to the counts and the error workbook by the job's own thread. */
	private static final class Outcome {

		int rows;

		int inserted;

		int updated;

		int skipped;

		final List<RowResult> rejected = new ArrayList<>();

	}

	/**
	 * Hands the job's valid rows to {@value #WRITERS} writers, each storing its chunks on a connection
	 * of its own, while this thread reads and checks the rows that follow. A household's rows always go
	 * to the same writer, so two transactions never create the same household. Outcomes are applied
	 * in the order the chunks were handed out, so the error workbook and the counts do not depend on
	 * which writer finished first.
	 */
	private final class Pipeline implements AutoCloseable {

		/** Chunks a writer may have queued or running before the reader waits for it. */
		private static final int IN_FLIGHT = 2;

		private final ShouwangPrincipal caller;

		private final UUID job;

		/** The jurisdiction imported into, which the job's audit rows carry. */
		private final String jobPath;

		private final Mode mode;

		private final ErrorWorkbook errors;

		private final Counts counts;

		private final HouseholdCache households;

		private final List<ExecutorService> writers = new ArrayList<>();

		private final List<List<Ready>> filling = new ArrayList<>();

		private final List<java.util.Deque<Future<Outcome>>> running = new ArrayList<>();

		/** Every chunk handed out and not yet applied, oldest first. */
		private final java.util.Deque<Future<Outcome>> pending = new java.util.ArrayDeque<>();

		Pipeline(ShouwangPrincipal caller, UUID job, String jobPath, Mode mode, ErrorWorkbook errors, Counts counts,
				HouseholdCache households) {
			this.caller = caller;
			this.job = job;
			this.jobPath = jobPath;
			this.mode = mode;
			this.errors = errors;
			this.counts = counts;
			this.households = households;
			for (int w = 0; w < WRITERS; w++) {
				// one thread each, so a writer's chunks commit in order and use one connection at a time
				String name = "registry-import-writer-" + w;
				this.writers.add(Executors.newSingleThreadExecutor(r -> thread(r, name)));
				this.filling.add(new ArrayList<>(CHUNK));
				this.running.add(new java.util.ArrayDeque<>());
			}
		}

		void reject(RowResult r) {
			this.counts.processed++;
			this.counts.rejected++;
			this.errors.add(r);
		}

		void add(Ready r) {
			int w = Math.floorMod(r.home().key().hashCode(), WRITERS);
			List<Ready> chunk = this.filling.get(w);
			chunk.add(r);
			if (chunk.size() == CHUNK) {
				submit(w);
			}
		}

		/** Hands out the last partial chunks and waits for every writer; throws the first failure. */
		void finish() {
			for (int w = 0; w < WRITERS; w++) {
				if (!this.filling.get(w).isEmpty()) {
					submit(w);
				}
			}
			while (!this.pending.isEmpty()) {
				apply(this.pending.removeFirst());
			}
		}

		private void submit(int w) {
			List<Ready> chunk = List.copyOf(this.filling.get(w));
			this.filling.get(w).clear();
			java.util.Deque<Future<Outcome>> queue = this.running.get(w);
			while (queue.size() >= IN_FLIGHT) {
				// its outcome is applied in turn; a failure stops the job at once
				await(queue.removeFirst());
			}
			// existing households are read here, once per place, before any writer needs them
			loadHouseholds(chunk, this.households);
			Future<Outcome> f = this.writers.get(w)
				.submit(() -> RegistryImportService.this.tx
					.execute(s -> store(this.caller, this.job, this.jobPath, this.mode, chunk, this.households)));
			queue.addLast(f);
			this.pending.addLast(f);
			while (!this.pending.isEmpty() && this.pending.peekFirst().isDone()) {
				apply(this.pending.removeFirst());
			}
		}

		private void apply(Future<Outcome> f) {
			Outcome o = await(f);
			this.counts.processed += o.rows;
			this.counts.inserted += o.inserted;
			this.counts.updated += o.updated;
			this.counts.skipped += o.skipped;
			this.counts.rejected += o.rejected.size();
			o.rejected.forEach(this.errors::add);
			progress(this.job, this.counts);
		}

		/**
		 * Starts no more chunks, lets those running commit (each whole or not at all), and counts
		 * those that did, so a failed job reports what it stored.
		 */
		@Override
		public void close() {
			for (ExecutorService w : this.writers) {
				w.shutdown();
			}
			for (ExecutorService w : this.writers) {
				try {
					w.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			while (!this.pending.isEmpty()) {
				Future<Outcome> f = this.pending.removeFirst();
				if (f.isDone() && quietly(f)) {
					apply(f);
				}
			}
		}

	}

	private static Thread thread(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}

	/** The result of a task, its failure thrown as it was (so a reader's message code survives). */
	private static <T> T await(Future<T> f) {
		try {
			return f.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("import interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException re) {
				throw re;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Waits for a task; whether it succeeded. */
	private static boolean quietly(Future<?> f) {
		try {
			f.get();
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (java.util.concurrent.ExecutionException ex) {
			return false;
		}
	}

	/** One chunk, in one transaction: households made where missing, persons registered, updated or skipped. */
	private Outcome store(ShouwangPrincipal caller, UUID job, String jobPath, Mode mode, List<Ready> rows,
			HouseholdCache cache) {
		JurisdictionScope scope = caller.scope();
		Outcome outcome = new Outcome();
		outcome.rows = rows.size();
		// a chunk lost to a crash is simply imported again (the job is marked failed, existing rows are skipped);
		// generic plans: the connections plan every statement for its parameters, and that includes the
		// foreign-key checks PostgreSQL runs for every imported person and household, which were then
		// planned anew for each row (the planner was a fifth of the database's time in a perf profile)
		this.jdbc.sql("select set_config('synchronous_commit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)")
			.query((rs, i) -> 1)
			.list();
		Map<String, Object[]> existing = new HashMap<>();
		this.jdbc.sql("""
				select encode(id_number_bidx, 'hex'), id, jurisdiction_path from person
				where id_number_bidx = any(:keys) and status in ('ACTIVE', 'MOVED_OUT')
				""")
			.param("keys", rows.stream().map(r -> HEX.parseHex(r.key())).toArray(byte[][]::new))
			.query((rs, i) -> existing.put(rs.getString(1), new Object[] { rs.getLong(2), rs.getString(3) }))
			.list();
		List<Ready> fresh = new ArrayList<>();
		List<Ready> updates = new ArrayList<>();
		List<Long> updated = new ArrayList<>();
		for (Ready r : rows) {
			Object[] found = existing.get(r.key());
			if (found == null) {
				fresh.add(r);
			}
			else if (!scope.contains((String) found[1])) {
				outcome.rejected.add(new RowResult(r.row().row(), null,
						List.of(RowProblem.of(Field.ID_NUMBER, "person.idNumberRegisteredElsewhere"))));
			}
			else if (mode == Mode.SKIP) {
				outcome.skipped++;
			}
			else {
				updates.add(r);
				updated.add((Long) found[0]);
			}
		}
		long[] personIds = fresh.isEmpty() ? new long[0] : this.copy.takeIds("person", fresh.size());
		createHouseholds(rows, cache, mode == Mode.SKIP ? heads(fresh, personIds, cache) : Map.of());
		if (!fresh.isEmpty()) {
			// each person records the job that registered them (V32); the chunk is audited once
			try (RegistryBulk.PersonWriter persons = this.bulk.personsWithIds()) {
				for (int k = 0; k < fresh.size(); k++) {
					PersonDraft d = fresh.get(k).row().person();
					Places.Home home = fresh.get(k).home();
					persons.add(personIds[k], cache.ids.get(home.key()), d.name(), d.idType(), d.idNumber(), d.phone(), d.sex(),
							d.birthDate(), d.relation(), d.residenceType(), d.workPlace(), d.tags(), d.notes(), home.path(), job);
					outcome.inserted++;
				}
			}
			this.audit.recordAs(caller.userId(), caller.getUsername(), "registry_import_job", job, AuditTrail.Action.IMPORT,
					jobPath, null, Map.of("job", job.toString(), "registered", fresh.size(), "firstPersonId", personIds[0],
							"lastPersonId", personIds[personIds.length - 1]));
		}
		for (int k = 0; k < updates.size(); k++) {
			PersonDraft d = updates.get(k).row().person();
			Places.Home home = updates.get(k).home();
			Long personId = updated.get(k);
			this.bulk.update(personId, d.name(), d.idType(), d.phone(), d.sex(), d.birthDate(), d.relation(),
					d.residenceType(), d.workPlace(), d.tags(), d.notes(), cache.ids.get(home.key()), home.path());
			this.audit.recordAs(caller.userId(), caller.getUsername(), "person", personId, AuditTrail.Action.IMPORT,
					home.path(), null, Map.of("job", job.toString(), "updatedFromImport", true));
			outcome.updated++;
		}
		return outcome;
	}

	/**
	 * The households of the places an import touches, loaded once per place for the whole job
	 * (not once per chunk), plus those the job creates. Writers read and add concurrently; each adds
	 * only households of its own rows.
	 */
	private static final class HouseholdCache {

		final Map<String, Long> ids = new java.util.concurrent.ConcurrentHashMap<>();

		final Set<String> loadedPaths = new HashSet<>();

		/** Households the job created without a head, whose head is chosen when its persons are all in. */
		final List<Long> headless = java.util.Collections.synchronizedList(new ArrayList<>());

	}

	/** Reads the existing households of the places in a chunk that no earlier chunk had. */
	private void loadHouseholds(List<Ready> rows, HouseholdCache cache) {
		Set<String> paths = new HashSet<>();
		rows.forEach(r -> {
			if (!cache.loadedPaths.contains(r.home().path())) {
				paths.add(r.home().path());
			}
		});
		if (paths.isEmpty()) {
			return;
		}
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

	/**
	 * The heads of the households this chunk creates, where already certain: the first new member
	 * related as 户主. That is whom the end of the job would choose (the 户主 with the lowest id; later
	 * members get higher ids, and without update mode nobody else joins a new household), and
	 * setting it in the COPY spares an update of every new household at the end. Households
	 * without a 户主 yet are left to the end.
	 */
	private static Map<String, Long> heads(List<Ready> fresh, long[] personIds, HouseholdCache cache) {
		Map<String, Long> heads = new HashMap<>();
		for (int k = 0; k < fresh.size(); k++) {
			Ready r = fresh.get(k);
			if ("户主".equals(r.row().person().relation()) && !cache.ids.containsKey(r.home().key())) {
				heads.putIfAbsent(r.home().key(), personIds[k]);
			}
		}
		return heads;
	}

	/** New households (COPY) for the chunk's homes not yet there, with the heads already known. */
	private void createHouseholds(List<Ready> rows, HouseholdCache cache, Map<String, Long> heads) {
		Map<String, Places.Home> missing = new java.util.LinkedHashMap<>();
		for (Ready r : rows) {
			if (!cache.ids.containsKey(r.home().key())) {
				missing.putIfAbsent(r.home().key(), r.home());
			}
		}
		if (missing.isEmpty()) {
			return;
		}
		long[] ids = this.copy.takeIds("household", missing.size());
		int k = 0;
		try (RegistryBulk.HouseholdWriter writer = this.bulk.households()) {
			for (Places.Home h : missing.values()) {
				long id = ids[k++];
				Long head = heads.get(h.key());
				writer.add(id, h.gridId(), h.buildingId(), h.address(), h.unit(), h.room(), h.path(), head);
				cache.ids.put(h.key(), id);
				if (head == null) {
					cache.headless.add(id);
				}
			}
		}
	}

	/** Counts the rows of the sheet for the progress bar (data rows only, not the title and header rows above). */
	private void countTotal(ImportFile file, UUID id, int headerRows) {
		int n = 0;
		try (var rows = file.openRows()) {
			while (rows.hasNext()) {
				rows.next();
				n++;
			}
		}
		catch (RuntimeException ex) {
			// the import's own reader reports a damaged file; the bar then simply has no total
			return;
		}
		this.jdbc.sql("update registry_import_job set total_rows = :t where id = :id")
			.param("t", Math.max(0, n - headerRows))
			.param("id", id)
			.update();
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
