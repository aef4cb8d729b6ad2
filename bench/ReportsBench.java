import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The reports' figures against a running Shouwang on the district demo (see bench/reports.sh):
 * the district roll-up computed from the records (target ≤ 2 s), the same read from the stored
 * daily figures of 331 submitted reports (target ≤ 100 ms), a street's roll-up both ways, and a
 * community's report computed and submitted. Times are taken on loopback by the client, so they
 * bound the server time from above.
 * Run: javac -d target/bench bench/Bench.java bench/ReportsBench.java && java -cp target/bench ReportsBench URL PGPORT
 */
public class ReportsBench {

	public static void main(String[] args) throws Exception {
		Bench.base = args.length > 0 ? args[0] : "http://localhost:18081";
		String pgPort = args.length > 1 ? args[1] : "54330";
		String admin = Bench.token("admin");
		String street = Bench.token("street");
		String community = Bench.token("community");
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		// a day of its own for the stored figures, so reruns find it ready and today stays open
		LocalDate stored = today.minusDays(3);

		String own = Bench.send(admin, "GET", "/api/v1/reports?day=" + today + "&live=true", null, 200);
		System.out.println("district: " + Bench.first(own, "\"total\":\\{[^}]*?\"expected\":(\\d+)") + " communities expected");
		Bench.measure("district roll-up computed from the records, today (20 requests)", 20,
				() -> Bench.send(admin, "GET", "/api/v1/reports?day=" + today + "&live=true", null, 200));
		LocalDate past = today.minusDays(7);
		Bench.measure("district roll-up computed from the records, a week ago (stock figures as they stood then; 20 requests)", 20,
				() -> Bench.send(admin, "GET", "/api/v1/reports?day=" + past + "&live=true", null, 200));
		Bench.measure("street roll-up computed from the records, today (50 requests)", 50,
				() -> Bench.send(street, "GET", "/api/v1/reports?day=" + today + "&live=true", null, 200));

		long t0 = System.nanoTime();
		storedReports(pgPort, stored);
		System.out.printf("fixture: every community's report of %s submitted, via psql: %.1f s%n", stored,
				(System.nanoTime() - t0) / 1e9);
		String read = Bench.send(admin, "GET", "/api/v1/reports?day=" + stored, null, 200);
		System.out.println("stored roll-up: reporting rate " + Bench.first(read, "\"total\":\\{.*?\"reportingRate\":([0-9.]+)")
				+ "%, on-time rate " + Bench.first(read, "\"total\":\\{.*?\"onTimeRate\":([0-9.]+)") + "%");
		Bench.measure("district roll-up read from the stored daily figures (200 requests)", 200,
				() -> Bench.send(admin, "GET", "/api/v1/reports?day=" + stored, null, 200));
		Bench.measure("street roll-up read from the stored daily figures (200 requests)", 200,
				() -> Bench.send(street, "GET", "/api/v1/reports?day=" + stored, null, 200));
		Bench.measure("a community's draft report computed from the records (200 requests)", 200,
				() -> Bench.send(community, "GET", "/api/v1/reports?day=" + today, null, 200));
		String mine = Bench.first(Bench.send(community, "GET", "/api/v1/reports", null, 200), "\"rollup\":\\{\"nodeId\":(\\d+)");
		t0 = System.nanoTime();
		String submitted = Bench.send(community, "POST", "/api/v1/reports/" + mine + "/submit",
				"{\"day\":\"" + today + "\",\"note\":\"基准测试\"}", 200);
		System.out.printf("a community's report submitted (figures computed and stored): %.1f ms, status %s%n",
				(System.nanoTime() - t0) / 1e6, Bench.first(submitted, "\"status\":\"([A-Z]+)\""));
	}

	/** Every community's report of the day submitted, on time, with a full set of figures. */
	static void storedReports(String pgPort, LocalDate day) throws Exception {
		Bench.psql(pgPort, """
				insert into daily_report(node_id, jurisdiction_path, day, status, figures, deadline, first_submitted_at,
				  on_time, submitted_at, submitted_by)
				select n.id, n.path, date '%1$s', 'SUBMITTED',
				  (select jsonb_object_agg(code, (n.id * 7 + ord) %% 50)
				   from unnest(array['registry.residents', 'registry.arrived', 'registry.left', 'keyperson.new', 'keyperson.open',
				     'keyperson.new.CLOSE_CONTACT', 'keyperson.open.CLOSE_CONTACT', 'keyperson.new.RISK_AREA_RETURNEE',
				     'keyperson.open.RISK_AREA_RETURNEE', 'monitoring.running', 'monitoring.running.HOME_QUARANTINE',
				     'monitoring.running.CENTRALISED_QUARANTINE', 'monitoring.started', 'monitoring.released',
				     'monitoring.checksDue', 'monitoring.checksDone', 'monitoring.checksOverdue', 'monitoring.alertsOpened',
				     'monitoring.alertsHandled', 'monitoring.alertsOpen', 'monitoring.requestsOpened', 'monitoring.requestsDone',
				     'survey.households', 'survey.done', 'survey.visits', 'survey.findings', 'checkpoint.passages',
				     'checkpoint.turnedBack', 'checkpoint.fevers']) with ordinality as c(code, ord)),
				  timestamptz '%2$s 10:00+08', timestamptz '%1$s 20:00+08', true, timestamptz '%1$s 20:00+08', 'bench'
				from jurisdiction_node n where n.level = 'COMMUNITY' and n.retired_at is null
				on conflict (node_id, day) do nothing;
				""".formatted(day, day.plusDays(1)));
	}

}
