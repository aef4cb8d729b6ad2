package cn.shouwang.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.shouwang.identity.UserService;
import cn.shouwang.jurisdiction.JurisdictionBulk;
import cn.shouwang.jurisdiction.JurisdictionService;
import cn.shouwang.jurisdiction.Level;
import cn.shouwang.jurisdiction.UnitKind;
import cn.shouwang.registry.IdType;
import cn.shouwang.registry.RegistryBulk;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.shared.Role;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.audit.AuditTrail;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generates the demo: the tree (district, streets, communities, grids, buildings), units,
 * responsible people, households and persons with valid ID numbers, and the demo users. The
 * random generator is seeded, so every run makes the same district.
 */
@Component
public class DemoDataLoader {

	public static final String DEMO_PASSWORD = "Demo@2026!";

	/** The demo logins in the order they are printed: username, role, display name. */
	public static final List<String[]> DEMO_USERS = List.of(new String[] { "admin", "DISTRICT_ADMIN", "区指挥部管理员" },
			new String[] { "street", "STREET_ADMIN", "街道管理员" }, new String[] { "community", "COMMUNITY_WORKER", "社区工作者" },
			new String[] { "grid", "GRID_WORKER", "网格员" }, new String[] { "medic", "MEDICAL_WORKER", "社区医生" },
			new String[] { "police", "POLICE", "社区民警" }, new String[] { "volunteer", "VOLUNTEER", "志愿者" },
			new String[] { "guard", "CHECKPOINT_GUARD", "卡点值守员" }, new String[] { "school", "UNIT_HEALTH_OFFICER", "学校防疫专员" },
			new String[] { "resident", "RESIDENT", "居民" });

	public record Summary(String scale, int nodes, long households, long persons, long millis) {
	}

	private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

	private final JurisdictionBulk tree;

	private final JurisdictionService jurisdictions;

	private final RegistryBulk registry;

	private final UserService users;

	private final PasswordEncoder encoder;

	private final AuditTrail audit;

	private final cn.shouwang.registry.PersonService people;

	private final cn.shouwang.monitoring.PolicyService policies;

	private final cn.shouwang.checkpoint.PassageLogDemo passageDemo;

	DemoDataLoader(JurisdictionBulk tree, JurisdictionService jurisdictions, RegistryBulk registry, UserService users,
			PasswordEncoder encoder, AuditTrail audit, cn.shouwang.registry.PersonService people,
			cn.shouwang.monitoring.PolicyService policies, cn.shouwang.checkpoint.PassageLogDemo passageDemo) {
		this.policies = policies;
		this.passageDemo = passageDemo;
		this.people = people;
		this.tree = tree;
		this.jurisdictions = jurisdictions;
		this.registry = registry;
		this.users = users;
		this.encoder = encoder;
		this.audit = audit;
	}

	public boolean needed() {
		return this.jurisdictions.isEmpty();
	}

	@Transactional
	public Summary load(DemoScale scale) {
		long start = System.currentTimeMillis();
		SplittableRandom random = new SplittableRandom(20200123L);
		int buildings = scale.grids() * scale.buildingsPerGrid();
		int totalNodes = 1 + scale.streets() + scale.communities() + scale.grids() + buildings;
		long nextId = this.tree.reserveIds(totalNodes);
		List<long[]> buildingRefs = new ArrayList<>(buildings);
		List<String> buildingPaths = new ArrayList<>(buildings);
		List<String> buildingAddress = new ArrayList<>(buildings);
		long firstCommunity = -1;
		long firstGrid = -1;
		long firstBuilding = -1;
		long firstStreet = -1;
		String districtPath;
		long districtId;
		try (JurisdictionBulk.NodeWriter nodes = this.tree.nodes(); JurisdictionBulk.UnitWriter units = this.tree.units()) {
			districtId = nextId++;
			districtPath = nodes.add(districtId, null, null, Level.DISTRICT, "门头沟区", "110109");
			int communityIndex = 0;
			int gridIndex = 0;
			for (int s = 0; s < scale.streets(); s++) {
				long streetId = nextId++;
				if (firstStreet < 0) {
					firstStreet = streetId;
				}
				String streetName = ChineseNames.STREETS[s % ChineseNames.STREETS.length];
				String streetPath = nodes.add(streetId, districtId, districtPath, Level.STREET, streetName,
						"110109" + String.format("%03d", s + 1));
				int communitiesHere = share(scale.communities(), scale.streets(), s);
				for (int c = 0; c < communitiesHere; c++) {
					long communityId = nextId++;
					if (firstCommunity < 0) {
						firstCommunity = communityId;
					}
					String communityName = ChineseNames.community(communityIndex);
					String communityPath = nodes.add(communityId, streetId, streetPath, Level.COMMUNITY, communityName,
							null);
					if (communityIndex % 3 == 0) {
						units.add(communityId, communityPath, UnitKind.SCHOOL, communityName.replace("社区", "") + "小学",
								communityName + "学校路1号");
					}
					if (communityIndex % 4 == 1) {
						units.add(communityId, communityPath, UnitKind.KINDERGARTEN,
								communityName.replace("社区", "") + "幼儿园", null);
					}
					units.add(communityId, communityPath, UnitKind.VENUE, communityName.replace("社区", "") + "便民超市", null);
					if (communityIndex % 2 == 0) {
						units.add(communityId, communityPath, UnitKind.ENTERPRISE,
								"北京" + communityName.replace("社区", "") + "建材有限公司", null);
					}
					int gridsHere = share(scale.grids(), scale.communities(), communityIndex);
					for (int g = 0; g < gridsHere; g++) {
						long gridId = nextId++;
						if (firstGrid < 0) {
							firstGrid = gridId;
						}
						String gridPath = nodes.add(gridId, communityId, communityPath, Level.GRID, "第" + (g + 1) + "网格",
								null);
						for (int b = 0; b < scale.buildingsPerGrid(); b++) {
							long buildingId = nextId++;
							if (firstBuilding < 0) {
								firstBuilding = buildingId;
							}
							int number = g * scale.buildingsPerGrid() + b + 1;
							String path = nodes.add(buildingId, gridId, gridPath, Level.BUILDING, number + "号楼", null);
							buildingRefs.add(new long[] { gridId, buildingId });
							buildingPaths.add(path);
							buildingAddress.add(streetName + communityName + number + "号楼");
						}
						gridIndex++;
					}
					communityIndex++;
				}
			}
		}
		long persons = loadResidents(scale, random, buildingRefs, buildingPaths, buildingAddress);
		addResponsibilities(systemAdmin(districtId, districtPath), random, firstStreet, firstCommunity, firstGrid);
		this.registry.analyze();
		long resident = createUsers(districtId, firstStreet, firstCommunity, firstGrid, firstBuilding);
		this.people.linkResidentAccount(resident, buildingPaths.get(0));
		this.policies.addDemoVersion(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(30));
		if (!"test".equals(scale.name())) {
			// gates of the first community with a day of passages (the test tree stays without: tests make their own)
			this.passageDemo.seed(systemAdmin(districtId, districtPath), firstCommunity, firstGrid, 300, 20200123L);
		}
		this.audit.recordAs(null, "system", "demo", scale.name(), AuditTrail.Action.IMPORT, districtPath, null,
				Map.of("scale", scale.name(), "nodes", totalNodes, "households", scale.households(), "persons", persons));
		Summary summary = new Summary(scale.name(), totalNodes, scale.households(), persons,
				System.currentTimeMillis() - start);
		log.info("Demo data ({}) loaded: {} nodes, {} households, {} persons in {} ms", summary.scale(),
				summary.nodes(), summary.households(), summary.persons(), summary.millis());
		return summary;
	}

	private long loadResidents(DemoScale scale, SplittableRandom random, List<long[]> refs, List<String> paths,
			List<String> addresses) {
		long householdId = this.registry.reserveHouseholdIds(scale.households());
		int perBuilding = Math.max(1, scale.households() / refs.size());
		LocalDate today = LocalDate.of(2026, 1, 1);
		String[] relationsChild = { "子", "女" };
		// the register holds each identity document once, so the generator never repeats one
		java.util.Set<Long> takenIds = new java.util.HashSet<>((int) (scale.households() * scale.personsPerHousehold() * 1.5));
		// ids reserved up front, so each household row can name its head (its first member)
		long personId = this.registry.reservePersonIds(scale.households() * 5);
		try (RegistryBulk.HouseholdWriter households = this.registry.households();
				RegistryBulk.PersonWriter persons = this.registry.personsWithIds()) {
			for (int h = 0; h < scale.households(); h++) {
				int b = Math.min(refs.size() - 1, h / perBuilding);
				long[] ref = refs.get(b);
				int inBuilding = h - b * perBuilding;
				String unit = String.valueOf(inBuilding / 12 + 1);
				String room = (inBuilding % 12 / 2 + 1) + "0" + (inBuilding % 2 + 1);
				String path = paths.get(b);
				long id = householdId++;
				households.add(id, ref[0], ref[1], addresses.get(b) + unit + "单元" + room + "室", unit, room, path,
						personId);
				int members = householdSize(random, scale.personsPerHousehold());
				String surname = null;
				String residence = random.nextInt(10) < 7 ? "PERMANENT" : random.nextInt(2) == 0 ? "MIGRANT" : "TENANT";
				String region = "PERMANENT".equals(residence) ? "110109"
						: ChineseNames.REGION_CODES[random.nextInt(ChineseNames.REGION_CODES.length)];
				for (int m = 0; m < members; m++) {
					char sex = random.nextBoolean() ? 'M' : 'F';
					LocalDate birth;
					String relation;
					String name = ChineseNames.name(random);
					if (m == 0) {
						birth = today.minusYears(25 + random.nextInt(60)).minusDays(random.nextInt(365));
						relation = "户主";
						surname = name.substring(0, 1);
					}
					else if (m == 1) {
						birth = today.minusYears(25 + random.nextInt(55)).minusDays(random.nextInt(365));
						relation = "配偶";
					}
					else {
						birth = today.minusYears(random.nextInt(30)).minusDays(random.nextInt(365));
						relation = relationsChild[sex == 'M' ? 0 : 1];
						name = surname + name.substring(1);
					}
					String idNumber = ChineseNames.idNumber(random, region, birth, sex, takenIds);
					String phone = birth.isAfter(today.minusYears(12)) ? null : ChineseNames.mobile(random);
					persons.add(personId++, id, name, IdType.RESIDENT_ID, idNumber, phone, sex, birth, relation,
							ResidenceType.valueOf(residence), null, tags(random, members, birth, sex, today), null, path, null);
				}
			}
			households.flush();
			persons.flush();
			return persons.total();
		}
	}

	/** Vulnerable groups in roughly the shares an ageing community has them. */
	private static java.util.Set<cn.shouwang.registry.VulnerableTag> tags(SplittableRandom random, int members,
			LocalDate birth, char sex, LocalDate today) {
		int age = java.time.Period.between(birth, today).getYears();
		java.util.Set<cn.shouwang.registry.VulnerableTag> tags = java.util.EnumSet.noneOf(cn.shouwang.registry.VulnerableTag.class);
		if (members == 1 && age >= 70) {
			tags.add(cn.shouwang.registry.VulnerableTag.ELDERLY_ALONE);
		}
		if (age < 3) {
			tags.add(cn.shouwang.registry.VulnerableTag.INFANT);
		}
		if (age >= 50 && random.nextInt(100) < 12) {
			tags.add(cn.shouwang.registry.VulnerableTag.CHRONIC_ILLNESS);
		}
		if (random.nextInt(100) < 2) {
			tags.add(cn.shouwang.registry.VulnerableTag.DISABLED);
		}
		if (sex == 'F' && age >= 22 && age <= 38 && random.nextInt(100) < 3) {
			tags.add(cn.shouwang.registry.VulnerableTag.PREGNANT);
		}
		return tags;
	}

	private static int householdSize(SplittableRandom random, double mean) {
		double r = random.nextDouble();
		// 1: 18%, 2: 30%, 3: 27%, 4: 17%, 5: 8% gives a mean near 2.67
		int size = r < 0.18 ? 1 : r < 0.48 ? 2 : r < 0.75 ? 3 : r < 0.92 ? 4 : 5;
		return mean < 2.6 && size == 5 && random.nextBoolean() ? 4 : size;
	}

	private void addResponsibilities(ShouwangPrincipal admin, SplittableRandom random, long street, long community,
			long grid) {
		this.jurisdictions.addResponsibility(admin, street, cn.shouwang.jurisdiction.Duty.DISTRICT_LEADER,
				ChineseNames.name(random), "区委副书记", ChineseNames.mobile(random));
		this.jurisdictions.addResponsibility(admin, community, cn.shouwang.jurisdiction.Duty.STREET_LEADER,
				ChineseNames.name(random), "街道工委副书记", ChineseNames.mobile(random));
		this.jurisdictions.addResponsibility(admin, grid, cn.shouwang.jurisdiction.Duty.COMMUNITY_CADRE,
				ChineseNames.name(random), "社区居委会委员", ChineseNames.mobile(random));
		this.jurisdictions.addResponsibility(admin, grid, cn.shouwang.jurisdiction.Duty.GRID_WORKER,
				ChineseNames.name(random), "专职网格员", ChineseNames.mobile(random));
		this.jurisdictions.addResponsibility(admin, grid, cn.shouwang.jurisdiction.Duty.PARTY_MEMBER,
				ChineseNames.name(random), "党员志愿者", ChineseNames.mobile(random));
	}

	/** Acts as the district administrator for the demo's own writes (audited as "system"). */
	private static ShouwangPrincipal systemAdmin(long districtId, String districtPath) {
		return new ShouwangPrincipal(null, "system", "system", Role.DISTRICT_ADMIN, districtId, districtPath, "门头沟区",
				false, false, true, null);
	}

	/** Creates the demo users; returns the resident's user id. */
	private long createUsers(long district, long street, long community, long grid, long building) {
		String hash = this.encoder.encode(DEMO_PASSWORD);
		Map<String, Long> nodes = Map.of("admin", district, "street", street, "grid", grid, "resident", building);
		long resident = -1;
		for (String[] u : DEMO_USERS) {
			long node = nodes.getOrDefault(u[0], community);
			long id = this.users.createSystemUser(u[0], u[2], Role.valueOf(u[1]), node, hash, false);
			if ("resident".equals(u[0])) {
				resident = id;
			}
		}
		return resident;
	}

	/** Splits {@code total} items over {@code parts} as evenly as possible; returns part {@code index}'s share. */
	static int share(int total, int parts, int index) {
		return total / parts + (index < total % parts ? 1 : 0);
	}

}
