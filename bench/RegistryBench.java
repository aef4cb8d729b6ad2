import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's figures against a running Shouwang on the district demo (see bench/registry.sh):
 * exact ID-number lookup, filtered list pages, and the export of every person to .xlsx with the
 * server's heap sampled throughout. Times are measured on loopback, so they bound the server time
 * from above. Run: java bench/RegistryBench.java http://localhost:18081
 */
public class RegistryBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static String base;

	public static void main(String[] args) throws Exception {
		base = args.length > 0 ? args[0] : "http://localhost:18081";
		String admin = token("admin");
		String community = token("community");

		// ID numbers to look up: revealed by the community worker (who may), looked up by the district admin
		String page = get(community, "/api/v1/persons?size=200");
		List<Long> ids = new ArrayList<>();
		Matcher m = Pattern.compile("\\{\"id\":(\\d+),").matcher(page);
		while (m.find()) {
			ids.add(Long.parseLong(m.group(1)));
		}
		List<String> idNumbers = new ArrayList<>();
		for (long id : ids) {
			Matcher v = Pattern.compile("\"idNumber\":\"([0-9X]+)\"").matcher(get(community, "/api/v1/persons/" + id + "/id-number"));
			if (v.find()) {
				idNumbers.add(v.group(1));
			}
		}
		for (int i = 0; i < 300; i++) {
			get(admin, "/api/v1/persons?size=20&q=" + idNumbers.get(i % idNumbers.size()));
		}
		List<Long> lookups = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			String q = idNumbers.get(i % idNumbers.size());
			long t0 = System.nanoTime();
			String r = get(admin, "/api/v1/persons?size=20&q=" + q);
			lookups.add(System.nanoTime() - t0);
			if (!r.contains("\"total\":1")) {
				throw new IllegalStateException("lookup of " + q.substring(0, 6) + "… did not find exactly one: " + r);
			}
		}
		report("exact ID-number lookup (district admin, 500 requests)", lookups);

		Random random = new Random(7);
		String[] filters = { "tag=ELDERLY_ALONE", "residenceType=MIGRANT", "ageFrom=60", "ageFrom=18&ageTo=35",
				"residenceType=TENANT&ageFrom=60", "q=%E7%8E%8B", "status=MOVED_OUT", "" };
		List<Long> lists = new ArrayList<>();
		java.util.Map<String, List<Long>> byFilter = new java.util.TreeMap<>();
		for (int i = 0; i < 330; i++) {
			String filter = filters[random.nextInt(filters.length)];
			String f = filter + "&page=" + random.nextInt(20) + "&size=20";
			long t0 = System.nanoTime();
			get(admin, "/api/v1/persons?" + f);
			if (i >= 30) {
				lists.add(System.nanoTime() - t0);
				byFilter.computeIfAbsent(filter.isEmpty() ? "(none)" : filter, k -> new ArrayList<>()).add(System.nanoTime() - t0);
			}
		}
		report("filtered list page with its count (district admin, 300 requests)", lists);
		byFilter.forEach((f, n) -> report("  of which " + f, n));

		export();
	}

	static void export() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		csrf.find();
		String form = "username=admin&password=" + URLEncoder.encode("Demo@2026!", StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.discarding());
		AtomicLong maxHeap = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
							HttpResponse.BodyHandlers.ofString()).body();
					double heap = 0;
					Matcher h = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)").matcher(metrics);
					while (h.find()) {
						heap += Double.parseDouble(h.group(1));
					}
					maxHeap.accumulateAndGet((long) heap, Math::max);
					Thread.sleep(250);
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (Exception ex) {
					// a missed sample is fine
				}
			}
		});
		sampler.start();
		long t0 = System.nanoTime();
		HttpResponse<InputStream> r = browser.send(HttpRequest.newBuilder(URI.create(base + "/registry/persons/export.xlsx")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		long bytes = 0;
		try (InputStream in = r.body()) {
			byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;) {
				bytes += n;
			}
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		sampler.interrupt();
		sampler.join();
		if (r.statusCode() != 200) {
			throw new IllegalStateException("export answered " + r.statusCode());
		}
		System.out.printf("export of every person to .xlsx: %.1f s, %.1f MB, server heap in use at most %d MB (sampled every 250 ms)%n",
				seconds, bytes / 1e6, maxHeap.get() / (1 << 20));
	}

	static String token(String user) throws Exception {
		String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"Demo@2026!\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		Matcher m = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(body);
		if (!m.find()) {
			throw new IllegalStateException("no token for " + user + ": " + body);
		}
		return m.group(1);
	}

	static String get(String token, String path) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
		}
		return r.body();
	}

	static String total(String json) {
		Matcher m = Pattern.compile("\"total\":(\\d+)").matcher(json);
		return m.find() ? m.group(1) : "?";
	}

	static void report(String what, List<Long> nanos) {
		Collections.sort(nanos);
		System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, pct(nanos, 50), pct(nanos, 95),
				pct(nanos, 99), nanos.get(nanos.size() - 1) / 1e6);
	}

	static double pct(List<Long> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
	}

}
