import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The checkpoint issue's figures against a running Shouwang (see bench/passages.sh): passages
 * recorded through the HTTP API by a guard (pass verified, decision taken, row inserted), first
 * closed-loop at full speed from N client threads, then open-loop at a fixed rate with its
 * latency percentiles (measured from the moment each request was due, so a stall counts in full);
 * then raw single-row JDBC INSERTs into the same table from the same number of threads, and the
 * ratio. Last, the passage log read back and the table's size per row.
 * Run: javac -d target/bench bench/Bench.java bench/PassageBench.java
 * && java -cp target/bench PassageBench URL PGPORT APPJAR [threads] [seconds] [rate]
 */
public class PassageBench {

	static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	record Holder(long personId, long householdId, String code) {
	}

	public static void main(String[] args) throws Exception {
		Bench.base = args.length > 0 ? args[0] : "http://localhost:18081";
		String pgPort = args.length > 1 ? args[1] : "54330";
		Path appJar = Path.of(args.length > 2 ? args[2] : "target/shouwang-0.1.0-SNAPSHOT.jar");
		int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
		int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
		int rate = args.length > 5 ? Integer.parseInt(args[5]) : 500;
		int holders = Integer.parseInt(System.getProperty("holders", "1000"));
		int warmup = Integer.parseInt(System.getProperty("warmup", "60"));

		// ---- setup through the API: checkpoints, passes, the guard's token
		String community = Bench.token("community");
		String guard = Bench.token("guard");
		String admin = Bench.token("admin");
		long t0 = System.nanoTime();
		List<Long> checkpoints = new ArrayList<>();
		String stamp = String.valueOf(System.currentTimeMillis() % 1_000_000);
		for (int i = 1; i <= 4; i++) {
			String body = Bench.send(community, "POST", "/api/v1/checkpoints",
					"{\"name\":\"基准卡点" + stamp + "-" + i + "\",\"kind\":\"COMPOUND_GATE\"}", 201);
			checkpoints.add(Long.parseLong(Bench.first(body, "^\\{\"id\":(\\d+)")));
		}
		List<long[]> persons = new ArrayList<>();
		for (int page = 0; persons.size() < holders; page++) {
			String body = Bench.send(community, "GET", "/api/v1/persons?size=200&page=" + page, null, 200);
			List<String> ids = Bench.all(body, "\\{\"id\":(\\d+),\"householdId\":\\d+");
			List<String> households = Bench.all(body, "\\{\"id\":\\d+,\"householdId\":(\\d+)");
			for (int i = 0; i < ids.size() && persons.size() < holders; i++) {
				persons.add(new long[] { Long.parseLong(ids.get(i)), Long.parseLong(households.get(i)) });
			}
			if (ids.size() < 200) {
				break;
			}
		}
		List<Holder> passes = new ArrayList<>();
		String expires = LocalDate.now().plusDays(30).toString();
		for (long[] p : persons) {
			HttpResponse<String> r = post(community, "/api/v1/persons/" + p[0] + "/passes", "{\"expiresOn\":\"" + expires + "\"}");
			if (r.statusCode() == 201) {
				passes.add(new Holder(p[0], p[1], Bench.first(r.body(), "\"code\":\"([^\"]+)\"")));
			}
			else if (passes.isEmpty() && r.statusCode() != 400) {
				throw new IllegalStateException("issuing a pass answered " + r.statusCode() + ": " + r.body());
			}
		}
		if (passes.isEmpty()) {
			throw new IllegalStateException("no pass could be issued");
		}
		System.out.printf("setup through the API: %d checkpoints, %d passes issued (of %d persons asked) in %.1f s%n",
				checkpoints.size(), passes.size(), persons.size(), (System.nanoTime() - t0) / 1e9);
		System.out.printf("mix: 95%% residents scanning their pass (1%% of them with a first reading of 38.0 °C), 5%% visitors; "
				+ "in and out alike; %d client threads%n", threads);

		// warm-up: the JIT, the pools, the caches
		Result warm = runClosed(guard, checkpoints, passes, threads, warmup);
		System.out.printf("warm-up: %d s, %d passages%n", warmup, warm.ok);

		// (a) closed loop, full speed
		Result closed = runClosed(guard, checkpoints, passes, threads, seconds);
		double apiRate = closed.ok / (double) seconds;
		System.out.printf("(a) recorded through the API, closed loop, %d threads, %d s: %d passages, %.0f passages/s, %d errors%n",
				threads, seconds, closed.ok, apiRate, closed.errors);
		Bench.report("    latency at full speed", closed.times);
		System.out.println("    decisions: " + closed.decisions);
		if (closed.firstError.get() != null) {
			System.out.println("    first error: " + closed.firstError.get());
		}
		if ("a".equals(System.getProperty("only"))) {
			return;
		}

		// (b) open loop at a fixed rate
		Result open = runOpen(guard, checkpoints, passes, rate, seconds);
		System.out.printf("(b) recorded through the API, open loop at %d/s for %d s: %d sent, %d recorded, %d errors, %d late starts%n",
				rate, seconds, open.sent, open.ok, open.errors, open.late);
		Bench.report("    latency from the moment each was due", open.times);
		if (open.firstError.get() != null) {
			System.out.println("    first error: " + open.firstError.get());
		}

		// (a') after (b), whose open loop its 300,000-odd rows would disturb: the same scans uploaded as a device's queue, BATCH at a time (POST …/passages/batch)
		int batch = Integer.parseInt(System.getProperty("batch", "50"));
		Result batched = runBatches(guard, checkpoints, passes, threads, seconds, batch);
		double batchRate = batched.ok / (double) seconds;
		System.out.printf("(a') recorded through the API as uploads of %d queued scans (POST …/passages/batch), closed loop, %d threads, "
				+ "%d s: %d passages, %.0f passages/s, %d errors%n", batch, threads, seconds, batched.ok, batchRate, batched.errors);
		Bench.report("    latency of one upload", batched.times);
		System.out.println("    decisions: " + batched.decisions);
		if (batched.firstError.get() != null) {
			System.out.println("    first error: " + batched.firstError.get());
		}

		// (c) raw single-row INSERTs into the same table from the same number of threads
		Driver driver = driver(appJar);
		String url = "jdbc:postgresql://localhost:" + pgPort + "/postgres";
		Properties props = new Properties();
		props.setProperty("user", "postgres");
		props.setProperty("password", "postgres");
		String path;
		try (Connection c = driver.connect(url, props); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select jurisdiction_path from checkpoint where id = " + checkpoints.get(0))) {
			rs.next();
			path = rs.getString(1);
		}
		Map<String, UUID> passIds = new ConcurrentHashMap<>();
		try (Connection c = driver.connect(url, props);
				PreparedStatement ps = c.prepareStatement("select id from pass where person_id = ? and revoked_at is null order by issued_at desc limit 1")) {
			for (Holder h : passes.subList(0, Math.min(200, passes.size()))) {
				ps.setLong(1, h.personId());
				try (ResultSet rs = ps.executeQuery()) {
					if (rs.next()) {
						passIds.put(String.valueOf(h.personId()), rs.getObject(1, UUID.class));
					}
				}
			}
		}
		List<Map.Entry<String, UUID>> rawHolders = new ArrayList<>(passIds.entrySet());
		long raw = rawInserts(driver, url, props, threads, seconds, checkpoints, path, rawHolders);
		double rawRate = raw / (double) seconds;
		System.out.printf("(c) raw single-row INSERTs (JDBC, autocommit, %d threads, %d s): %d rows, %.0f rows/s%n", threads,
				seconds, raw, rawRate);
		System.out.printf("    ratio raw INSERT / API: %.1f (the API's decision, checks and HTTP cost %.2f ms of the machine per passage beyond the insert)%n",
				rawRate / apiRate, Math.max(0, 1000.0 / apiRate - 1000.0 / rawRate));
		System.out.printf("    ratio raw INSERT / API in uploads of %d: %.1f%n", batch, rawRate / batchRate);

		// the log read back, and what a row costs on disk
		Bench.measure("passage log, guard's community, one checkpoint, today, page 1 (100 requests)", 100,
				() -> Bench.send(community, "GET", "/api/v1/passages?checkpoint=" + checkpoints.get(0), null, 200));
		Bench.measure("passage log, district admin, whole district, today, page 1 (50 requests)", 50,
				() -> Bench.send(admin, "GET", "/api/v1/passages", null, 200));
		Bench.measure("passage log, district admin, a name, today (50 requests)", 50,
				() -> Bench.send(admin, "GET", "/api/v1/passages?q=%E8%AE%BF%E5%AE%A2", null, 200));
		Bench.measure("hourly counts, community worker, every checkpoint, today (20 requests)", 20,
				() -> Bench.send(community, "GET", "/api/v1/passages/hourly", null, 200));
		try (Connection c = driver.connect(url, props); Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery("""
					select count(*), pg_total_relation_size(format('passage_%s', to_char(now() at time zone 'Asia/Shanghai', 'YYYY_MM'))::regclass)
					from passage where at >= date_trunc('month', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'
					""")) {
				rs.next();
				long rows = rs.getLong(1);
				long bytes = rs.getLong(2);
				System.out.printf("passage table, this month's partition: %,d rows, %.1f MB with its indexes, %.0f bytes a row: "
						+ "100 million rows would take about %.0f GB, and a search reads only the months its days fall in%n",
						rows, bytes / 1e6, bytes / (double) Math.max(1, rows), bytes / (double) Math.max(1, rows) * 1e8 / 1e9);
			}
		}
		System.exit(0);
	}

	static final class Result {

		final List<Long> times = Collections.synchronizedList(new ArrayList<>());

		final Map<String, AtomicLong> decisions = new ConcurrentHashMap<>();

		final AtomicReference<String> firstError = new AtomicReference<>();

		long ok;

		long errors;

		long sent;

		long late;

		final AtomicLong okCount = new AtomicLong();

		final AtomicLong errorCount = new AtomicLong();

		void answer(Http.Response r, long nanos) {
			if (r.status() == 201) {
				this.okCount.incrementAndGet();
				this.times.add(nanos);
				int i = r.body().indexOf("\"decision\":\"");
				if (i >= 0) {
					String d = r.body().substring(i + 12, r.body().indexOf('"', i + 12));
					this.decisions.computeIfAbsent(d, k -> new AtomicLong()).incrementAndGet();
				}
			}
			else {
				this.errorCount.incrementAndGet();
				this.firstError.compareAndSet(null, r.status() + " " + r.body());
			}
		}

		/** An upload's answer: each STORED scan counts, with its decision; the latency is the upload's. */
		void answerBatch(Http.Response r, long nanos) {
			if (r.status() != 200) {
				this.errorCount.incrementAndGet();
				this.firstError.compareAndSet(null, r.status() + " " + r.body());
				return;
			}
			this.times.add(nanos);
			String b = r.body();
			for (int i = b.indexOf("\"status\":\""); i >= 0; i = b.indexOf("\"status\":\"", i + 1)) {
				if (b.startsWith("STORED", i + 10)) {
					this.okCount.incrementAndGet();
					int d = b.indexOf("\"decision\":\"", i);
					String decision = b.substring(d + 12, b.indexOf('"', d + 12));
					this.decisions.computeIfAbsent(decision, k -> new AtomicLong()).incrementAndGet();
				}
				else {
					this.errorCount.incrementAndGet();
					this.firstError.compareAndSet(null, b.substring(i, Math.min(b.length(), i + 300)));
				}
			}
		}

		void failed(Throwable t) {
			this.errorCount.incrementAndGet();
			this.firstError.compareAndSet(null, t.toString());
		}

		void close() {
			this.ok = this.okCount.get();
			this.errors = this.errorCount.get();
		}

	}

	static Result runClosed(String token, List<Long> checkpoints, List<Holder> passes, int threads, int seconds)
			throws Exception {
		return closedLoop(threads, seconds, (http, result) -> {
			long cp = checkpoints.get(ThreadLocalRandom.current().nextInt(checkpoints.size()));
			String body = body(passes);
			long s = System.nanoTime();
			result.answer(http.post(passagesPath(cp), token, body), System.nanoTime() - s);
		});
	}

	/** Closed loop of uploads of {@code size} scans each; every scan a new id, decided and inserted. */
	static Result runBatches(String token, List<Long> checkpoints, List<Holder> passes, int threads, int seconds, int size)
			throws Exception {
		return closedLoop(threads, seconds, (http, result) -> {
			long cp = checkpoints.get(ThreadLocalRandom.current().nextInt(checkpoints.size()));
			StringBuilder body = new StringBuilder("[");
			for (int i = 0; i < size; i++) {
				body.append(i == 0 ? "" : ",").append(body(passes));
			}
			long s = System.nanoTime();
			result.answerBatch(http.post(passagesPath(cp) + "/batch", token, body.append(']').toString()), System.nanoTime() - s);
		});
	}

	/** One request of a closed loop, on the thread's own connection. */
	interface Step {

		void run(Http http, Result result) throws Exception;

	}

	/** {@code threads} threads each repeating {@code step} on a keep-alive connection of its own for {@code seconds}. */
	static Result closedLoop(int threads, int seconds, Step step) throws Exception {
		Result result = new Result();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread thread = new Thread(() -> {
				try (Http http = new Http(Bench.base)) {
					while (System.nanoTime() < end) {
						try {
							step.run(http, result);
						}
						catch (Exception ex) {
							result.failed(ex);
						}
					}
				}
				catch (Exception ex) {
					result.failed(ex);
				}
				finally {
					done.countDown();
				}
			});
			thread.start();
		}
		done.await();
		result.close();
		return result;
	}

	/**
	 * Sends at a fixed rate whatever the answers do; each latency runs from the moment the request
	 * was due, so time spent waiting for a free connection counts in full. {@value #OPEN_CONNECTIONS}
	 * keep-alive connections stand for the scanning devices.
	 */
	static Result runOpen(String token, List<Long> checkpoints, List<Holder> passes, int rate, int seconds) throws Exception {
		Result result = new Result();
		long interval = 1_000_000_000L / rate;
		int total = rate * seconds;
		List<String> bodies = new ArrayList<>();
		for (long i = 0; i < total; i++) {
			bodies.add(body(passes));
		}
		record Due(long at, long checkpoint, String body) {
		}
		BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
		CountDownLatch answered = new CountDownLatch(total);
		long[] worstOfSecond = new long[seconds + 1];
		long start = System.nanoTime() + 50_000_000L;
		for (int c = 0; c < OPEN_CONNECTIONS; c++) {
			Thread worker = new Thread(() -> {
				Http http = null;
				while (true) {
					Due due;
					try {
						due = queue.take();
					}
					catch (InterruptedException ex) {
						return;
					}
					try {
						if (http == null) {
							http = new Http(Bench.base);
						}
						Http.Response answer = http.post(passagesPath(due.checkpoint()), token, due.body());
						long took = System.nanoTime() - due.at();
						result.answer(answer, took);
						int second = (int) Math.min(seconds, Math.max(0, (due.at() - start) / 1_000_000_000L));
						synchronized (worstOfSecond) {
							worstOfSecond[second] = Math.max(worstOfSecond[second], took);
						}
					}
					catch (Exception ex) {
						result.failed(ex);
						http = null;
					}
					answered.countDown();
				}
			});
			worker.setDaemon(true);
			worker.start();
		}
		for (int i = 0; i < total; i++) {
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			else if (wait < -5_000_000L) {
				result.late++;
			}
			queue.add(new Due(due, checkpoints.get(i % checkpoints.size()), bodies.get(i)));
			result.sent++;
		}
		answered.await();
		result.close();
		StringBuilder slow = new StringBuilder();
		for (int k = 0; k < seconds; k++) {
			if (worstOfSecond[k] > 50_000_000L) {
				slow.append(String.format(" %d s: %.0f ms;", k, worstOfSecond[k] / 1e6));
			}
		}
		System.out.println("    seconds of the run whose slowest passage took over 50 ms:" + (slow.length() == 0 ? " none" : slow));
		return result;
	}

	/** Keep-alive connections of the open loop. */
	static final int OPEN_CONNECTIONS = 32;

	static String passagesPath(long checkpoint) {
		return "/api/v1/checkpoints/" + checkpoint + "/passages";
	}

	/**
	 * A minimal HTTP/1.1 client on one keep-alive connection. The load generator shares the two
	 * cores with the server and its database; java.net.http's client took about a third of a core
	 * at 700 requests/s, which is time the server did not get.
	 */
	static final class Http implements AutoCloseable {

		record Response(int status, String body) {
		}

		private final String host;

		private final int port;

		private Socket socket;

		private OutputStream out;

		private InputStream in;

		Http(String base) throws IOException {
			URI uri = URI.create(base);
			this.host = uri.getHost();
			this.port = uri.getPort();
			connect();
		}

		private void connect() throws IOException {
			this.socket = new Socket(this.host, this.port);
			this.socket.setTcpNoDelay(true);
			this.socket.setSoTimeout(60_000);
			this.out = new BufferedOutputStream(this.socket.getOutputStream(), 8192);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 16384);
		}

		Response post(String path, String token, String body) throws IOException {
			byte[] content = body.getBytes(StandardCharsets.UTF_8);
			String head = "POST " + path + " HTTP/1.1\r\nHost: " + this.host + ":" + this.port + "\r\nAuthorization: Bearer "
					+ token + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
					+ content.length + "\r\n\r\n";
			this.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			this.out.write(content);
			this.out.flush();
			String status = line();
			if (status == null || status.length() < 12) {
				throw new IOException("connection closed by the server");
			}
			int code = Integer.parseInt(status.substring(9, 12));
			int length = -1;
			boolean chunked = false;
			boolean close = false;
			for (String h = line(); h != null && !h.isEmpty(); h = line()) {
				String lower = h.toLowerCase(java.util.Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Integer.parseInt(lower.substring(15).strip());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream(256);
			if (chunked) {
				for (int n = Integer.parseInt(line().strip(), 16); n > 0; n = Integer.parseInt(line().strip(), 16)) {
					data.write(this.in.readNBytes(n));
					line();
				}
				line();
			}
			else if (length > 0) {
				data.write(this.in.readNBytes(length));
			}
			if (close) {
				this.socket.close();
				connect();
			}
			return new Response(code, data.toString(StandardCharsets.UTF_8));
		}

		private String line() throws IOException {
			StringBuilder b = new StringBuilder(64);
			for (int c = this.in.read(); c != -1; c = this.in.read()) {
				if (c == '\n') {
					int n = b.length();
					return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
				}
				b.append((char) c);
			}
			return b.length() == 0 ? null : b.toString();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	static long rawInserts(Driver driver, String url, Properties props, int threads, int seconds, List<Long> checkpoints,
			String path, List<Map.Entry<String, UUID>> holders) throws Exception {
		AtomicLong rows = new AtomicLong();
		AtomicReference<Exception> failure = new AtomicReference<>();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			Thread thread = new Thread(() -> {
				try (Connection c = driver.connect(url, props);
						PreparedStatement ps = c.prepareStatement("""
								insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, pass_id, person_id, visitor_name,
								  visitor_phone_enc, visitor_reason, host_household_id, temperature, decision, reason, plate, guard_id)
								values (?, ?, ?, ?, ?, ?, ?, null, null, null, null, ?, 'ALLOWED', '体温正常，放行', null, null)
								""")) {
					c.setAutoCommit(true);
					ThreadLocalRandom random = ThreadLocalRandom.current();
					while (System.nanoTime() < end) {
						Map.Entry<String, UUID> h = holders.get(random.nextInt(holders.size()));
						ps.setObject(1, UUID.randomUUID());
						ps.setTimestamp(2, Timestamp.from(Instant.now()));
						ps.setLong(3, checkpoints.get(random.nextInt(checkpoints.size())));
						ps.setString(4, path);
						ps.setString(5, random.nextBoolean() ? "IN" : "OUT");
						ps.setObject(6, h.getValue());
						ps.setLong(7, Long.parseLong(h.getKey()));
						ps.setBigDecimal(8, new BigDecimal("36." + random.nextInt(10)));
						ps.executeUpdate();
						rows.incrementAndGet();
					}
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
				finally {
					done.countDown();
				}
			});
			thread.start();
		}
		done.await();
		if (failure.get() != null) {
			throw failure.get();
		}
		return rows.get();
	}

	static String body(List<Holder> passes) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String direction = random.nextBoolean() ? "IN" : "OUT";
		Holder h = passes.get(random.nextInt(passes.size()));
		String temperature = random.nextInt(100) == 0 ? "38.0" : "36." + random.nextInt(10);
		if (random.nextInt(20) == 0) {
			return "{\"id\":\"" + UUID.randomUUID() + "\",\"direction\":\"" + direction + "\",\"visitor\":{\"name\":\"访客"
					+ random.nextInt(10_000) + "\",\"phone\":\"139" + (10_000_000 + random.nextInt(89_999_999))
					+ "\",\"reason\":\"探亲\",\"hostHouseholdId\":" + h.householdId() + "},\"temperature\":" + temperature
					+ ",\"remeasure\":false}";
		}
		return "{\"id\":\"" + UUID.randomUUID() + "\",\"direction\":\"" + direction + "\",\"pass\":\"" + h.code()
				+ "\",\"temperature\":" + temperature + ",\"remeasure\":false}";
	}

	static HttpResponse<String> post(String token, String path, String body) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(Bench.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The PostgreSQL JDBC driver the application itself ships, taken out of its jar. */
	static Driver driver(Path appJar) throws Exception {
		try (JarFile jar = new JarFile(appJar.toFile())) {
			ZipEntry entry = jar.stream()
				.filter(e -> e.getName().matches("BOOT-INF/lib/postgresql-[0-9.]+\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no PostgreSQL driver in " + appJar));
			Path copy = Files.createTempFile("pgjdbc", ".jar");
			copy.toFile().deleteOnExit();
			try (InputStream in = jar.getInputStream(entry)) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			URLClassLoader loader = new URLClassLoader(new URL[] { copy.toUri().toURL() }, PassageBench.class.getClassLoader());
			return (Driver) Class.forName("org.postgresql.Driver", true, loader).getDeclaredConstructor().newInstance();
		}
	}

}
