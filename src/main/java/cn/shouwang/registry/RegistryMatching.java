package cn.shouwang.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.JurisdictionScope;
import cn.shouwang.shared.NotFoundException;
import cn.shouwang.shared.ShouwangPrincipal;
import cn.shouwang.shared.crypto.BlindIndex;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the registered persons a list from elsewhere names (an assistance list, 协查名单), inside
 * one jurisdiction: by ID number (exact, through the blind index), else by phone (exact; several
 * persons sharing it are candidates), else by name and address (same name, address alike by
 * trigram similarity: always a candidate for a person to confirm). Only active persons match. The
 * registry keeps its SQL here so that other modules never read its tables.
 */
@Service
public class RegistryMatching {

	public enum Status {

		MATCHED, CANDIDATE, UNMATCHED, INVALID

	}

	public enum Method {

		ID_NUMBER, PHONE, NAME_ADDRESS

	}

	/** What a row of the list says about the person; any part may be null. */
	public record Query(String idNumber, String phone, String name, String address) {
	}

	/**
	 * A registered person a row may mean, with where they are registered; {@code score} 0–1 is how
	 * alike the addresses are (1 for an exact ID number or phone, null when there was nothing to compare).
	 */
	public record Candidate(long personId, String name, String address, long gridId, String path, Double score) {
	}

	/**
	 * The result for one query: the person (MATCHED, one candidate), the persons to choose from
	 * (CANDIDATE), or none with the reason as a message key (UNMATCHED, INVALID). A matched row may
	 * carry a reason too: an invalid ID number beside a phone that matched.
	 */
	public record Outcome(Status status, Method method, List<Candidate> candidates, String reason) {
	}

	/** Below this address similarity a person of the same name is not offered. */
	static final double MIN_ADDRESS_SCORE = 0.3;

	static final int MAX_CANDIDATES = 5;

	private static final HexFormat HEX = HexFormat.of();

	private static final String PERSON = """
			select p.id, p.name, h.address, h.grid_id, p.jurisdiction_path, p.status, encode(p.%s, 'hex')
			from person p join household h on h.id = p.household_id
			""";

	private final JdbcClient jdbc;

	private final BlindIndex blindIndex;

	RegistryMatching(JdbcClient jdbc, BlindIndex blindIndex) {
		this.jdbc = jdbc;
		this.blindIndex = blindIndex;
	}

	/**
	 * The outcome of each query, in order, looking only at persons under {@code within}, which must lie
	 * inside the caller's jurisdiction.
	 */
	@Transactional(readOnly = true)
	public List<Outcome> match(ShouwangPrincipal caller, JurisdictionScope within, List<Query> queries) {
		requireInside(caller, within);
		Outcome[] outcomes = new Outcome[queries.size()];
		String[] idProblems = new String[queries.size()];
		Map<String, List<Integer>> byId = new HashMap<>();
		for (int i = 0; i < queries.size(); i++) {
			String id = blankToNull(queries.get(i).idNumber());
			if (id == null) {
				continue;
			}
			Optional<ChineseIdNumber.Problem> problem = looksLikeResidentId(id) ? ChineseIdNumber.problem(id)
					: Optional.empty();
			if (problem.isPresent()) {
				idProblems[i] = "idnumber." + problem.get().name();
			}
			else {
				byId.computeIfAbsent(HEX.formatHex(this.blindIndex.idNumber(id)), k -> new ArrayList<>()).add(i);
			}
		}
		if (!byId.isEmpty()) {
			// the whole registry: a person registered elsewhere is told apart from one not registered at all
			for (Row r : rows("id_number_bidx", "p.id_number_bidx = any(:keys) and p.status in ('ACTIVE', 'MOVED_OUT')",
					byId.keySet(), null)) {
				for (int i : byId.getOrDefault(r.key(), List.of())) {
					if (!within.contains(r.candidate().path())) {
						outcomes[i] = new Outcome(Status.UNMATCHED, null, List.of(), "assistanceList.reason.elsewhere");
					}
					else if (!"ACTIVE".equals(r.status())) {
						outcomes[i] = new Outcome(Status.UNMATCHED, null, List.of(), "assistanceList.reason.movedOut");
					}
					else {
						outcomes[i] = new Outcome(Status.MATCHED, Method.ID_NUMBER, List.of(r.candidate()), null);
					}
				}
			}
		}
		Map<String, List<Integer>> byPhone = new HashMap<>();
		for (int i = 0; i < queries.size(); i++) {
			String phone = blankToNull(queries.get(i).phone());
			if (outcomes[i] == null && phone != null && phone.replaceAll("\\D", "").length() >= 7) {
				byPhone.computeIfAbsent(HEX.formatHex(this.blindIndex.phone(phone)), k -> new ArrayList<>()).add(i);
			}
		}
		if (!byPhone.isEmpty()) {
			Map<Integer, List<Candidate>> hits = new HashMap<>();
			for (Row r : rows("phone_bidx", "p.phone_bidx = any(:keys) and p.status = 'ACTIVE'"
					+ " and p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi", byPhone.keySet(), within)) {
				for (int i : byPhone.getOrDefault(r.key(), List.of())) {
					hits.computeIfAbsent(i, k -> new ArrayList<>()).add(r.candidate());
				}
			}
			hits.forEach((i, found) -> {
				String name = blankToNull(queries.get(i).name());
				List<Candidate> sameName = found.stream().filter(c -> c.name().equals(name)).toList();
				// a family shares a phone: the one of the list's name is the person meant
				List<Candidate> meant = found.size() == 1 ? found : sameName.size() == 1 ? sameName : List.of();
				outcomes[i] = meant.isEmpty()
						? new Outcome(Status.CANDIDATE, Method.PHONE, limit(found), idProblems[i])
						: new Outcome(Status.MATCHED, Method.PHONE, meant, idProblems[i]);
			});
		}
		for (int i = 0; i < queries.size(); i++) {
			if (outcomes[i] != null) {
				continue;
			}
			Query q = queries.get(i);
			String name = blankToNull(q.name());
			List<Candidate> found = name == null ? List.of() : byNameAndAddress(within, name, blankToNull(q.address()));
			if (!found.isEmpty()) {
				outcomes[i] = new Outcome(Status.CANDIDATE, Method.NAME_ADDRESS, found, idProblems[i]);
			}
			else if (idProblems[i] != null) {
				outcomes[i] = new Outcome(Status.INVALID, null, List.of(), idProblems[i]);
			}
			else if (name == null && blankToNull(q.idNumber()) == null && blankToNull(q.phone()) == null) {
				outcomes[i] = new Outcome(Status.UNMATCHED, null, List.of(), "assistanceList.reason.nothingToMatch");
			}
			else {
				outcomes[i] = new Outcome(Status.UNMATCHED, null, List.of(), "assistanceList.reason.notFound");
			}
		}
		return List.of(outcomes);
	}

	/** An active person under {@code within}, for a match made by hand. */
	public Candidate person(ShouwangPrincipal caller, JurisdictionScope within, long personId) {
		requireInside(caller, within);
		return within.bind(this.jdbc.sql(PERSON.formatted("id_number_bidx") + """
				where p.id = :id and p.status = 'ACTIVE' and p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
				"""))
			.param("id", personId)
			.query((rs, i) -> candidate(rs, 1.0))
			.optional()
			.orElseThrow(() -> new NotFoundException("person", personId));
	}

	private List<Candidate> byNameAndAddress(JurisdictionScope within, String name, String address) {
		// word_similarity too: a list's address often adds the city and district the register leaves out
		return within.bind(this.jdbc.sql("""
				select p.id, p.name, h.address, h.grid_id, p.jurisdiction_path,
				  case when cast(:address as text) is null then null
				       else greatest(similarity(h.address, :address), word_similarity(h.address, :address)) end as score
				from person p join household h on h.id = p.household_id
				where p.name = :name and p.status = 'ACTIVE'
				  and p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
				order by score desc nulls last, p.id limit :limit
				"""))
			.param("name", name)
			.param("address", address)
			.param("limit", MAX_CANDIDATES)
			.query((rs, i) -> candidate(rs, rs.getObject(6) == null ? null : rs.getDouble(6)))
			.list()
			.stream()
			.filter(c -> c.score() == null || c.score() >= MIN_ADDRESS_SCORE)
			.toList();
	}

	private record Row(String key, String status, Candidate candidate) {
	}

	private List<Row> rows(String keyColumn, String where, java.util.Collection<String> keys, JurisdictionScope within) {
		JdbcClient.StatementSpec spec = this.jdbc.sql(PERSON.formatted(keyColumn) + " where " + where + " order by p.id")
			.param("keys", keys.stream().map(HEX::parseHex).toArray(byte[][]::new));
		if (within != null) {
			spec = within.bind(spec);
		}
		return spec.query((rs, i) -> new Row(rs.getString(7), rs.getString(6), candidate(rs, 1.0))).list();
	}

	private static Candidate candidate(java.sql.ResultSet rs, Double score) throws java.sql.SQLException {
		return new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), score);
	}

	private static List<Candidate> limit(List<Candidate> found) {
		return found.size() <= MAX_CANDIDATES ? found : found.subList(0, MAX_CANDIDATES);
	}

	/** 18 (or 15) digits, or what Excel made of them: checked as a resident ID card number. */
	static boolean looksLikeResidentId(String v) {
		String s = v.strip().toUpperCase(Locale.ROOT);
		return s.matches("\\d(\\.\\d+)?E\\+?\\d+") || s.matches("\\d{14,}[\\dX]?");
	}

	private static void requireInside(ShouwangPrincipal caller, JurisdictionScope within) {
		if (!caller.scope().contains(within)) {
			throw new IllegalArgumentException("matching outside the caller's jurisdiction: " + within.path());
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

}
