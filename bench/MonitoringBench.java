import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The monitoring figures against a running Shouwang on the district demo (see bench/monitoring.sh):
 * 50,000 persons under measures for 14 days, two checks a day (1.4 million checks), then the
 * not-reported list, the team dashboard and recording checks. Times are taken on loopback by the
 * client, so they bound the server time from above.
 * Run: javac -d target/bench bench/Bench.java bench/MonitoringBench.java && java -cp target/bench MonitoringBench URL PGPORT
 */
public class MonitoringBench {

	public static void main(String[] args) throws Exception {
		Bench.base = args.length > 0 ? args[0] : "http://localhost:18081";
		String pgPort = args.length > 1 ? args[1] : "54330";
		String admin = Bench.token("admin");
		String community = Bench.token("community");

		long t0 = System.nanoTime();
		Bench.psql(pgPort, FIXTURE);
		System.out.printf("fixture: 50,000 measures, 1.4 million slots and checks (3%% missed), via psql: %.1f s%n",
				(System.nanoTime() - t0) / 1e9);
		String board = Bench.send(admin, "GET", "/api/v1/monitoring/dashboard", null, 200);
		System.out.println("dashboard now: " + board);

		Bench.measure("team dashboard, district admin, whole district (200 requests)", 200,
				() -> Bench.send(admin, "GET", "/api/v1/monitoring/dashboard", null, 200));
		Bench.measure("team dashboard, community worker (200 requests)", 200,
				() -> Bench.send(community, "GET", "/api/v1/monitoring/dashboard", null, 200));
		Bench.measure("follow-up grid, district admin, 20 persons × 14 days (200 requests)", 200,
				() -> Bench.send(admin, "GET", "/api/v1/monitoring/grid?size=20", null, 200));
		Bench.measure("not-reported list, district admin, first page (200 requests)", 200,
				() -> Bench.send(admin, "GET", OVERDUE + "?size=20", null, 200));
		Bench.measure("not-reported list, community worker, first page (200 requests)", 200,
				() -> Bench.send(community, "GET", OVERDUE + "?size=20", null, 200));
		Bench.measure("not-reported list, district admin, one slot and a name (200 requests)", 200,
				() -> Bench.send(admin, "GET", OVERDUE + "?size=20&slot=MORNING&q=%E7%8E%8B", null, 200));
		Bench.measure("team dashboard, community worker, mine=true (200 requests)", 200,
				() -> Bench.send(community, "GET", "/api/v1/monitoring/dashboard?mine=true", null, 200));

		// checks recorded by the community worker for the persons of their community under measures
		String list = Bench.send(community, "GET", "/api/v1/measures?size=200", null, 200);
		List<String> measures = Bench.all(list, "\\{\"id\":(\\d+),\"keyPersonId\"");
		List<Long> times = new ArrayList<>();
		int stored = 0;
		for (int round = 0; round < 3; round++) {
			for (String m : measures) {
				// a new id each time (a phone's UUID); an hour apart, so the duplicate rule (10 minutes) keeps them all
				String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"temperature\":\"36."
						+ (round + 3) + "\",\"symptoms\":[],\"takenAt\":\"" + java.time.OffsetDateTime.now().minusMinutes(60L * round) + "\"}";
				long s = System.nanoTime();
				// any success: a re-run within the duplicate window has its checks dropped, which is still a recording
				String answer = Bench.send(community, "POST", CHECKS.replace("{measure}", m), body, -1);
				times.add(System.nanoTime() - s);
				stored += answer.contains("\"result\":\"RECORDED\"") ? 1 : 0;
			}
		}
		Bench.report("record a health check (community worker, " + times.size() + " checks, " + stored + " stored)", times);
	}

	/** The not-reported list (slots past their deadline without a check), newest deadline first. */
	static final String OVERDUE = "/api/v1/monitoring/not-reported";

	/** Records a check for a measure: 201 when stored, 200 for a known id or a repeat within minutes. */
	static final String CHECKS = "/api/v1/measures/{measure}/checks";

	static final String FIXTURE = """
			begin;
			create temp table picked as
			  select p.id as person_id, p.name, p.jurisdiction_path, p.household_id, h.grid_id, h.address
			  from person p join household h on h.id = p.household_id
			  where p.status = 'ACTIVE' and p.id %% 26 = 0
			    and not exists (select 1 from control_measure b where b.created_by = 'bench')
			    and not exists (select 1 from control_measure m where m.person_id = p.id and m.status in ('PLANNED', 'ACTIVE', 'EXTENDED'))
			    and not exists (select 1 from key_person k where k.person_id = p.id and k.category = 'CLOSE_CONTACT'
			                    and k.status in ('NEW', 'VERIFIED', 'UNDER_MEASURE'))
			  limit 50000;
			insert into key_person(person_id, name, address, grid_id, jurisdiction_path, category, source, status, created_by)
			  select person_id, name, address, grid_id, jurisdiction_path, 'CLOSE_CONTACT', 'MANUAL', 'UNDER_MEASURE', 'bench' from picked;
			insert into control_measure(key_person_id, person_id, name, address, household_id, grid_id, jurisdiction_path, category,
			  policy_id, last_exposure, starts_on, ends_on, status, created_by)
			  select k.id, k.person_id, k.name, k.address, p.household_id, k.grid_id, k.jurisdiction_path, 'CLOSE_CONTACT',
			    (select id from monitoring_policy order by effective_from desc limit 1),
			    current_date - 14, current_date - 13, current_date, 'ACTIVE', 'bench'
			  from key_person k join picked p on p.person_id = k.person_id
			  where k.created_by = 'bench' and k.status = 'UNDER_MEASURE' and k.category = 'CLOSE_CONTACT';
			insert into control_measure_phase(measure_id, seq, measure_type, starts_on, ends_on, place)
			  select id, 1, 'HOME_QUARANTINE', starts_on, ends_on, 'HOME' from control_measure where created_by = 'bench'
			    and not exists (select 1 from control_measure_phase ph where ph.measure_id = control_measure.id);
			insert into followup_slot(measure_id, day, slot, opens_at, due_at, jurisdiction_path, check_id)
			  select m.id, d::date, s.slot, d::date + s.opens, d::date + s.due, m.jurisdiction_path,
			    case when d::date + s.due < now() and (m.id + extract(doy from d)::int + length(s.slot)) %% 33 <> 0
			         then gen_random_uuid() end
			  from control_measure m
			  cross join generate_series(current_date - 13, current_date, interval '1 day') d
			  cross join (values ('MORNING', time '06:00', time '12:00'), ('EVENING', time '16:00', time '22:00')) s(slot, opens, due)
			  where m.created_by = 'bench' and m.starts_on = current_date - 13
			  on conflict do nothing;
			insert into health_check(id, measure_id, person_id, jurisdiction_path, taken_at, day, slot, temperature, symptoms, fever,
			  source, recorded_by)
			  select s.check_id, s.measure_id, m.person_id, s.jurisdiction_path, s.opens_at + interval '1 hour', s.day, s.slot, 36.5,
			    '{}', false, 'WORKER', 'bench'
			  from followup_slot s join control_measure m on m.id = s.measure_id
			  where s.check_id is not null and m.created_by = 'bench'
			  on conflict do nothing;
			update control_measure m set last_normal_day = c.day
			  from (select measure_id, max(day) as day from health_check where recorded_by = 'bench' group by measure_id) c
			  where c.measure_id = m.id and m.created_by = 'bench';
			commit;
			-- the steady state autovacuum keeps: statistics, and the visibility map index-only reads rely on
			vacuum analyze key_person; vacuum analyze control_measure; vacuum analyze followup_slot; vacuum analyze health_check;
			""".formatted();

}
