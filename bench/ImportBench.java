import java.io.BufferedWriter;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Imports a generated register of N rows (default 1,000,000) into street 1 of the district demo
 * through the same path as the page (upload, start, background job), and times it end to end;
 * then loads the same rows into a scratch table with a raw PostgreSQL COPY (psql \copy) and
 * prints the ratio. Run by bench/import.sh.
 */
public class ImportBench {

	static final HttpClient http = HttpClient.newHttpClient();

	static String base;

	public static void main(String[] args) throws Exception {
		base = args[0];
		int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
		String pgPort = args.length > 2 ? args[2] : "54330";
		String token = token("admin");
		long street = Long.parseLong(first(get(token, "/api/v1/jurisdictions?level=STREET"), "\"id\":(\\d+)"));
		List<String[]> buildings = new ArrayList<>();
		for (String c : all(get(token, "/api/v1/jurisdictions/" + street + "/children"), "\"id\":(\\d+),\"parentId\":\\d+,\"level\":\"COMMUNITY\",\"name\":\"([^\"]+)\"")) {
			String[] community = c.split("\t");
			for (String g : all(get(token, "/api/v1/jurisdictions/" + community[0] + "/children"), "\"id\":(\\d+),\"parentId\":\\d+,\"level\":\"GRID\",\"name\":\"([^\"]+)\"")) {
				String[] grid = g.split("\t");
				for (String b : all(get(token, "/api/v1/jurisdictions/" + grid[0] + "/children"), "\"id\":(\\d+),\"parentId\":\\d+,\"level\":\"BUILDING\",\"name\":\"([^\"]+)\"")) {
					buildings.add(new String[] { community[1], grid[1], b.split("\t")[1] });
				}
			}
		}
		Path dir = Files.createTempDirectory("shouwang-import-bench");
		Path xlsx = dir.resolve("台账.xlsx");
		Path csv = dir.resolve("register.csv");
		// a region code no demo person has, new on every run, so every run registers new persons
		String region = String.valueOf(500_000 + new Random().nextInt(400_000));
		long t0 = System.nanoTime();
		write(rows, buildings, region, xlsx, csv);
		System.out.printf("generated %,d rows over %d buildings: %.1f MB .xlsx (%.0f s)%n", rows, buildings.size(),
				Files.size(xlsx) / 1e6, (System.nanoTime() - t0) / 1e9);

		long start = System.nanoTime();
		String boundary = "----shouwang" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"nodeId\"\r\n\r\n" + street + "\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"register.xlsx\"\r\n"
				+ "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(xlsx), tail)))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (up.statusCode() != 201) {
			throw new IllegalStateException("upload answered " + up.statusCode() + ": " + up.body());
		}
		String job = first(up.body(), "\"id\":\"([0-9a-f-]{36})\"");
		double uploaded = (System.nanoTime() - start) / 1e9;
		post(token, "/api/v1/imports/" + job + "/start", "{\"mode\":\"SKIP\"}");
		String status;
		long lastPrint = 0;
		while (true) {
			status = get(token, "/api/v1/imports/" + job);
			if (status.contains("\"status\":\"DONE\"") || status.contains("\"status\":\"FAILED\"")) {
				break;
			}
			if (System.nanoTime() - lastPrint > 10e9) {
				System.out.printf("  %.0f s: %s of %s rows%n", (System.nanoTime() - start) / 1e9,
						first(status, "\"processedRows\":(\\d+)"), first(status, "\"totalRows\":(\\d+)"));
				lastPrint = System.nanoTime();
			}
			Thread.sleep(500);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("import through the application (upload %.1f s, then check, encrypt, households, persons, movements, audit): "
				+ "%.1f s, %,.0f rows/s; %s%n", uploaded, seconds, rows / seconds,
				status.replaceAll(".*\"status\":\"(\\w+)\".*\"inserted\":(\\d+),\"updated\":(\\d+),\"skipped\":(\\d+),\"rejected\":(\\d+).*",
						"$1: inserted $2, updated $3, skipped $4, rejected $5"));

		String script = "create table bench_copy(community text, grid text, building text, unit text, room text, name text, "
				+ "id_number text, phone text, relation text);\n\\timing on\n\\copy bench_copy from '" + csv + "' csv header\n"
				+ "\\timing off\ndrop table bench_copy;\n";
		Path sql = dir.resolve("copy.sql");
		Files.writeString(sql, script);
		long c0 = System.nanoTime();
		Process psql = new ProcessBuilder("psql", "-q", "-h", "localhost", "-p", pgPort, "-U", "postgres", "-f", sql.toString())
			.redirectErrorStream(true).start();
		String out = new String(psql.getInputStream().readAllBytes());
		psql.waitFor();
		double copySeconds = (System.nanoTime() - c0) / 1e9;
		Matcher ms = Pattern.compile("Time: ([0-9.]+) ms").matcher(out);
		if (ms.find()) {
			copySeconds = Double.parseDouble(ms.group(1)) / 1000;
		}
		System.out.printf("raw COPY of the same rows into a plain table (no checks, no encryption): %.1f s, %,.0f rows/s; "
				+ "the import takes %.1f times as long%n", copySeconds, rows / copySeconds, seconds / copySeconds);
	}

	static void write(int rows, List<String[]> buildings, String region, Path xlsx, Path csv) throws Exception {
		String[] surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
		String[] given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红".split("");
		String[] relations = { "户主", "配偶", "子" };
		Random random = new Random(42);
		try (OutputStream out = Files.newOutputStream(xlsx); BufferedWriter w = Files.newBufferedWriter(csv)) {
			Workbook wb = new Workbook(out, "bench", "1.0");
			Worksheet ws = wb.newWorksheet("台账");
			ws.value(0, 0, "街道人口台账（基准测试）");
			String[] header = { "社区", "网格", "楼栋", "单元", "房号", "姓名", "身份证号", "联系电话", "与户主关系" };
			for (int c = 0; c < header.length; c++) {
				ws.value(1, c, header[c]);
			}
			w.write(String.join(",", header));
			w.newLine();
			LocalDate first = LocalDate.of(1940, 1, 1);
			for (int i = 0; i < rows; i++) {
				String[] b = buildings.get((i / 3) % buildings.size());
				int household = i / 3 / buildings.size();
				String unit = String.valueOf(7 + household % 3);
				String room = String.valueOf(100 + household / 3);
				String name = surnames[random.nextInt(surnames.length)] + given[random.nextInt(given.length)]
						+ given[random.nextInt(given.length)];
				LocalDate birth = first.plusDays(i / 500);
				String first17 = region + birth.toString().replace("-", "") + String.format("%03d", (i % 500) * 2 + 1);
				String id = first17 + check(first17);
				String phone = "139" + String.format("%08d", i);
				String[] cells = { b[0], b[1], b[2], unit, room, name, id, phone, relations[i % 3] };
				int r = i + 2;
				for (int c = 0; c < cells.length; c++) {
					ws.value(r, c, cells[c]);
				}
				w.write(String.join(",", cells));
				w.newLine();
				if (r % 10_000 == 0) {
					ws.flush();
				}
			}
			wb.finish();
		}
	}

	static char check(String first17) {
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * weights[i];
		}
		return "10X98765432".charAt(sum % 11);
	}

	static String token(String user) throws Exception {
		String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"Demo@2026!\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		return first(body, "\"accessToken\":\"([^\"]+)\"");
	}

	static String get(String token, String path) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
		}
		return r.body();
	}

	static void post(String token, String path, String json) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
		}
	}

	static String first(String s, String regex) {
		Matcher m = Pattern.compile(regex).matcher(s);
		if (!m.find()) {
			throw new IllegalStateException("no " + regex + " in " + s.substring(0, Math.min(300, s.length())));
		}
		return m.group(1);
	}

	static List<String> all(String s, String regex) {
		List<String> found = new ArrayList<>();
		Matcher m = Pattern.compile(regex).matcher(s);
		while (m.find()) {
			found.add(m.group(1) + "\t" + m.group(2));
		}
		return found;
	}

}
