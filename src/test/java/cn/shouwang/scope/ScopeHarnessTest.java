package cn.shouwang.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Proves that nothing crosses a jurisdiction boundary: every endpoint of {@link ScopedEndpoints},
 * called by every demo role with the ids of records in a neighbouring jurisdiction, answers 404
 * (as for an id that does not exist) and writes nothing; every list leaves foreign records out.
 * The district admin, who may see everything, proves the foreign records really exist.
 */
@IntegrationTest
class ScopeHarnessTest {

	private static final long MISSING = 987_654_321L;

	private static final String MISSING_UUID = "00000000-0000-4000-8000-000000000001";

	/** Each non-district user and the nodes just outside their jurisdiction. */
	private static final List<String> USERS = List.of("street", "community", "grid", "medic", "police", "volunteer",
			"guard", "school", "resident");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	cn.shouwang.monitoring.AlertService alerts;

	@Autowired
	cn.shouwang.reporting.UrgentReportService urgentReports;

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private static Logins logins;

	private static final Map<String, MockHttpSession> sessions = new LinkedHashMap<>();

	/** Foreign node id to the fixture records created on it. */
	private static final Map<Long, Map<String, Object>> fixtures = new LinkedHashMap<>();

	private static final Map<Long, String> fixtureNames = new LinkedHashMap<>();

	private TestTree tree;

	@BeforeEach
	void setUp() throws Exception {
		this.tree = new TestTree(this.jdbc);
		synchronized (ScopeHarnessTest.class) {
			if (logins == null) {
				logins = new Logins(this.mvc);
			}
			if (fixtures.isEmpty()) {
				for (long node : allForeignNodes()) {
					fixtures.put(node, createFixtures(node));
				}
			}
		}
	}

	@Test
	void everyEndpointWithAnIdIsInTheCatalogue() {
		Set<String> catalogued = new TreeSet<>();
		ScopedEndpoints.ALL.forEach(e -> catalogued.add(e.method() + " " + e.pattern()));
		catalogued.addAll(ScopedEndpoints.PUBLIC);
		Set<String> missing = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, ?> e : this.mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = e.getKey();
			Set<String> patterns = info.getPatternValues();
			Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition()
				.getMethods();
			for (String p : patterns) {
				if (!p.contains("{")) {
					continue;
				}
				String shape = p.replaceAll("\\{[^}]+\\}", "{}");
				for (var m : methods.isEmpty() ? Set.of(org.springframework.web.bind.annotation.RequestMethod.GET)
						: methods) {
					String key = m.name() + " " + shape;
					if (!catalogued.contains(key)) {
						missing.add(key);
					}
				}
			}
		}
		assertThat(missing).as("endpoints with ids that the scope harness does not cover").isEmpty();
	}

	@TestFactory
	Stream<DynamicTest> foreignRecordsAnswerNotFoundAndWriteNothing() {
		List<DynamicTest> tests = new ArrayList<>();
		for (String user : USERS) {
			for (long foreign : foreignNodesOf(user)) {
				for (ScopedEndpoint endpoint : ScopedEndpoints.ALL) {
					tests.add(DynamicTest.dynamicTest(user + " → " + endpoint + " @node " + foreign, () -> {
						long auditBefore = auditCount();
						Map<String, Object> ids = new LinkedHashMap<>(fixtures.get(foreign));
						MvcResult foreignResult = call(user, endpoint, ids);
						assertThat(foreignResult.getResponse().getStatus()).as("status for a foreign record")
							.isEqualTo(404);
						assertThat(auditCount()).as("nothing written").isEqualTo(auditBefore);
						Map<String, Object> missing = new LinkedHashMap<>();
						ids.forEach((k, v) -> missing.put(k, v instanceof String ? MISSING_UUID : MISSING));
						MvcResult missingResult = call(user, endpoint, missing);
						assertThat(missingResult.getResponse().getStatus())
							.as("a foreign record looks exactly like a missing one")
							.isEqualTo(foreignResult.getResponse().getStatus());
					}));
				}
			}
		}
		return tests.stream();
	}

	@TestFactory
	Stream<DynamicTest> listsLeaveForeignRecordsOut() {
		List<DynamicTest> tests = new ArrayList<>();
		for (String user : USERS) {
			for (String list : ScopedEndpoints.LISTS) {
				tests.add(DynamicTest.dynamicTest(user + " → " + list, () -> {
					String body = call(user, ScopedEndpoint.get(list), Map.of()).getResponse().getContentAsString();
					for (long foreign : foreignNodesOf(user)) {
						assertThat(body).doesNotContain(fixtureNames.get(foreign))
							.doesNotContain("scope-fx-" + foreign)
							.doesNotContain("token-fx-" + foreign)
							.doesNotContain("越界居民" + foreign + "号")
							.doesNotContain("scope-fx-" + foreign + ".csv");
					}
				}));
			}
		}
		return tests.stream();
	}

	@Test
	void theDistrictAdminSeesTheForeignFixturesSoTheNotFoundsAreReal() throws Exception {
		for (Map.Entry<Long, Map<String, Object>> e : fixtures.entrySet()) {
			for (ScopedEndpoint endpoint : ScopedEndpoints.ALL) {
				if (endpoint.method() == HttpMethod.GET && !endpoint.template().endsWith("errors.xlsx")) {
					// 200, or 403 where the admin's role does not grant it (full ID numbers): never 404
					assertThat(call("admin", endpoint, e.getValue()).getResponse().getStatus()).as(endpoint.toString())
						.isIn(200, 403);
				}
			}
			String users = call("admin", ScopedEndpoint.get("/api/v1/users?size=200&q=scope-fx-" + e.getKey()), Map.of())
				.getResponse()
				.getContentAsString();
			assertThat(users).contains("scope-fx-" + e.getKey());
		}
	}

	private MvcResult call(String user, ScopedEndpoint endpoint, Map<String, ?> ids) throws Exception {
		Map<String, Object> all = new LinkedHashMap<>(ids);
		String uri = endpoint.uri(all);
		String body = endpoint.body() == null ? null
				: endpoint.body().replace("{own}", String.valueOf(this.tree.nodeOf(user)));
		for (Map.Entry<String, Object> id : all.entrySet()) {
			body = body == null ? null : body.replace("{" + id.getKey() + "}", String.valueOf(id.getValue()));
		}
		AbstractMockHttpServletRequestBuilder<?> request;
		if (endpoint.multipart()) {
			request = multipart(uri).file(new MockMultipartFile("file", "tree.xlsx",
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", new byte[] { 1, 2, 3 }));
		}
		else {
			request = request(endpoint.method(), uri);
		}
		if (endpoint.api()) {
			request.header("Authorization", "Bearer " + logins.token(user));
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).content(body);
			}
		}
		else {
			request.session(session(user));
			if (endpoint.method() != HttpMethod.GET) {
				request.with(csrf());
				if (body != null && endpoint.template().endsWith(".json")) {
					// the JSON calls of offline pages (the guard's screen) with the session
					request.contentType(MediaType.APPLICATION_JSON).content(body);
				}
				else if (body != null && !body.isEmpty()) {
					for (String pair : body.split("&")) {
						String[] kv = pair.split("=", 2);
						request.param(kv[0], kv[1]);
					}
				}
			}
		}
		return this.mvc.perform(request).andReturn();
	}

	private MockHttpSession session(String user) {
		return sessions.computeIfAbsent(user, u -> logins.session(u));
	}

	private long auditCount() {
		return this.jdbc.sql("select count(*) from audit_event").query(Long.class).single();
	}

	private List<Long> foreignNodesOf(String user) {
		long sibling = switch (user) {
			case "street" -> this.tree.street(2);
			case "grid" -> this.tree.grid(1, 1, 2);
			case "resident" -> this.tree.building(1, 1, 1, 2);
			default -> this.tree.community(1, 2);
		};
		long farAway = this.tree.community(2, 1);
		return sibling == farAway ? List.of(sibling) : List.of(sibling, farAway);
	}

	private Set<Long> allForeignNodes() {
		Set<Long> nodes = new java.util.LinkedHashSet<>();
		USERS.forEach(u -> nodes.addAll(foreignNodesOf(u)));
		return nodes;
	}

	/** A responsible person, a user and an integration token on a foreign node, made by the admin. */
	private Map<String, Object> createFixtures(long node) throws Exception {
		fixtureNames.put(node, this.jdbc.sql("select name from jurisdiction_node where id = :id")
			.param("id", node)
			.query(String.class)
			.single());
		Map<String, Object> ids = new LinkedHashMap<>();
		ids.put("node", node);
		ids.put("responsibility", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/jurisdictions/" + node + "/responsibilities"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"duty\":\"PARTY_MEMBER\",\"personName\":\"包户党员\",\"phone\":\"13911112222\"}"))
			.andReturn()));
		ids.put("user", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/users"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"scope-fx-" + node + "\",\"displayName\":\"越界测试\",\"role\":\"VOLUNTEER\","
						+ "\"nodeId\":" + node + ",\"initialPassword\":\"Initial@Pass2026\"}"))
			.andReturn()));
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path >= :lo and jurisdiction_path < :hi order by id limit 1
				""").param("lo", nodePath(node)).param("hi", cn.shouwang.shared.JurisdictionScope.of(nodePath(node)).upper())
			.query(Long.class)
			.single();
		ids.put("household", household);
		String first17 = "110109" + (19600101 + node) + "007";
		String idNumber = first17 + cn.shouwang.shared.ChineseIdNumber.checkCharacter(first17);
		ids.put("person", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/households/" + household + "/persons"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"越界居民" + node + "号\",\"idNumber\":\"" + idNumber + "\",\"phone\":\"13700001111\"}"))
			.andReturn()));
		String upload = this.mvc.perform(logins.as("admin", multipart("/api/v1/imports")
			.file(new MockMultipartFile("file", "scope-fx-" + node + ".csv", "text/csv",
					"姓名,身份证号\r\n张三,11010519491231002X\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.param("nodeId", String.valueOf(node)))).andReturn().getResponse().getContentAsString();
		assertThat(upload).contains("MAPPING");
		ids.put("import", upload.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1"));
		ids.put("keyperson", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/key-persons"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"personId\":" + ids.get("person") + ",\"category\":\"OTHER\"}"))
			.andReturn()));
		ids.put("measure", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/measures"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"keyPersonId\":" + ids.get("keyperson") + ",\"lastExposure\":\""
						+ java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")) + "\"}"))
			.andReturn()));
		// a service request of the foreign household (its member is under the measure above)
		ids.put("request", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/care/requests"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"householdId\":" + household + ",\"kind\":\"GROCERIES\",\"description\":\"越界居民" + node
						+ "号的需求\"}"))
			.andReturn()));
		ids.put("checkpoint", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/checkpoints"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nodeId\":" + node + ",\"name\":\"越界居民" + node + "号卡点\",\"kind\":\"STREET\"}"))
			.andReturn()));
		ids.put("shift", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/checkpoints/" + ids.get("checkpoint") + "/shifts"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"guardName\":\"越界值守" + node + "\",\"startsAt\":\"2031-01-0" + (1 + node % 9) + "T08:00\","
						+ "\"endsAt\":\"2031-01-0" + (1 + node % 9) + "T10:00\"}"))
			.andReturn()));
		String pass = this.mvc.perform(logins.as("admin", post("/api/v1/persons/" + ids.get("person") + "/passes"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"expiresOn\":\"" + java.time.LocalDate.now().plusDays(30) + "\"}"))
			.andReturn().getResponse().getContentAsString();
		ids.put("pass", pass.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1"));
		// an alert on the foreign measure (a checkpoint fever: the way in that needs no health check)
		ids.put("alert", this.alerts.openCheckpointFever((Long) ids.get("person"), new java.math.BigDecimal("38.5"),
				"越界居民" + node + "号卡点", "admin").orElseThrow());
		// the urgent report the alert opens at the community
		this.urgentReports.collect();
		ids.put("urgent", this.jdbc.sql("select id from urgent_report where source = :s")
			.param("s", "alert:" + ids.get("alert"))
			.query(Long.class)
			.single());
		ids.put("released", releasedMeasure(node));
		// a personal link of the foreign household (its id is a UUID: a missing one is MISSING_UUID)
		ids.put("link", this.jdbc.sql("""
				insert into personal_link(id, household_id, jurisdiction_path, expires_at, created_by)
				select gen_random_uuid(), id, jurisdiction_path, now() + interval '7 days', 'admin' from household where id = :h
				returning id::text
				""").param("h", household).query(String.class).single());
		ids.put("riskarea", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/risk-areas"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nodeId\":" + node + ",\"region\":\"越界居民" + node + "号风险区\",\"level\":\"HIGH\","
						+ "\"effectiveFrom\":\"2022-11-01\"}"))
			.andReturn()));
		ids.put("campaign", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/survey/campaigns"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"nodeId\":" + node + ",\"name\":\"越界居民" + node + "号排查\",\"deadline\":\""
						+ java.time.LocalDate.now().plusDays(7) + "\"}"))
			.andReturn()));
		var grid = this.jdbc.sql("select id from jurisdiction_node where level = 'GRID' and path like :p || '%' order by id limit 1")
			.param("p", nodePath(node))
			.query(Long.class)
			.optional();
		if (grid.isPresent()) {
			ids.put("grid", grid.get());
			ids.put("team", idFrom(this.mvc
				.perform(logins.as("admin", post("/api/v1/survey/campaigns/" + ids.get("campaign") + "/teams"))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"name\":\"越界居民" + node + "号队\",\"memberIds\":[" + ids.get("user") + "],\"gridIds\":["
							+ grid.get() + "]}"))
				.andReturn()));
		}
		else {
			// a building has no grid below it to put a team on: another fixture's team stands in
			Map<String, Object> other = fixtures.values().iterator().next();
			ids.put("grid", other.get("grid"));
			ids.put("team", other.get("team"));
		}
		// an assistance list naming the foreign person, matched, so it has a row, a key person and a candidate-free row 3
		String list = this.mvc.perform(logins.as("admin", multipart("/api/v1/assistance-lists")
			.file(new MockMultipartFile("file", "scope-fx-" + node + "-list.csv", "text/csv",
					("姓名,身份证号\r\n越界居民" + node + "号," + idNumber + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.param("nodeId", String.valueOf(node))
			.param("name", "scope-fx-" + node + "-协查")
			.param("deadline", java.time.LocalDate.now().plusDays(3).toString()))).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("MAPPING");
		ids.put("list", list.replaceAll("^.*?\"id\":\"([0-9a-f-]{36})\".*$", "$1"));
		assertThat(this.mvc.perform(logins.as("admin", post("/api/v1/assistance-lists/" + ids.get("list") + "/run"))
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus()).isEqualTo(200);
		ids.put("row", 2);
		// a passage at the foreign checkpoint today, by a visitor named like the fixtures (the passage log's lists)
		this.jdbc.sql("""
				insert into passage(id, at, checkpoint_id, jurisdiction_path, direction, visitor_name, temperature, decision)
				select gen_random_uuid(), now(), id, jurisdiction_path, 'IN', :name, 36.5, 'ALLOWED' from checkpoint where id = :c
				""").param("name", "越界居民" + node + "号访客").param("c", ids.get("checkpoint")).update();
		ids.put("token", idFrom(this.mvc
			.perform(logins.as("admin", post("/api/v1/tokens"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"token-fx-" + node + "\",\"role\":\"VOLUNTEER\",\"nodeId\":" + node + "}"))
			.andReturn()));
		return ids;
	}

	/**
	 * A second foreign person whose measure (7 days of daily monitoring) ended today with a normal
	 * check, released, so that it has a release notice.
	 */
	private long releasedMeasure(long node) throws Exception {
		long household = this.jdbc.sql("""
				select id from household where jurisdiction_path >= :lo and jurisdiction_path < :hi order by id limit 1
				""").param("lo", nodePath(node)).param("hi", cn.shouwang.shared.JurisdictionScope.of(nodePath(node)).upper())
			.query(Long.class)
			.single();
		String first17 = "110109" + (19600101 + node) + "008";
		long person = idFrom(this.mvc.perform(logins.as("admin", post("/api/v1/households/" + household + "/persons"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"越界居民" + node + "号乙\",\"idNumber\":\"" + first17
					+ cn.shouwang.shared.ChineseIdNumber.checkCharacter(first17) + "\"}"))
			.andReturn());
		long keyPerson = idFrom(this.mvc.perform(logins.as("admin", post("/api/v1/key-persons"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"personId\":" + person + ",\"category\":\"OTHER\"}")).andReturn());
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
		long measure = idFrom(this.mvc.perform(logins.as("admin", post("/api/v1/measures"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"keyPersonId\":" + keyPerson + ",\"lastExposure\":\"" + today.minusDays(7) + "\"}")).andReturn());
		this.jdbc.sql("""
				insert into health_check(id, measure_id, person_id, jurisdiction_path, taken_at, day, slot, temperature, fever,
				  source, recorded_by)
				select gen_random_uuid(), id, person_id, jurisdiction_path, now(), :today, 'MORNING', 36.5, false, 'WORKER', 'admin'
				from control_measure where id = :m
				""").param("today", today).param("m", measure).update();
		this.jdbc.sql("update control_measure set last_normal_day = :today where id = :m").param("today", today)
			.param("m", measure).update();
		assertThat(this.mvc.perform(logins.as("admin", post("/api/v1/measures/" + measure + "/release"))).andReturn()
			.getResponse().getStatus()).isEqualTo(200);
		return measure;
	}

	private String nodePath(long node) {
		return this.jdbc.sql("select path from jurisdiction_node where id = :id").param("id", node).query(String.class).single();
	}

	private static long idFrom(MvcResult result) throws Exception {
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(201);
		int i = body.indexOf("\"id\":") + 5;
		int end = i;
		while (Character.isDigit(body.charAt(end))) {
			end++;
		}
		return Long.parseLong(body.substring(i, end));
	}

}
