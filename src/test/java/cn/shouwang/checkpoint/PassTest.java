package cn.shouwang.checkpoint;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.lowagie.text.pdf.PdfReader;

import cn.shouwang.identity.ApiTokenService;
import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.crypto.PassSigner;
import cn.shouwang.support.IntegrationTest;
import cn.shouwang.support.Logins;
import cn.shouwang.support.TestTree;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Passes and the checkpoint's decision on every path, as a guard's device calls it. */
@IntegrationTest
class PassTest {

	private static final AtomicInteger SEQ = new AtomicInteger(1);

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Logins logins;

	@Autowired
	TestTree tree;

	@Autowired
	PassSigner signer;

	@Autowired
	PassageService passageService;

	@Autowired
	ApiTokenService tokens;

	@Autowired
	TransactionOperations transactions;

	@Test
	void aValidPassIsAllowedAndAReplayWithAnotherTimeIsStoredOnce() throws Exception {
		long checkpoint = checkpoint();
		long person = person(household(1));
		String code = issue(person);
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(id, code, "36.5", null, false))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("ALLOWED"))
			.andExpect(jsonPath("$.reason").value("允许通行"))
			.andExpect(jsonPath("$.name").value(containsString("*")))
			.andExpect(jsonPath("$.duplicate").value(false));
		String otherTime = Instant.now().minusSeconds(3600 * 24 * 3).toString();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(id, code, "38.9", otherTime, false))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value("ALLOWED"))
			.andExpect(jsonPath("$.duplicate").value(true));
		assertThat(passages(id)).isEqualTo(1);
		// a guard of another street's checkpoint never sees this one
		long foreign = foreignCheckpoint();
		call("guard", post("/api/v1/checkpoints/" + foreign + "/passages"), passage(UUID.randomUUID(), code, "36.5", null, false))
			.andExpect(status().isNotFound());
		call("police", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(UUID.randomUUID(), code, "36.5", null, false))
			.andExpect(status().isForbidden());
	}

	@Test
	void aDevicesQueueIsDecidedScanByScanInOneUploadAndABadScanHoldsBackOnlyItself() throws Exception {
		long checkpoint = checkpoint();
		long allowed = person(household(1));
		String allowedCode = issue(allowed);
		String secondCode = issue(person(household(2)));
		UUID earlier = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(earlier, allowedCode, "36.5", null, false))
			.andExpect(status().isCreated());
		UUID first = UUID.randomUUID();
		UUID twice = UUID.randomUUID();
		UUID visitor = UUID.randomUUID();
		UUID hot = UUID.randomUUID();
		UUID tooCold = UUID.randomUUID();
		String queued = Instant.now().minusSeconds(3600).toString();
		String body = "[" + passage(first, allowedCode, "36.6", queued, false) + ","
				+ passage(earlier, allowedCode, "36.5", null, false) + ","
				+ passage(twice, secondCode, "36.4", null, false) + "," + passage(twice, secondCode, "36.4", null, false) + ","
				+ "{\"id\":\"" + visitor + "\",\"direction\":\"IN\",\"temperature\":36.5,\"visitor\":{\"name\":\"张访客\","
				+ "\"phone\":\"13900002222\",\"reason\":\"探亲\",\"hostHouseholdId\":" + household(3) + "}},"
				+ passage(hot, allowedCode, "38.6", null, false) + "," + passage(tooCold, allowedCode, "33.0", null, false) + ","
				+ "{\"direction\":\"OUT\",\"pass\":\"" + allowedCode + "\"}]";
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages/batch"), body)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(8))
			.andExpect(jsonPath("$[0].id").value(first.toString()))
			.andExpect(jsonPath("$[0].status").value("STORED"))
			.andExpect(jsonPath("$[0].result.decision").value("ALLOWED"))
			.andExpect(jsonPath("$[1].status").value("REPLAYED"))
			.andExpect(jsonPath("$[1].result.duplicate").value(true))
			.andExpect(jsonPath("$[2].status").value("STORED"))
			.andExpect(jsonPath("$[3].status").value("REPLAYED"))
			.andExpect(jsonPath("$[4].status").value("STORED"))
			.andExpect(jsonPath("$[4].result.decision").value("ALLOWED"))
			.andExpect(jsonPath("$[5].result.decision").value("REMEASURE"))
			.andExpect(jsonPath("$[6].status").value("REJECTED"))
			.andExpect(jsonPath("$[6].errors[0].field").value("temperature"))
			.andExpect(jsonPath("$[6].errors[0].message").value(containsString("34")))
			.andExpect(jsonPath("$[7].status").value("REJECTED"))
			.andExpect(jsonPath("$[7].errors[*].field").value(hasItem("id")));
		assertThat(passages(first)).isEqualTo(1);
		assertThat(passages(earlier)).isEqualTo(1);
		assertThat(passages(twice)).isEqualTo(1);
		assertThat(passages(visitor)).isEqualTo(1);
		assertThat(passages(hot)).isEqualTo(1);
		assertThat(passages(tooCold)).isZero();
		// the queued scan keeps the moment it was made, and the visitor's phone is stored encrypted
		Instant stored = this.jdbc.sql("select at from passage where id = :id").param("id", first).query(Instant.class).single();
		assertThat(java.time.Duration.between(Instant.parse(queued), stored).abs()).isLessThanOrEqualTo(java.time.Duration.ofNanos(1000));
		assertThat(this.jdbc.sql("select visitor_phone_enc is not null and position('13900002222' in encode(visitor_phone_enc, 'escape')) = 0"
				+ " from passage where id = :id").param("id", visitor).query(Boolean.class).single()).isTrue();
	}

	@Test
	void scansOfSeveralGuardsAndCheckpointsRecordedTogetherAreEachDecidedAsIfAlone() throws Exception {
		long here = checkpoint();
		long foreign = foreignCheckpoint();
		String local = issue(person(household(1)));
		long foreignHousehold = foreignHousehold();
		String stranger = issue("admin", person("admin", foreignHousehold));
		ShouwangPrincipal guard = principal("guard");
		ShouwangPrincipal admin = principal("admin");
		ShouwangPrincipal police = principal("police");
		UUID allowed = UUID.randomUUID();
		UUID strangerAbroad = UUID.randomUUID();
		UUID localAbroad = UUID.randomUUID();
		UUID visitorAbroad = UUID.randomUUID();
		UUID hostAbroad = UUID.randomUUID();
		List<PassageService.Upload> uploads = List.of(
				upload(guard, here, input(allowed, local, null)),
				upload(guard, foreign, input(UUID.randomUUID(), local, null)),
				upload(police, here, input(UUID.randomUUID(), local, null)),
				upload(admin, foreign, input(strangerAbroad, stranger, null), input(localAbroad, local, null),
						input(visitorAbroad, null, household(2)), input(hostAbroad, null, foreignHousehold)),
				// the same device id again: at its own checkpoint a replay, at another one refused
				upload(guard, here, input(allowed, local, null)), upload(admin, foreign, input(allowed, stranger, null)));

		List<PassageService.Uploaded> done = this.transactions
			.execute(status -> this.passageService.recordTogether(uploads));

		assertThat(done).hasSize(6);
		assertThat(done.get(0).outcomes().get(0).result().decision()).isEqualTo(PassageService.Decision.ALLOWED);
		assertThat(done.get(1).refused()).isInstanceOf(NotFoundException.class);
		assertThat(done.get(2).refused()).isInstanceOf(AccessDeniedException.class);
		List<PassageService.Outcome> abroad = done.get(3).outcomes();
		assertThat(abroad.get(0).result().decision()).isEqualTo(PassageService.Decision.ALLOWED);
		assertThat(abroad.get(1).result().reason()).contains("非本辖区的出入证");
		assertThat(abroad.get(2).result().reason()).contains("受访住户不在本辖区");
		assertThat(abroad.get(3).result().decision()).isEqualTo(PassageService.Decision.ALLOWED);
		assertThat(done.get(4).outcomes().get(0).result().duplicate()).isTrue();
		assertThat(done.get(5).outcomes().get(0).invalid().getMessage()).contains("id");
		// each row carries its own checkpoint and guard; nothing refused was stored
		assertThat(this.jdbc.sql("select checkpoint_id || ' ' || guard_id from passage where id in (:ids) order by at, id")
			.param("ids", List.of(allowed, strangerAbroad))
			.query(String.class)
			.set()).containsExactlyInAnyOrder(here + " " + guard.userId(), foreign + " " + admin.userId());
		assertThat(passages(allowed)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from passage where id in (:ids)")
			.param("ids", List.of(strangerAbroad, localAbroad, visitorAbroad, hostAbroad))
			.query(Integer.class)
			.single()).isEqualTo(4);
	}

	private static PassageService.Upload upload(ShouwangPrincipal caller, long checkpoint,
			PassageService.PassageInput... inputs) {
		return new PassageService.Upload(caller, checkpoint, List.of(inputs));
	}

	private static PassageService.PassageInput input(UUID id, String code, Long host) {
		return new PassageService.PassageInput(id, null, "IN", code,
				code == null ? new PassageService.Visitor("李访客", "13900003333", "探亲", host) : null,
				new java.math.BigDecimal("36.5"), null, false, null);
	}

	private ShouwangPrincipal principal(String user) {
		return this.tokens.authenticate(this.logins.token(user)).orElseThrow();
	}

	@Test
	void anUploadIsRefusedWholeWhenEmptyTooLargeOrForAnotherStreetsCheckpoint() throws Exception {
		long checkpoint = checkpoint();
		String code = issue(person(household(1)));
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages/batch"), "[]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("passages"));
		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i <= PassageService.MAX_BATCH; i++) {
			many.append(i == 0 ? "" : ",").append(passage(UUID.randomUUID(), code, "36.5", null, false));
		}
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages/batch"), many.append("]").toString())
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("passages"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("500")));
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + foreignCheckpoint() + "/passages/batch"),
				"[" + passage(id, code, "36.5", null, false) + "]")
			.andExpect(status().isNotFound());
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages/batch"), "{\"id\":1}")
			.andExpect(status().isBadRequest());
		assertThat(passages(id)).isZero();
	}

	@Test
	void theSameIdSentTwiceAtOnceWithDifferentTimesIsStoredOnce() throws Exception {
		long checkpoint = checkpoint();
		String code = issue(person(household(1)));
		UUID id = UUID.randomUUID();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		try {
			java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 4; i++) {
				String at = Instant.now().minusSeconds(60L * i).toString();
				answers.add(pool.submit(() -> call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"),
						passage(id, code, "36.5", at, false)).andReturn().getResponse().getStatus()));
			}
			java.util.List<Integer> statuses = new java.util.ArrayList<>();
			for (var a : answers) {
				statuses.add(a.get());
			}
			assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
		}
		finally {
			pool.shutdown();
		}
		assertThat(passages(id)).isEqualTo(1);
	}

	@Test
	void forgedAlteredExpiredAndRevokedPassesAreTurnedBackWithTheirReason() throws Exception {
		long checkpoint = checkpoint();
		long person = person(household(1));
		String code = issue(person);
		// altered: one bit of the expiry changed
		byte[] bytes = Base64.getUrlDecoder().decode(code.substring(5));
		bytes[18] ^= 0x01;
		String altered = "SWP2." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		expect(checkpoint, altered, "36.5", false, "TURNED_BACK", "伪造");
		// forged: a well-formed code for an id nobody issued, signed with a key of our own making
		bytes = Base64.getUrlDecoder().decode(code.substring(5));
		new java.util.Random().nextBytes(java.util.Arrays.copyOfRange(bytes, 21, 85));
		for (int i = 21; i < 85; i++) {
			bytes[i] = (byte) i;
		}
		expect(checkpoint, "SWP2." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), "36.5", false,
				"TURNED_BACK", "伪造");
		// genuine but expired
		UUID passId = UUID.fromString(this.jdbc.sql("select id::text from pass where person_id = :p").param("p", person)
			.query(String.class).single());
		expect(checkpoint, this.signer.sign(passId, Instant.now().minusSeconds(60)), "36.5", false, "TURNED_BACK", "过期");
		// revoked: from then on, the same code is turned back
		call("community", post("/api/v1/passes/" + passId + "/revoke"), "{\"reason\":\"\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		call("community", post("/api/v1/passes/" + passId + "/revoke"), "{\"reason\":\"遗失\"}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.revokedReason").value("遗失"));
		expect(checkpoint, code, "36.5", false, "TURNED_BACK", "作废");
		call("guard", get("/api/v1/checkpoints/" + checkpoint + "/revocations?since=" + Instant.now().minusSeconds(600)), null)
			.andExpect(jsonPath("$.revoked[*].id", hasItem(passId.toString())));
		// not a pass code at all: a bad input naming the field, nothing stored
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(id, "hello", "36.5", null, false))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("pass"));
		assertThat(passages(id)).isZero();
	}

	@Test
	void aTemperatureOutOfRangeOrMissingIsRefusedNamingTheField() throws Exception {
		long checkpoint = checkpoint();
		String code = issue(person(household(1)));
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(id, code, "44.0", null, false))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("temperature"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("34")));
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(id, code, null, null, false))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("temperature"));
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"),
				"{\"id\":\"" + id + "\",\"direction\":\"UP\",\"pass\":\"" + code + "\",\"temperature\":36.5,\"at\":\"yesterday\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("direction")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("at")));
		assertThat(passages(id)).isZero();
	}

	@Test
	void aPersonUnderAMeasureIsTurnedBackWithoutAnyMedicalDetailAndASecondFeverOpensAnAlert() throws Exception {
		long checkpoint = checkpoint();
		long person = person(household(1));
		String code = issue(person);
		long kp = id(call("community", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		call("community", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + LocalDate.now(SHANGHAI) + "\"}")
			.andExpect(status().isCreated());
		String body = call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"),
				passage(UUID.randomUUID(), code, "36.5", null, false))
			.andExpect(jsonPath("$.decision").value("TURNED_BACK"))
			.andExpect(jsonPath("$.reason").value("不允许通行，请联系社区"))
			.andReturn().getResponse().getContentAsString();
		assertThat(body).doesNotContain("隔离", "观察", "监测", "管控", "发热", "measure");
		long alertsBefore = alerts(person);
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(UUID.randomUUID(), code, "38.2", null, true))
			.andExpect(jsonPath("$.decision").value("TURNED_BACK"));
		assertThat(alerts(person)).isEqualTo(alertsBefore + 1);
		assertThat(this.jdbc.sql("select reason from health_alert where person_id = :p").param("p", person).query(String.class).list())
			.contains("CHECKPOINT_FEVER");
		// and with the alert open, a normal reading still does not let them through
		expect(checkpoint, code, "36.6", false, "TURNED_BACK", "不允许通行，请联系社区");
	}

	@Test
	void aFirstHighReadingAsksForASecondAndASecondHighOneTurnsBackAndTellsTheCommunity() throws Exception {
		long checkpoint = checkpoint();
		long person = person(household(1));
		String code = issue(person);
		expect(checkpoint, code, "37.3", false, "REMEASURE", "复测");
		long notes = notifications();
		expect(checkpoint, code, "37.1", true, "ALLOWED", "允许通行");
		assertThat(notifications()).isEqualTo(notes);
		expect(checkpoint, code, "37.8", true, "TURNED_BACK", "复测体温仍偏高");
		assertThat(notifications()).isGreaterThan(notes);
		assertThat(alerts(person)).isZero();
		assertThat(this.jdbc.sql("select max(temperature)::text from passage where person_id = :p").param("p", person)
			.query(String.class).single()).isEqualTo("37.8");
	}

	@Test
	void visitorsAreRegisteredWithAnEncryptedPhoneAndAHostInTheJurisdiction() throws Exception {
		long checkpoint = checkpoint();
		long host = household(1);
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), visitor(id, "王访客", "13912345678", host))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("ALLOWED"))
			.andExpect(jsonPath("$.name").value("王*客"));
		String address = this.jdbc.sql("select address from household where id = :h").param("h", host).query(String.class).single();
		this.mvc.perform(get("/guard/checkpoints/" + checkpoint + "/hosts.json").param("q", address).session(this.logins.session("guard")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id", hasItem((int) host)))
			.andExpect(content().string(not(containsString("通行测试"))));
		byte[] phone = this.jdbc.sql("select visitor_phone_enc from passage where id = :id").param("id", id).query(byte[].class).single();
		assertThat(new String(phone, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");
		long foreignHost = this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", this.tree.community(2, 1)).query(Long.class).single();
		expectVisitor(checkpoint, visitor(UUID.randomUUID(), "李访客", "13912345678", foreignHost), "TURNED_BACK", "受访住户不在本辖区");
		UUID bad = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"),
				"{\"id\":\"" + bad + "\",\"direction\":\"IN\",\"temperature\":36.5,\"visitor\":{\"name\":\"\",\"phone\":\"123\",\"reason\":\"\"}}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("visitor.name")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("visitor.phone")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("visitor.reason")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("visitor.hostHouseholdId")));
		assertThat(passages(bad)).isZero();
		expectVisitor(checkpoint, visitor(UUID.randomUUID(), "赵访客", "13912345678", host).replace("36.5", "37.9"), "REMEASURE", "复测");
		// a closed checkpoint turns everyone back
		call("community", org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/v1/checkpoints/" + checkpoint),
				"{\"name\":\"" + name(checkpoint) + "\",\"kind\":\"COMPOUND_GATE\",\"open\":false}").andExpect(status().isOk());
		expectVisitor(checkpoint, visitor(UUID.randomUUID(), "钱访客", "13912345678", host), "TURNED_BACK", "卡点已关闭");
	}

	@Test
	void aResidentWithoutTheirCodeGivesTheirIdNumberAndIsDecidedLikeAPassHolder() throws Exception {
		long checkpoint = checkpoint();
		String idNumber = idNumber(SEQ.incrementAndGet());
		long person = id(call("community", post("/api/v1/households/" + household(2) + "/persons"),
				"{\"name\":\"报号测试\",\"idNumber\":\"" + idNumber + "\"}").andExpect(status().isCreated()));
		UUID id = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), byIdNumber(id, idNumber))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("ALLOWED"))
			.andExpect(jsonPath("$.name").value("报**试"));
		assertThat(this.jdbc.sql("select person_id from passage where id = :id and pass_id is null").param("id", id)
			.query(Long.class).single()).isEqualTo(person);

		// a well-formed number nobody here is registered under, and a registered person of another street
		expectById(checkpoint, idNumber(SEQ.incrementAndGet()), "TURNED_BACK", "未找到该身份证号的在册人员");
		String foreign = idNumber(SEQ.incrementAndGet());
		call("admin", post("/api/v1/households/" + foreignHousehold() + "/persons"),
				"{\"name\":\"外街道报号\",\"idNumber\":\"" + foreign + "\"}").andExpect(status().isCreated());
		expectById(checkpoint, foreign, "TURNED_BACK", "未找到该身份证号的在册人员");

		// bad numbers are refused naming the field, and nothing is stored
		String wrongCheck = idNumber.substring(0, 17) + (idNumber.charAt(17) == '1' ? '2' : '1');
		for (String bad : new String[] { wrongCheck, "1.10101E+17", "11010819800101" }) {
			UUID refused = UUID.randomUUID();
			call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), byIdNumber(refused, bad))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", hasItem("idNumber")));
			assertThat(passages(refused)).isZero();
		}
		// a code and a number at once is one too many
		UUID both = UUID.randomUUID();
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"),
				byIdNumber(both, idNumber).replace("}", ",\"pass\":\"" + issue(person) + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("pass")));
		assertThat(passages(both)).isZero();

		// under a measure: turned back by number as by code, with nothing medical
		long kp = id(call("community", post("/api/v1/key-persons"), "{\"personId\":" + person + ",\"category\":\"OTHER\"}"));
		call("community", post("/api/v1/measures"), "{\"keyPersonId\":" + kp + ",\"lastExposure\":\"" + LocalDate.now(SHANGHAI) + "\"}")
			.andExpect(status().isCreated());
		expectById(checkpoint, idNumber, "TURNED_BACK", "不允许通行，请联系社区");
	}

	@Test
	void cardsPrintEightToAPageAndTheResidentSeesTheirHouseholdsPass() throws Exception {
		long household = household(3);
		for (int i = 0; i < 9; i++) {
			issue(person(household));
		}
		long cards = this.jdbc.sql("""
				select count(*) from pass s join person p on p.id = s.person_id and p.status = 'ACTIVE'
				where s.household_id = :h and s.revoked_at is null and s.expires_at > now()
				""").param("h", household).query(Long.class).single();
		byte[] pdf = this.mvc.perform(this.logins.as("community", get("/api/v1/passes/cards.pdf?householdId=" + household)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (PdfReader reader = new PdfReader(pdf)) {
			assertThat(reader.getNumberOfPages()).isEqualTo((int) ((cards + 7) / 8)).isGreaterThanOrEqualTo(2);
		}
		long building = this.jdbc.sql("select coalesce(building_id, grid_id) from household where id = :h").param("h", household).query(Long.class).single();
		for (long node : new long[] { building, this.tree.grid(1, 1, 2) }) {
			byte[] more = this.mvc.perform(this.logins.as("community", get("/api/v1/passes/cards.pdf?nodeId=" + node)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
			try (PdfReader reader = new PdfReader(more)) {
				assertThat(reader.getNumberOfPages()).isGreaterThanOrEqualTo(2);
			}
		}
		// the pages a worker uses: the household's passes with issue and revoke, the recent list
		this.mvc.perform(get("/passes/households/" + household).session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("通行测试")))
			.andExpect(content().string(containsString("/revoke")));
		this.mvc.perform(get("/passes").session(this.logins.session("community")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("通行测试")));
		this.mvc.perform(get("/passes/cards.pdf?householdId=" + household).session(this.logins.session("community")))
			.andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
		call("community", get("/api/v1/passes/cards.pdf?nodeId=" + this.tree.community(1, 1)), null)
			.andExpect(status().isBadRequest());
		call("community", get("/api/v1/passes/cards.pdf?householdId=" + foreignHousehold()), null).andExpect(status().isNotFound());
		call("guard", get("/api/v1/passes/cards.pdf?householdId=" + household), null).andExpect(status().isForbidden());
		// the demo resident's household: a pass issued there shows on their page as a QR code
		long own = this.jdbc.sql("""
				select p.household_id from resident_account r join person p on p.id = r.person_id
				join app_user u on u.id = r.user_id where u.username = 'resident'
				""").query(Long.class).optional().orElse(-1L);
		if (own > 0) {
			issue(person(own));
			this.mvc.perform(get("/me/pass").session(this.logins.session("resident")))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<svg")));
		}
		this.mvc.perform(get("/me/pass").session(this.logins.session("guard"))).andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<svg"))));
	}

	@Test
	void issuingNamesBadExpiriesAndANewPassReplacesTheOld() throws Exception {
		long person = person(household(1));
		call("community", post("/api/v1/persons/" + person + "/passes"), "{\"expiresOn\":\"2020-01-01\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("expiresOn"));
		call("community", post("/api/v1/persons/" + person + "/passes"), "{\"expiresOn\":\"soon\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("expiresOn"));
		call("community", post("/api/v1/persons/" + person + "/passes"), "{\"expiresOn\":\"" + LocalDate.now(SHANGHAI).plusDays(400) + "\"}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("pass.expiresTooLate"));
		String first = issue(person);
		String second = issue(person);
		assertThat(second).isNotEqualTo(first);
		call("community", get("/api/v1/persons/" + person + "/passes"), null)
			.andExpect(jsonPath("$[0].pass.status").value("VALID"))
			.andExpect(jsonPath("$[1].pass.status").value("REVOKED"));
		long checkpoint = checkpoint();
		expect(checkpoint, first, "36.5", false, "TURNED_BACK", "作废");
		expect(checkpoint, second, "36.5", false, "ALLOWED", "允许通行");
		call("guard", post("/api/v1/persons/" + person + "/passes"), "{\"expiresOn\":\"" + LocalDate.now(SHANGHAI).plusDays(30) + "\"}")
			.andExpect(status().isForbidden());
		call("guard", get("/api/v1/passes/public-key"), null)
			.andExpect(jsonPath("$.algorithm").value("Ed25519"))
			.andExpect(jsonPath("$.key").value(this.signer.publicKey()));
	}

	@Test
	void aScanningDeviceWithAnIntegrationTokenGetsTheKeyAndRevocationsAndRecords() throws Exception {
		long checkpoint = checkpoint();
		String code = issue(person(household(1)));
		String body = call("community", post("/api/v1/tokens"), "{\"name\":\"东门扫码机" + SEQ.incrementAndGet()
				+ "\",\"role\":\"CHECKPOINT_GUARD\",\"nodeId\":" + this.tree.community(1, 1) + ",\"validDays\":30}")
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String token = body.replaceAll("^.*\"token\":\"([^\"]+)\".*$", "$1");
		this.mvc.perform(get("/api/v1/passes/public-key").header("Authorization", "Bearer " + token))
			.andExpect(jsonPath("$.key").value(this.signer.publicKey()));
		String asOf = this.mvc.perform(get("/api/v1/checkpoints/" + checkpoint + "/revocations").header("Authorization", "Bearer " + token))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString().replaceAll("^.*\"asOf\":\"([^\"]+)\".*$", "$1");
		this.mvc.perform(get("/api/v1/checkpoints/" + checkpoint + "/revocations").param("since", asOf).header("Authorization", "Bearer " + token))
			.andExpect(jsonPath("$.revoked").isEmpty());
		this.mvc.perform(get("/api/v1/checkpoints/" + checkpoint + "/revocations?since=yesterday").header("Authorization", "Bearer " + token))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("since"));
		UUID id = UUID.randomUUID();
		this.mvc.perform(post("/api/v1/checkpoints/" + checkpoint + "/passages").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON).content(passage(id, code, "36.4", null, false)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value("ALLOWED"));
		assertThat(passages(id)).isEqualTo(1);
		this.mvc.perform(post("/api/v1/checkpoints/" + checkpoint + "/passages").contentType(MediaType.APPLICATION_JSON)
			.content(passage(UUID.randomUUID(), code, "36.4", null, false))).andExpect(status().isUnauthorized());
	}

	// ---- helpers ----

	private void expect(long checkpoint, String code, String t, boolean remeasure, String decision, String reason) throws Exception {
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), passage(UUID.randomUUID(), code, t, null, remeasure))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value(decision))
			.andExpect(jsonPath("$.reason").value(containsString(reason)));
	}

	private void expectVisitor(long checkpoint, String body, String decision, String reason) throws Exception {
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), body)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value(decision))
			.andExpect(jsonPath("$.reason").value(containsString(reason)));
	}

	private static String passage(UUID id, String code, String t, String at, boolean remeasure) {
		return "{\"id\":\"" + id + "\",\"direction\":\"IN\",\"pass\":\"" + code + "\""
				+ (t == null ? "" : ",\"temperature\":" + t) + (at == null ? "" : ",\"at\":\"" + at + "\"")
				+ ",\"remeasure\":" + remeasure + "}";
	}

	private void expectById(long checkpoint, String idNumber, String decision, String reason) throws Exception {
		call("guard", post("/api/v1/checkpoints/" + checkpoint + "/passages"), byIdNumber(UUID.randomUUID(), idNumber))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.decision").value(decision))
			.andExpect(jsonPath("$.reason").value(containsString(reason)));
	}

	private static String byIdNumber(UUID id, String idNumber) {
		return "{\"id\":\"" + id + "\",\"direction\":\"IN\",\"temperature\":36.5,\"idNumber\":\"" + idNumber + "\"}";
	}

	private static String visitor(UUID id, String name, String phone, long host) {
		return "{\"id\":\"" + id + "\",\"direction\":\"IN\",\"temperature\":36.5,\"plate\":\"京A12345\",\"visitor\":{\"name\":\""
				+ name + "\",\"phone\":\"" + phone + "\",\"reason\":\"探亲\",\"hostHouseholdId\":" + host + "}}";
	}

	private long checkpoint() throws Exception {
		return id(call("community", post("/api/v1/checkpoints"), "{\"name\":\"出入证卡点" + SEQ.incrementAndGet() + "\",\"kind\":\"COMPOUND_GATE\"}")
			.andExpect(status().isCreated()));
	}

	private long foreignCheckpoint() throws Exception {
		return id(call("admin", post("/api/v1/checkpoints"), "{\"nodeId\":" + this.tree.community(2, 1) + ",\"name\":\"外街道出入证卡点"
				+ SEQ.incrementAndGet() + "\",\"kind\":\"STREET\"}").andExpect(status().isCreated()));
	}

	private String name(long checkpoint) {
		return this.jdbc.sql("select name from checkpoint where id = :id").param("id", checkpoint).query(String.class).single();
	}

	/** The n-th household of the guard's community's second grid. */
	private long household(int n) {
		return this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :g) || '%'
				order by id offset :n limit 1
				""").param("g", this.tree.grid(1, 1, 2)).param("n", n - 1).query(Long.class).single();
	}

	private long foreignHousehold() {
		return this.jdbc.sql("""
				select id from household where jurisdiction_path like (select path from jurisdiction_node where id = :n) || '%'
				order by id limit 1
				""").param("n", this.tree.community(2, 1)).query(Long.class).single();
	}

	private long person(long household) throws Exception {
		return person("community", household);
	}

	private long person(String user, long household) throws Exception {
		int n = SEQ.incrementAndGet();
		return id(call(user, post("/api/v1/households/" + household + "/persons"), "{\"name\":\"通行测试" + n
				+ "\",\"idNumber\":\"" + idNumber(n) + "\"}").andExpect(status().isCreated()));
	}

	/** A valid 居民身份证 number, different for each n. */
	private static String idNumber(int n) {
		String first17 = "110108" + (1960 + n % 40) + String.format("%02d%02d", 1 + n % 12, 1 + n % 28)
				+ String.format("%02d", (n / 28) % 100) + "5";
		return first17 + ChineseIdNumber.checkCharacter(first17);
	}

	private String issue(long person) throws Exception {
		return issue("community", person);
	}

	private String issue(String user, long person) throws Exception {
		String body = call(user, post("/api/v1/persons/" + person + "/passes"),
				"{\"expiresOn\":\"" + LocalDate.now(SHANGHAI).plusDays(30) + "\"}")
			.andExpect(status().isCreated())
			.andReturn().getResponse().getContentAsString();
		return body.replaceAll("^.*\"code\":\"(SWP2\\.[A-Za-z0-9_-]+)\".*$", "$1");
	}

	private long passages(UUID id) {
		return this.jdbc.sql("select count(*) from passage where id = :id").param("id", id).query(Long.class).single();
	}

	private long alerts(long person) {
		return this.jdbc.sql("select count(*) from health_alert where person_id = :p").param("p", person).query(Long.class).single();
	}

	private long notifications() {
		return this.jdbc.sql("select count(*) from notification where kind = 'CHECKPOINT_FEVER'").query(Long.class).single();
	}

	private ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(this.logins.as(user, request));
	}

	private static long id(ResultActions result) throws Exception {
		String body = result.andReturn().getResponse().getContentAsString();
		assertThat(body).contains("\"id\":");
		return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
	}

}
