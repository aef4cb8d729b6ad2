package cn.shouwang.scope;

import java.util.List;

import static cn.shouwang.scope.ScopedEndpoint.delete;
import static cn.shouwang.scope.ScopedEndpoint.get;
import static cn.shouwang.scope.ScopedEndpoint.patch;
import static cn.shouwang.scope.ScopedEndpoint.post;
import static cn.shouwang.scope.ScopedEndpoint.put;
import static cn.shouwang.scope.ScopedEndpoint.upload;

/**
 * The catalogue of every endpoint that addresses a scoped record by id. {@link ScopeHarnessTest}
 * calls each one, as every role, with records of a foreign jurisdiction, and fails if any
 * endpoint with a path variable is missing here. Each later module adds its endpoints.
 */
final class ScopedEndpoints {

	private ScopedEndpoints() {
	}

	/** A visitor's passage: the body the guard's device sends (JSON also on the guard's page). */
	private static final String PASSAGE = "{\"id\":\"3f1c2a7e-0000-4000-8000-00000000beef\",\"direction\":\"IN\",\"temperature\":36.5,"
			+ "\"visitor\":{\"name\":\"越界\",\"phone\":\"13900001111\",\"reason\":\"越界\",\"hostHouseholdId\":{household}}}";

	static final List<ScopedEndpoint> ALL = List.of(
			// jurisdiction API
			get("/api/v1/jurisdictions/{node}"), get("/api/v1/jurisdictions/{node}/children"),
			post("/api/v1/jurisdictions/{node}/children", "{\"name\":\"越界节点\"}"),
			patch("/api/v1/jurisdictions/{node}", "{\"name\":\"越界改名\"}"),
			post("/api/v1/jurisdictions/{node}/move", "{\"parentId\":{own}}"),
			post("/api/v1/jurisdictions/{node}/retire", null), post("/api/v1/jurisdictions/{node}/restore", null),
			get("/api/v1/jurisdictions/{node}/units"),
			post("/api/v1/jurisdictions/{node}/units", "{\"kind\":\"VENUE\",\"name\":\"越界单位\"}"),
			get("/api/v1/jurisdictions/{node}/responsibilities"),
			post("/api/v1/jurisdictions/{node}/responsibilities", "{\"duty\":\"VOLUNTEER\",\"personName\":\"越界\"}"),
			delete("/api/v1/jurisdictions/responsibilities/{responsibility}"),
			get("/api/v1/jurisdictions/responsibilities/{responsibility}/phone"),
			upload("/api/v1/jurisdictions/{node}/import"),
			// users and tokens API
			get("/api/v1/users/{user}"), patch("/api/v1/users/{user}", "{\"displayName\":\"越界\"}"),
			post("/api/v1/users/{user}/password", "{\"newPassword\":\"Cross@Scope2026\"}"),
			post("/api/v1/users/{user}/unlock", null), post("/api/v1/tokens/{token}/revoke", null),
			// jurisdiction pages
			get("/jurisdictions/{node}"), get("/jurisdictions/{node}/history"),
			post("/jurisdictions/{node}/children", "name=越界节点"), post("/jurisdictions/{node}/rename", "name=越界改名"),
			post("/jurisdictions/{node}/move", "parentId={own}"), post("/jurisdictions/{node}/retire", ""),
			post("/jurisdictions/{node}/restore", ""), post("/jurisdictions/{node}/units", "kind=VENUE&name=越界单位"),
			post("/jurisdictions/{node}/responsibilities", "duty=VOLUNTEER&personName=越界"),
			post("/jurisdictions/{node}/responsibilities/{responsibility}/delete", ""),
			get("/jurisdictions/responsibilities/{responsibility}/phone"), get("/jurisdictions/{node}/import"),
			upload("/jurisdictions/{node}/import"),
			// user pages
			get("/users/{user}"), get("/users/{user}/history"), post("/users/{user}", "displayName=越界&enabled=true"),
			post("/users/{user}/password", "newPassword=Cross@Scope2026"), post("/users/{user}/unlock", ""),
			post("/tokens/{token}/revoke", ""),
			// registry API
			get("/api/v1/persons/{person}"), get("/api/v1/persons/{person}/id-number"),
			get("/api/v1/persons/{person}/phone"),
			patch("/api/v1/persons/{person}", "{\"name\":\"越界改名\",\"idNumber\":\"11010519491231002X\"}"),
			post("/api/v1/persons/{person}/move-out", "{\"note\":\"越界\"}"), post("/api/v1/persons/{person}/return", null),
			post("/api/v1/persons/{person}/transfer", "{\"householdId\":{household}}"),
			get("/api/v1/households/{household}"),
			post("/api/v1/households/{household}/persons", "{\"name\":\"越界\",\"idNumber\":\"11010519491231002X\"}"),
			// registry pages
			get("/registry/persons/{person}"), get("/registry/persons/{person}/history"),
			get("/registry/persons/{person}/reveal?field=ID_NUMBER"), post("/registry/persons/{person}", "name=越界改名"),
			post("/registry/persons/{person}/move-out", "note=越界"), post("/registry/persons/{person}/return", ""),
			post("/registry/persons/{person}/transfer", "householdId={household}"),
			get("/registry/households/{household}"), get("/registry/households/{household}/history"),
			post("/registry/households/{household}/persons", "name=越界&idNumber=11010519491231002X"),
			post("/api/v1/persons/{person}/merge", "{\"mergedId\":{person}}"),
			post("/registry/persons/{person}/merge", "mergedId={person}"),
			// register imports
			get("/api/v1/imports/{import}"), post("/api/v1/imports/{import}/start", "{\"mode\":\"SKIP\"}"),
			get("/api/v1/imports/{import}/errors.xlsx"), get("/registry/import/{import}"),
			get("/registry/import/{import}/progress"), post("/registry/import/{import}/start", "mode=SKIP"),
			get("/registry/import/{import}/errors.xlsx"),
			// key persons, calls and risk areas
			get("/api/v1/key-persons/{keyperson}"),
			patch("/api/v1/key-persons/{keyperson}", "{\"cameFrom\":\"越界\"}"),
			post("/api/v1/key-persons/{keyperson}/status", "{\"status\":\"VERIFIED\"}"),
			put("/api/v1/key-persons/{keyperson}/responsibles", "{\"userIds\":[]}"),
			get("/api/v1/key-persons/{keyperson}/phone"),
			post("/api/v1/key-persons/{keyperson}/calls", "{\"outcome\":\"REACHED\"}"),
			post("/api/v1/risk-areas/{riskarea}/end", "{}"), get("/keypersons/{keyperson}"),
			get("/keypersons/{keyperson}/history"), post("/keypersons/{keyperson}/clears", "cameFrom=越界"),
			post("/keypersons/{keyperson}/status", "status=VERIFIED"),
			post("/keypersons/{keyperson}/responsibles", ""), get("/keypersons/{keyperson}/phone"),
			post("/keypersons/{keyperson}/calls", "outcome=REACHED"), post("/keypersons/risk-areas/{riskarea}/end", ""),
			// survey rounds, teams, doors and visits
			get("/api/v1/survey/campaigns/{campaign}"), post("/api/v1/survey/campaigns/{campaign}/close", null),
			get("/api/v1/survey/campaigns/{campaign}/teams"),
			post("/api/v1/survey/campaigns/{campaign}/teams", "{\"name\":\"越界队\",\"memberIds\":[{user}],\"gridIds\":[{grid}]}"),
			put("/api/v1/survey/campaigns/{campaign}/teams/{team}", "{\"name\":\"越界队\",\"memberIds\":[{user}],\"gridIds\":[{grid}]}"),
			delete("/api/v1/survey/campaigns/{campaign}/teams/{team}"),
			get("/api/v1/survey/campaigns/{campaign}/progress"), get("/api/v1/survey/campaigns/{campaign}/doors"),
			get("/api/v1/survey/campaigns/{campaign}/households/{household}/visits"), get("/survey/campaigns/{campaign}"),
			post("/survey/campaigns/{campaign}/close", ""), post("/survey/campaigns/{campaign}/teams", "name=越界队"),
			post("/survey/campaigns/{campaign}/teams/{team}/delete", ""), get("/survey/campaigns/{campaign}/team-options"),
			get("/survey/campaigns/{campaign}/door"), get("/survey/campaigns/{campaign}/doors.json"),
			get("/api/v1/survey/campaigns/{campaign}/households"), get("/survey/campaigns/{campaign}/households"),
			get("/survey/campaigns/{campaign}/households.xlsx"), get("/survey/campaigns/{campaign}/progress.xlsx"),
			// assistance lists
			get("/api/v1/assistance-lists/{list}"), get("/api/v1/assistance-lists/{list}/mapping"),
			post("/api/v1/assistance-lists/{list}/run", "{}"), get("/api/v1/assistance-lists/{list}/rows"),
			post("/api/v1/assistance-lists/{list}/rows/{row}/confirm", "{\"personId\":{person}}"),
			post("/api/v1/assistance-lists/{list}/rows/{row}/reject", null),
			get("/api/v1/assistance-lists/{list}/report.xlsx"), get("/api/v1/assistance-lists/{list}/unmatched.xlsx"),
			get("/assistance-lists/{list}"), post("/assistance-lists/{list}/run", ""),
			post("/assistance-lists/{list}/rows/{row}/confirm", "personId={person}"),
			post("/assistance-lists/{list}/rows/{row}/reject", ""), get("/assistance-lists/{list}/report.xlsx"),
			get("/assistance-lists/{list}/unmatched.xlsx"),
			// control measures
			get("/api/v1/measures/{measure}"),
			post("/api/v1/measures/{measure}/reexposure", "{\"lastExposure\":\"2099-01-01\"}"),
			put("/api/v1/measures/{measure}/team", "[]"), post("/api/v1/measures/{measure}/end", "{\"status\":\"REFERRED\"}"),
			post("/api/v1/measures/{measure}/release", null), get("/monitoring/measures/{measure}"),
			get("/monitoring/measures/{measure}/history"),
			post("/monitoring/measures/{measure}/reexposure", "lastExposure=2099-01-01"),
			post("/monitoring/measures/{measure}/team", "duty=MEDICAL&name=越界"),
			post("/monitoring/measures/{measure}/end", "status=REFERRED"), post("/monitoring/measures/{measure}/release", ""),
			// checkpoints and their roster
			get("/api/v1/checkpoints/{checkpoint}"),
			patch("/api/v1/checkpoints/{checkpoint}", "{\"name\":\"越界\",\"kind\":\"STREET\"}"),
			get("/api/v1/checkpoints/{checkpoint}/shifts"),
			post("/api/v1/checkpoints/{checkpoint}/shifts", "{\"guardName\":\"越界\",\"startsAt\":\"2030-01-01T08:00\",\"endsAt\":\"2030-01-01T10:00\"}"),
			delete("/api/v1/checkpoints/{checkpoint}/shifts/{shift}"), get("/checkpoints/{checkpoint}"),
			post("/checkpoints/{checkpoint}", "name=越界&kind=STREET"),
			post("/checkpoints/{checkpoint}/shifts", "guardName=越界&startsAt=2030-01-01T08:00&endsAt=2030-01-01T10:00"),
			post("/checkpoints/{checkpoint}/shifts/{shift}/delete", ""),
			// alerts and release notices
			get("/api/v1/alerts/{alert}"), post("/api/v1/alerts/{alert}/acknowledge", "{}"),
			post("/api/v1/alerts/{alert}/handle", "{\"handling\":\"NOTE\",\"note\":\"越界\"}"), get("/alerts/{alert}"),
			post("/alerts/{alert}/acknowledge", ""), post("/alerts/{alert}/handle", "handling=NOTE&note=越界"),
			get("/api/v1/measures/{released}/release-notice.pdf"), get("/measures/{released}/release-notice.pdf"),
			// care (生活保障): service requests
			get("/api/v1/care/requests/{request}"), get("/api/v1/care/requests/{request}/volunteers"),
			post("/api/v1/care/requests/{request}/assign", "{\"userId\":{user}}"),
			post("/api/v1/care/requests/{request}/done", "{\"note\":\"越界\"}"),
			post("/api/v1/care/requests/{request}/cancel", "{\"reason\":\"越界\"}"),
			post("/api/v1/care/requests/{request}/feedback", "{\"satisfied\":true}"),
			get("/api/v1/care/households/{household}"), get("/care/requests/{request}"),
			get("/care/requests/{request}/history"), post("/care/requests/{request}/assign", "userId={user}"),
			post("/care/requests/{request}/done", "note=越界"), post("/care/requests/{request}/cancel", "reason=越界"),
			post("/care/requests/{request}/feedback", "satisfied=true"),
			// the passage log
			get("/api/v1/checkpoints/{checkpoint}/passages/hourly"),
			// passes (出入证), passages and the guard's screen
			post("/api/v1/checkpoints/{checkpoint}/passages", PASSAGE), get("/api/v1/checkpoints/{checkpoint}/revocations"),
			post("/api/v1/checkpoints/{checkpoint}/passages/batch", "[" + PASSAGE + "]"),
			get("/api/v1/checkpoints/{checkpoint}/passes"),
			post("/api/v1/persons/{person}/passes", "{\"expiresOn\":\"2099-01-01\"}"),
			get("/api/v1/persons/{person}/passes"), get("/api/v1/households/{household}/passes"),
			post("/api/v1/passes/{pass}/revoke", "{\"reason\":\"越界\"}"), get("/passes/households/{household}"),
			post("/passes/persons/{person}/issue", "householdId={household}&expiresOn=2099-01-01"),
			post("/passes/{pass}/revoke", "householdId={household}&reason=越界"), get("/guard/checkpoints/{checkpoint}"),
			post("/guard/checkpoints/{checkpoint}/passages.json", PASSAGE),
			get("/guard/checkpoints/{checkpoint}/revocations.json"), get("/guard/checkpoints/{checkpoint}/hosts.json?q=1"),
			// health checks, personal links, a person's timeline
			post("/api/v1/measures/{measure}/checks", "{\"temperature\":\"36.5\"}"), get("/api/v1/measures/{measure}/checks"),
			get("/monitoring/measures/{measure}/checks"), post("/monitoring/measures/{measure}/checks", "temperature=36.5"),
			get("/monitoring/households/{household}/links"), post("/monitoring/households/{household}/links", ""),
			post("/monitoring/links/{link}/revoke", "household={household}"), get("/monitoring/persons/{person}"),
			// daily reports and their roll-up
			get("/api/v1/reports/{node}"), post("/api/v1/reports/{node}/note", "{\"note\":\"越界\"}"),
			post("/api/v1/reports/{node}/submit", "{\"note\":\"越界\"}"), post("/api/v1/reports/{node}/zero", "{}"),
			post("/api/v1/reports/{node}/reopen", "{\"reason\":\"越界\"}"), post("/api/v1/reports/{node}/approve", "{}"),
			get("/api/v1/reports/{node}/history"), get("/api/v1/reports/{node}/export.xlsx"), get("/reports/{node}"),
			get("/reports/{node}?live=true"), post("/reports/{node}/note", "note=越界"), post("/reports/{node}/submit", "note=越界"),
			post("/reports/{node}/zero", ""), post("/reports/{node}/reopen", "reason=越界"), post("/reports/{node}/approve", ""),
			get("/reports/{node}/export.xlsx"), get("/api/v1/reports/{node}/dashboard"), get("/reports/{node}/dashboard"),
			get("/reports/{node}/dashboard.json"), get("/api/v1/urgent-reports/{urgent}"),
			post("/api/v1/urgent-reports/{urgent}/submit", "{\"report\":\"越界\"}"),
			post("/api/v1/urgent-reports/{urgent}/acknowledge", null), get("/reports/urgent/{urgent}"),
			post("/reports/urgent/{urgent}/submit", "report=越界"), post("/reports/urgent/{urgent}/acknowledge", ""));

	/**
	 * Public pages addressed by a code, not by a record of a jurisdiction: they answer everyone
	 * alike and show nothing scoped, so the harness leaves them out.
	 */
	static final List<String> PUBLIC = List.of("GET /verify/{}", "GET /r/{}/requests", "POST /r/{}/requests",
			"POST /r/{}/requests/{}/feedback",
			// a household's personal link: the signed token is the credential, and shows only that household
			"GET /r/{}", "POST /r/{}", "POST /api/v1/links/{}/checks");

	/** Lists without an id: the foreign records' names must not appear in them. */
	static final List<String> LISTS = List.of("/api/v1/jurisdictions?q=", "/api/v1/users?size=200", "/api/v1/tokens",
			"/api/v1/audit?size=200", "/users", "/tokens", "/audit", "/jurisdictions/options?q=", "/",
			"/api/v1/persons?size=200", "/api/v1/persons?size=200&q=越界居民", "/registry/persons?q=越界居民",
			"/api/v1/households?q=", "/registry/households/options?q=", "/api/v1/persons/duplicates",
			"/registry/duplicates", "/registry/import", "/api/v1/key-persons?size=200", "/keypersons", "/api/v1/measures?size=200", "/monitoring", "/monitoring/grid", "/api/v1/checkpoints",
			"/checkpoints", "/api/v1/checkpoints/coverage",
			"/keypersons/calls", "/api/v1/key-persons/calls?size=200", "/api/v1/risk-areas?all=true",
			"/keypersons/risk-areas?all=true", "/survey?all=true", "/api/v1/survey/campaigns?all=true", "/api/v1/assistance-lists",
			"/assistance-lists", "/alerts", "/api/v1/alerts?size=200", "/alerts?status=HANDLED",
			"/care", "/care?status=OPEN&q=越界", "/api/v1/care/requests?size=200", "/care/mine", "/api/v1/care/my-tasks",
			"/api/v1/passages?size=200", "/checkpoints/passages", "/api/v1/passages/hourly", "/checkpoints/passages/hourly",
			"/passes", "/guard", "/me/pass",
			"/monitoring/not-reported", "/api/v1/monitoring/not-reported?size=200", "/notifications",
			"/reports", "/reports?live=true", "/api/v1/reports", "/api/v1/reports?live=true",
			"/reports", "/reports?live=true", "/api/v1/reports", "/api/v1/reports?live=true", "/reports/dashboard",
			"/api/v1/reports/dashboard", "/reports/urgent?all=true", "/api/v1/urgent-reports?all=true");

}
