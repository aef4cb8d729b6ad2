package cn.shouwang.registry.importing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Measures parse + validate of a big register (not a test: nothing is asserted, and it is not run by
 * the build). Writes a register of N persons (default 1,000,000) to target/ the first time, then reads
 * it {@code runs} times and prints rows per second and the heap in use.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * # the first run writes target/register-1000000.xlsx (fastexcel's writer needs heap for that)
 * java -Xmx2g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     cn.shouwang.registry.importing.ParseThroughput 1000000 xlsx 1
 * # then measure with a small heap, to see that reading needs little memory
 * java -Xmx128m -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     cn.shouwang.registry.importing.ParseThroughput 1000000 xlsx 3
 * java -Xmx128m -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     cn.shouwang.registry.importing.ParseThroughput 1000000 csv 3
 * </pre>
 */
public final class ParseThroughput {

	private ParseThroughput() {
	}

	public static void main(String[] args) throws IOException {
		int persons = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		String format = args.length > 1 ? args[1] : "xlsx";
		int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
		Path file = Path.of("target", "register-" + persons + "." + format);
		if (!Files.exists(file)) {
			long t0 = System.nanoTime();
			Path tmp = Files.createTempFile(Path.of("target"), "register", ".tmp");
			try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
				if ("csv".equals(format)) {
					writeCsv(out, persons);
				}
				else {
					RegisterGenerator.write(out, persons, false);
				}
			}
			Files.move(tmp, file);
			System.out.printf("wrote %s: %,d bytes in %.1f s%n", file, Files.size(file), (System.nanoTime() - t0) / 1e9);
		}
		System.out.printf("%s: %,d bytes, %d processors, max heap %d MB%n", file, Files.size(file),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		for (int run = 1; run <= runs; run++) {
			long t0 = System.nanoTime();
			long accepted = 0;
			long rejected = 0;
			long peak = 0;
			long checksum = 0;
			try (ImportFile f = ImportFile.open(file, file.getFileName().toString());
					ImportReader r = ImportReader.open(f, Map.of())) {
				while (r.hasNext()) {
					RowResult row = r.next();
					if (row.valid()) {
						accepted++;
						checksum += row.person().idNumber().charAt(17) + row.person().location().hashCode();
					}
					else {
						rejected++;
					}
					if ((accepted + rejected) % 100_000 == 0) {
						peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
					}
				}
			}
			double seconds = (System.nanoTime() - t0) / 1e9;
			long rows = accepted + rejected;
			System.out.printf("run %d: %,d rows (%,d valid, %,d rejected) in %.2f s = %,.0f rows/s; heap in use up to %d MB"
					+ " (checksum %d)%n", run, rows, accepted, rejected, seconds, rows / seconds, peak >> 20, checksum);
		}
	}

	private static void writeCsv(OutputStream out, int persons) throws IOException {
		Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
		w.write(String.join(",", RegisterGenerator.HEADER) + "\r\n");
		for (int p = 0; p < persons; p++) {
			String id = RegisterGenerator.id(p);
			w.write((p + 1) + "," + RegisterGenerator.name(p) + "," + id + "," + (13_800_000_000L + p) + ","
					+ ((id.charAt(16) - '0') % 2 == 1 ? "男" : "女") + "," + id.substring(6, 10) + "-" + id.substring(10, 12)
					+ "-" + id.substring(12, 14) + ",XX社区,第" + (p / 3 % 12 + 1) + "网格," + (p / 120 + 1) + "号楼,"
					+ (p / 30 % 4 + 1) + "," + (p / 3 % 10 + 101) + ",户主,常住," + (p % 17 == 0 ? "独居老人、慢性病" : "")
					+ ",\r\n");
		}
		w.flush();
	}

}
