package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import cn.shouwang.registry.PersonRow;
import cn.shouwang.registry.RegistryFieldwork;
import cn.shouwang.shared.ShouwangPrincipal;

import org.springframework.stereotype.Component;

/**
 * Demo checkpoints with a day of passages, so that the passage log and its hourly counts have
 * something to show on a fresh demo: three gates of a community, passes for the residents of one
 * grid, and passages through the same service a guard's phone uses (a few visitors, a few first
 * fever readings).
 */
@Component
public class PassageLogDemo {

	private final CheckpointService checkpoints;

	private final PassService passes;

	private final PassageService passages;

	private final PassagePartitions partitions;

	private final RegistryFieldwork registry;

	PassageLogDemo(CheckpointService checkpoints, PassService passes, PassageService passages,
			PassagePartitions partitions, RegistryFieldwork registry) {
		this.checkpoints = checkpoints;
		this.passes = passes;
		this.passages = passages;
		this.partitions = partitions;
		this.registry = registry;
	}

	/** Seeds the community's gates and {@code count} passages over the last 20 hours; returns how many were recorded. */
	public int seed(ShouwangPrincipal admin, long communityId, long gridId, int count, long seed) {
		// the demo loads before the application is ready: the month's partition must exist first
		this.partitions.ensureAhead();
		SplittableRandom random = new SplittableRandom(seed);
		List<Long> gates = new ArrayList<>();
		for (String name : List.of("东门", "西门", "南侧路口")) {
			gates.add(this.checkpoints.create(admin, new CheckpointService.CheckpointInput(communityId, name,
					name.endsWith("路口") ? CheckpointKind.STREET : CheckpointKind.COMPOUND_GATE, null, null, null, true, null))
				.id());
		}
		List<String> codes = new ArrayList<>();
		List<Long> households = new ArrayList<>();
		String expires = LocalDate.now(this.passes.zone()).plusDays(30).toString();
		for (RegistryFieldwork.HouseholdAtDoor h : this.registry.households(admin, List.of(gridId))) {
			households.add(h.id());
			for (PersonRow p : h.members()) {
				if (codes.size() < 40) {
					codes.add(this.passes.issue(admin, p.id(), new PassService.IssueInput(expires)).code());
				}
			}
		}
		if (codes.isEmpty()) {
			return 0;
		}
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		int recorded = 0;
		for (int i = 0; i < count; i++) {
			Instant at = now.minusSeconds(60 + random.nextInt(20 * 3600));
			String direction = random.nextBoolean() ? "IN" : "OUT";
			BigDecimal temperature = new BigDecimal(random.nextInt(40) == 0 ? "38.1" : "36." + random.nextInt(8));
			boolean visitor = random.nextInt(10) == 0;
			PassageService.PassageInput in = new PassageService.PassageInput(new UUID(seed, i), at.toString(), direction,
					visitor ? null : codes.get(random.nextInt(codes.size())),
					visitor ? new PassageService.Visitor("访客" + (char) ('甲' + random.nextInt(10)),
							"139" + (10_000_000 + random.nextInt(89_999_999)), "探亲",
							households.get(random.nextInt(households.size()))) : null,
					temperature, random.nextInt(8) == 0 ? "京Q" + (10_000 + random.nextInt(89_999)) : null, false, null);
			this.passages.record(admin, gates.get(random.nextInt(gates.size())), in);
			recorded++;
		}
		return recorded;
	}

}
