import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmark programs share: HTTP calls with a bearer token, timing with percentiles, psql fixtures. */
final class Bench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static String base = "http://localhost:18081";

	private Bench() {
	}

	interface Call {

		void run() throws Exception;

	}

	static String token(String user) throws Exception {
		String body = send(null, "POST", "/api/v1/auth/token", "{\"username\":\"" + user + "\",\"password\":\"Demo@2026!\"}", 200);
		return first(body, "\"accessToken\":\"([^\"]+)\"");
	}

	static String send(String token, String method, String path, String body, int expected) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
		if (token != null) {
			b.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		// a negative expectation takes any success (a retry may be stored or recognised)
		if (expected >= 0 ? r.statusCode() != expected : r.statusCode() / 100 != 2) {
			throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
		}
		return r.body();
	}

	/** Warms up with 20 calls, then times {@code count} and prints the percentiles. */
	static void measure(String label, int count, Call call) throws Exception {
		for (int i = 0; i < 20; i++) {
			call.run();
		}
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long s = System.nanoTime();
			call.run();
			times.add(System.nanoTime() - s);
		}
		report(label, times);
	}

	static void report(String label, List<Long> nanos) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, pct(sorted, 50), pct(sorted, 95),
				pct(sorted, 99), sorted.get(sorted.size() - 1) / 1e6);
	}

	static double pct(List<Long> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
	}

	static String first(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("no " + regex + " in " + text.substring(0, Math.min(300, text.length())));
		}
		return m.group(1);
	}

	static List<String> all(String text, String regex) {
		List<String> found = new ArrayList<>();
		Matcher m = Pattern.compile(regex).matcher(text);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	/** Runs SQL through psql against the embedded database (a fixture, never a measured path). */
	static void psql(String pgPort, String sql) throws Exception {
		Path file = Files.createTempFile("bench", ".sql");
		Files.writeString(file, sql);
		Process psql = new ProcessBuilder("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "localhost", "-p", pgPort, "-U",
				"postgres", "-f", file.toString()).redirectErrorStream(true).start();
		String out = new String(psql.getInputStream().readAllBytes());
		if (psql.waitFor() != 0) {
			throw new IllegalStateException("psql failed: " + out);
		}
	}

}
