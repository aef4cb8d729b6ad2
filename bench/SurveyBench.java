import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The survey's figures against a running Shouwang on the district demo (see bench/survey.sh):
 * starting a round over the district, progress of a half-done round at three levels, and
 * recording visits. Times are taken on loopback by the client, so they bound the server time
 * from above. Run: javac -d target/bench bench/Bench.java bench/SurveyBench.java && java -cp target/bench SurveyBench URL PGPORT
 */
public class SurveyBench {

	public static void main(String[] args) throws Exception {
		Bench.base = args.length > 0 ? args[0] : "http://localhost:18081";
		String pgPort = args.length > 1 ? args[1] : "54330";
		String admin = Bench.token("admin");
		String community = Bench.token("community");
		String street = Bench.token("street");

		String name = "基准测试第" + System.currentTimeMillis() % 100000 + "轮";
		long t0 = System.nanoTime();
		String created = Bench.send(admin, "POST", "/api/v1/survey/campaigns", "{\"name\":\"" + name + "\",\"deadline\":\""
				+ LocalDate.now().plusDays(10) + "\",\"startsOn\":\"" + LocalDate.now().minusDays(1) + "\"}", 201);
		System.out.printf("start a round over the district (every household listed): %.1f s%n", (System.nanoTime() - t0) / 1e9);
		long round = Long.parseLong(Bench.first(created, "\"id\":(\\d+)"));

		t0 = System.nanoTime();
		halfDone(round, pgPort);
		System.out.printf("fixture: half of the round marked done with visits and findings, via psql: %.1f s%n",
				(System.nanoTime() - t0) / 1e9);
		String total = Bench.send(admin, "GET", "/api/v1/survey/campaigns/" + round + "/progress", null, 200);
		System.out.println("progress now: households " + Bench.first(total, "\"total\":\\{[^}]*?\"households\":(\\d+)") + ", done "
				+ Bench.first(total, "\"total\":\\{[^}]*?\"done\":(\\d+)") + ", findings " + Bench.first(total, "\"total\":\\{[^}]*?\"findings\":(\\d+)"));

		String streetNode = Bench.first(Bench.send(street, "GET", "/api/v1/survey/campaigns/" + round + "/progress", null, 200),
				"\"node\":\\{\"id\":(\\d+)");
		Bench.measure("campaign progress, district admin, whole district (200 requests)", 200,
				() -> Bench.send(admin, "GET", "/api/v1/survey/campaigns/" + round + "/progress", null, 200));
		Bench.measure("campaign progress, district admin, one street (200 requests)", 200,
				() -> Bench.send(admin, "GET", "/api/v1/survey/campaigns/" + round + "/progress?nodeId=" + streetNode, null, 200));
		Bench.measure("campaign progress, community worker, their community (200 requests)", 200,
				() -> Bench.send(community, "GET", "/api/v1/survey/campaigns/" + round + "/progress", null, 200));

		// visits: the community worker knocks on the pending doors of their grids
		String grids = Bench.send(community, "GET", "/api/v1/survey/campaigns/" + round + "/progress", null, 200);
		List<String> gridIds = Bench.all(grids.substring(grids.indexOf("\"lines\""), grids.indexOf("\"total\"")), "\"nodeId\":(\\d+)");
		List<String> bodies = new ArrayList<>();
		int n = 0;
		for (String grid : gridIds) {
			String doors = Bench.send(community, "GET", "/api/v1/survey/campaigns/" + round + "/doors?gridId=" + grid, null, 200);
			for (String door : doors.split("\\},\\{\"householdId\"")) {
				if (!door.contains("\"outcome\":null")) {
					continue;
				}
				String household = Bench.first(door, "^(?:\\[\\{\"householdId\")?:?(\\d+)");
				List<String> members = Bench.all(door.substring(door.indexOf("\"members\"")), "\\{\"id\":(\\d+)");
				StringBuilder persons = new StringBuilder();
				for (int i = 0; i < members.size(); i++) {
					persons.append(i == 0 ? "" : ",").append("{\"personId\":").append(members.get(i))
						.append(",\"present\":true,\"temperature\":\"").append(n % 50 == 0 && i == 0 ? "38.1" : "36.5").append("\"}");
				}
				bodies.add("{\"id\":\"" + UUID.randomUUID() + "\",\"campaignId\":" + round + ",\"householdId\":" + household
						+ ",\"outcome\":\"" + (n % 10 == 0 ? "NOBODY_HOME" : "VISITED") + "\",\"persons\":["
						+ (n % 10 == 0 ? "" : persons) + "]}");
				n++;
			}
		}
		int warm = Math.min(50, bodies.size() / 10);
		for (int i = 0; i < warm; i++) {
			Bench.send(community, "POST", "/api/v1/survey/visits", bodies.get(i), 201);
		}
		List<String> timed = bodies.subList(warm, Math.min(bodies.size(), warm + 600));
		List<Long> times = new ArrayList<>();
		for (String body : timed) {
			long s = System.nanoTime();
			Bench.send(community, "POST", "/api/v1/survey/visits", body, 201);
			times.add(System.nanoTime() - s);
		}
		Bench.report("record a visit (community worker, " + times.size() + " households, 10% nobody home, 2% fever)", times);
		List<Long> replays = new ArrayList<>();
		for (String body : timed.subList(0, Math.min(200, timed.size()))) {
			long s = System.nanoTime();
			Bench.send(community, "POST", "/api/v1/survey/visits", body, 200);
			replays.add(System.nanoTime() - s);
		}
		Bench.report("the same visit uploaded again (a replay, 200 requests)", replays);
	}

	/** Marks every second household done (and every twentieth nobody-home) with a visit, and some findings. */
	static void halfDone(long round, String pgPort) throws Exception {
		String sql = """
				begin;
				update survey_household set outcome = case when household_id %% 20 = 1 then 'NOBODY_HOME' else 'VISITED' end,
				  last_visit_id = gen_random_uuid(), visits = 1
				where campaign_id = %1$d and (household_id %% 2 = 0 or household_id %% 20 = 1);
				insert into survey_visit(id, campaign_id, household_id, grid_id, jurisdiction_path, outcome, visited_at, visitor_name, persons_met)
				select last_visit_id, campaign_id, household_id, grid_id, jurisdiction_path, outcome, now() - interval '1 hour', 'bench', 2
				from survey_household where campaign_id = %1$d and last_visit_id is not null;
				insert into key_person(person_id, name, address, grid_id, jurisdiction_path, category, source, temperature,
				  survey_campaign_id, created_by)
				select p.id, p.name, 'bench', s.grid_id, p.jurisdiction_path, 'SYMPTOMATIC', 'SURVEY', 38.0, %1$d, 'bench'
				from survey_household s join person p on p.household_id = s.household_id and p.status = 'ACTIVE'
				where s.campaign_id = %1$d and s.outcome = 'VISITED' and s.household_id %% 100 = 0
				  and not exists (select 1 from key_person k where k.person_id = p.id and k.category = 'SYMPTOMATIC'
				                  and k.status in ('NEW', 'VERIFIED', 'UNDER_MEASURE'));
				update survey_grid_progress g set done = x.done, revisit = x.revisit, persons_expected = x.done * 2,
				  persons_accounted = x.done * 2, findings = coalesce(f.n, 0)
				from (select grid_id, count(*) filter (where outcome = 'VISITED') done,
				        count(*) filter (where outcome = 'NOBODY_HOME') revisit
				      from survey_household where campaign_id = %1$d group by grid_id) x
				left join (select grid_id, count(*) n from key_person where survey_campaign_id = %1$d group by grid_id) f
				  on f.grid_id = x.grid_id
				where g.campaign_id = %1$d and g.grid_id = x.grid_id;
				commit;
				analyze survey_household; analyze survey_visit; analyze key_person; analyze survey_grid_progress;
				""".formatted(round);
		Bench.psql(pgPort, sql);
	}

}
