package cn.shouwang.registry;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import cn.shouwang.shared.PageQuery;
import cn.shouwang.shared.crypto.BlindIndex;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.crypto.Masking;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for persons. Every read takes a {@link RegistryScope}; ID numbers and phones stay encrypted. */
@Repository
class Persons {

	static final String ROW_COLUMNS = """
			p.id, p.household_id, p.name, p.id_type, p.id_number_enc, p.phone_enc, p.sex, p.birth_date, p.relation,
			p.residence_type, p.tags, p.status, h.address, p.work_place, p.notes, p.version, p.jurisdiction_path
			""";

	/** The conditions of the person list; the caller binds every parameter. */
	private static final String FILTER = """
			from person p join household h on h.id = p.household_id
			where p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
			  and (cast(:onlyHousehold as bigint) is null or p.household_id = :onlyHousehold)
			  and p.status = :status
			  and (cast(:tag as text) is null or p.tags @> array[cast(:tag as text)])
			  and (cast(:residence as text) is null or p.residence_type = :residence)
			  and (cast(:bornAfter as date) is null or p.birth_date > :bornAfter)
			  and (cast(:bornBefore as date) is null or p.birth_date <= :bornBefore)
			  and (cast(:idBidx as bytea) is null or p.id_number_bidx = :idBidx)
			  and (cast(:phoneBidx as bytea) is null or p.phone_bidx = :phoneBidx)
			  and (cast(:text as text) is null or p.name like '%' || :text || '%' or h.address like '%' || :text || '%')
			""";

	private final JdbcClient jdbc;

	private final FieldCipher cipher;

	private final BlindIndex blindIndex;

	Persons(JdbcClient jdbc, FieldCipher cipher, BlindIndex blindIndex) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.blindIndex = blindIndex;
	}

	record Stored(PersonRow row, String path, byte[] idNumberEnc, byte[] phoneEnc) {
	}

	Optional<Stored> find(RegistryScope scope, long id) {
		return scope.bind(this.jdbc.sql("select " + ROW_COLUMNS + """
				from person p join household h on h.id = p.household_id
				where p.id = :id and p.jurisdiction_path >= :scopeLo and p.jurisdiction_path < :scopeHi
				  and (cast(:onlyHousehold as bigint) is null or p.household_id = :onlyHousehold)
				  and p.status <> 'MERGED'
				"""))
			.param("id", id)
			.query((rs, i) -> new Stored(row(rs), rs.getString("jurisdiction_path"), rs.getBytes("id_number_enc"),
					rs.getBytes("phone_enc")))
			.optional();
	}

	/** The number of matches, counted up to {@code cap} (then the list says "cap+"). */
	long count(RegistryScope scope, PersonFilter f, long cap) {
		return bindFilter(scope.bind(this.jdbc.sql("select count(*) from (select 1 " + FILTER + " limit :cap) x")), f)
			.param("cap", cap)
			.query(Long.class)
			.single();
	}

	List<PersonRow> page(RegistryScope scope, PersonFilter f, PageQuery page) {
		return bindFilter(scope.bind(this.jdbc.sql("select " + ROW_COLUMNS + FILTER
				+ " order by p.jurisdiction_path, p.household_id, p.id limit :limit offset :offset")), f)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query((rs, i) -> row(rs))
			.list();
	}

	/** Every matching row in list order, one at a time (exports). */
	void stream(RegistryScope scope, PersonFilter f, Consumer<PersonRow> sink) {
		bindFilter(scope.bind(this.jdbc.sql("select " + ROW_COLUMNS + FILTER
				+ " order by p.jurisdiction_path, p.household_id, p.id")), f)
			.withFetchSize(2_000)
			.query(rs -> {
				sink.accept(row(rs));
			});
	}

	List<PersonRow> members(long householdId) {
		return this.jdbc.sql("select " + ROW_COLUMNS + """
				from person p join household h on h.id = p.household_id
				where p.household_id = :h and p.status = 'ACTIVE' order by (p.relation = '户主') desc, p.birth_date
				""").param("h", householdId).query((rs, i) -> row(rs)).list();
	}

	/** The active members of several households at once, grouped by the caller (the survey worklist). */
	List<PersonRow> membersOf(java.util.Collection<Long> householdIds) {
		if (householdIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + ROW_COLUMNS + """
				from person p join household h on h.id = p.household_id
				where p.household_id = any(:hs) and p.status = 'ACTIVE'
				order by p.household_id, (p.relation = '户主') desc, p.birth_date
				""").param("hs", householdIds.toArray(Long[]::new)).query((rs, i) -> row(rs)).list();
	}

	/** The registered person with this document number, anywhere, with the path that owns them. */
	Optional<long[]> idNumberOwner(String idNumber) {
		return this.jdbc.sql("""
				select id from person where id_number_bidx = :b and status in ('ACTIVE', 'MOVED_OUT')
				""").param("b", this.blindIndex.idNumber(idNumber)).query(Long.class).optional().map(id -> new long[] { id });
	}

	Optional<String> pathOf(long personId) {
		return this.jdbc.sql("select jurisdiction_path from person where id = :id").param("id", personId)
			.query(String.class).optional();
	}

	long insert(long householdId, PersonData d, String path) {
		return this.jdbc.sql("""
				insert into person(household_id, name, id_type, id_number_enc, id_number_bidx, phone_enc, phone_bidx, sex,
				  birth_date, relation, residence_type, work_place, tags, notes, jurisdiction_path)
				values (:h, :name, :idType, :idEnc, :idBidx, :phoneEnc, :phoneBidx, :sex, :birth, :relation, :residence,
				  :workPlace, cast(:tags as text[]), :notes, :path)
				returning id
				""")
			.paramSource(params(d).addValue("h", householdId).addValue("path", path))
			.query(Long.class)
			.single();
	}

	int update(long id, int version, PersonData d) {
		return this.jdbc.sql("""
				update person set name = :name, id_type = :idType, id_number_enc = :idEnc, id_number_bidx = :idBidx,
				  phone_enc = :phoneEnc, phone_bidx = :phoneBidx, sex = :sex, birth_date = :birth, relation = :relation,
				  residence_type = :residence, work_place = :workPlace, tags = cast(:tags as text[]), notes = :notes,
				  version = version + 1, updated_at = now()
				where id = :id and version = :version
				""")
			.paramSource(params(d).addValue("id", id).addValue("version", version))
			.update();
	}

	void setStatus(long id, PersonStatus status) {
		this.jdbc.sql("""
				update person set status = :s, moved_out_at = case when :s = 'MOVED_OUT' then now() else null end,
				  version = version + 1, updated_at = now() where id = :id
				""").param("s", status.name()).param("id", id).update();
	}

	void moveToHousehold(long id, long householdId, String path) {
		this.jdbc.sql("""
				update person set household_id = :h, jurisdiction_path = :path, status = 'ACTIVE', moved_out_at = null,
				  version = version + 1, updated_at = now() where id = :id
				""").param("h", householdId).param("path", path).param("id", id).update();
	}

	void recordMovement(long personId, String kind, Long fromHousehold, Long toHousehold, String fromPath,
			String toPath, String note, String actor) {
		this.jdbc.sql("""
				insert into person_movement(person_id, kind, from_household_id, to_household_id, from_path, to_path, note, actor_name)
				values (:p, :k, :fh, :th, :fp, :tp, :note, :actor)
				""")
			.param("p", personId)
			.param("k", kind)
			.param("fh", fromHousehold)
			.param("th", toHousehold)
			.param("fp", fromPath)
			.param("tp", toPath)
			.param("note", note)
			.param("actor", actor)
			.update();
	}

	record Movement(String kind, String fromAddress, String toAddress, String note, String actor,
			java.time.Instant at) {
	}

	List<Movement> movements(long personId) {
		return this.jdbc.sql("""
				select m.kind, fh.address, th.address, m.note, m.actor_name, m.at from person_movement m
				left join household fh on fh.id = m.from_household_id left join household th on th.id = m.to_household_id
				where m.person_id = :p order by m.at desc, m.id desc
				""").param("p", personId).query((rs, i) -> new Movement(rs.getString(1), rs.getString(2), rs.getString(3),
				rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
	}

	private org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(PersonData d) {
		return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource().addValue("name", d.name())
			.addValue("idType", d.idType().name())
			.addValue("idEnc", this.cipher.encrypt(d.idNumber()))
			.addValue("idBidx", this.blindIndex.idNumber(d.idNumber()))
			.addValue("phoneEnc", this.cipher.encrypt(d.phone()))
			.addValue("phoneBidx", d.phone() == null ? null : this.blindIndex.phone(d.phone()))
			.addValue("sex", String.valueOf(d.sex()))
			.addValue("birth", d.birthDate())
			.addValue("relation", d.relation())
			.addValue("residence", d.residenceType().name())
			.addValue("workPlace", d.workPlace())
			.addValue("tags", tagsLiteral(d.tags()))
			.addValue("notes", d.notes());
	}

	static String tagsLiteral(Set<VulnerableTag> tags) {
		return "{" + String.join(",", tags.stream().map(Enum::name).sorted().toList()) + "}";
	}

	private JdbcClient.StatementSpec bindFilter(JdbcClient.StatementSpec spec, PersonFilter f) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		String text = f.text() == null || f.text().isBlank() ? null : f.text().strip();
		byte[] idBidx = null;
		byte[] phoneBidx = null;
		if (text != null) {
			String compact = IdType.normalise(text);
			if (cn.shouwang.shared.ChineseIdNumber.isValid(compact) || compact.matches("[A-Z]{1,2}\\d{7,10}")) {
				idBidx = this.blindIndex.idNumber(compact);
				text = null;
			}
			else if (cn.shouwang.shared.PhoneNumbers.normalise(compact) != null && compact.matches("[+\\d-]{7,16}")) {
				phoneBidx = this.blindIndex.phone(compact);
				text = null;
			}
		}
		return spec.param("status", (f.status() == null ? PersonStatus.ACTIVE : f.status()).name())
			.param("tag", f.tag() == null ? null : f.tag().name())
			.param("residence", f.residenceType() == null ? null : f.residenceType().name())
			.param("bornAfter", f.ageTo() == null ? null : today.minusYears(f.ageTo() + 1L))
			.param("bornBefore", f.ageFrom() == null ? null : today.minusYears(f.ageFrom()))
			.param("idBidx", idBidx)
			.param("phoneBidx", phoneBidx)
			.param("text", text);
	}

	private PersonRow row(ResultSet rs) throws SQLException {
		Array tagArray = rs.getArray("tags");
		Set<VulnerableTag> tags = EnumSet.noneOf(VulnerableTag.class);
		if (tagArray != null) {
			for (Object t : (Object[]) tagArray.getArray()) {
				tags.add(VulnerableTag.valueOf((String) t));
			}
		}
		String sex = rs.getString("sex");
		java.sql.Date birth = rs.getDate("birth_date");
		return new PersonRow(rs.getLong("id"), rs.getLong("household_id"), rs.getString("name"),
				IdType.valueOf(rs.getString("id_type")), Masking.idNumber(this.cipher.decrypt(rs.getBytes("id_number_enc"))),
				Masking.phone(this.cipher.decrypt(rs.getBytes("phone_enc"))), sex == null ? '?' : sex.charAt(0),
				birth == null ? null : birth.toLocalDate(), rs.getString("relation"),
				rs.getString("residence_type") == null ? null : ResidenceType.valueOf(rs.getString("residence_type")),
				tags, PersonStatus.valueOf(rs.getString("status")), rs.getString("address"), rs.getString("work_place"),
				rs.getString("notes"), rs.getInt("version"));
	}

	/** The registry import job that registered the person, if one did. */
	java.util.Optional<java.util.UUID> importJob(long id) {
		return this.jdbc.sql("select import_job from person where id = :id and import_job is not null")
			.param("id", id)
			.query(java.util.UUID.class)
			.optional();
	}

}
