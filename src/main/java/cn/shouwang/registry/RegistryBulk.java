package cn.shouwang.registry;

import java.time.LocalDate;

import cn.shouwang.shared.crypto.BlindIndex;
import cn.shouwang.shared.crypto.FieldCipher;
import cn.shouwang.shared.db.BulkCopy;

import org.springframework.stereotype.Component;

/**
 * Loads households and persons with COPY. ID numbers and phones are encrypted and indexed here,
 * on the way in, so plain values never reach the database.
 */
@Component
public class RegistryBulk {

	private final BulkCopy copy;

	private final FieldCipher cipher;

	private final BlindIndex blindIndex;

	private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

	RegistryBulk(BulkCopy copy, FieldCipher cipher, BlindIndex blindIndex,
			org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.copy = copy;
		this.cipher = cipher;
		this.blindIndex = blindIndex;
	}

	/** After an import: each new household's head is its member related as 户主 (or its first member). */
	public void assignHeads(java.util.Collection<Long> householdIds) {
		if (householdIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update household h set head_person_id = x.person_id
				from (select distinct on (household_id) household_id, id as person_id from person
				      where household_id = any(:ids) order by household_id, (relation = '户主') desc, id) x
				where x.household_id = h.id and h.head_person_id is null
				""").param("ids", householdIds.toArray(Long[]::new)).update();
	}

	/** Fresh planner statistics after a bulk load, so filters on rare values use their indexes. */
	public void analyze() {
		this.jdbc.sql("analyze household").update();
		this.jdbc.sql("analyze person").update();
	}

	public long reservePersonIds(int count) {
		return this.copy.reserveIds("person", count);
	}

	public long reserveHouseholdIds(int count) {
		return this.copy.reserveIds("household", count);
	}

	public HouseholdWriter households() {
		return new HouseholdWriter(this.copy.writer("""
				copy household(id, grid_id, building_id, address, unit_no, room_no, jurisdiction_path, head_person_id)
				from stdin (format csv)""", 20_000));
	}

	/** Persons with ids reserved by the caller, so movements and audit rows can refer to them in the same load. */
	public PersonWriter personsWithIds() {
		return new PersonWriter(this.copy.writer("""
				copy person(id, household_id, name, id_type, id_number_enc, id_number_bidx, phone_enc, phone_bidx, sex,
				            birth_date, relation, residence_type, work_place, tags, notes, jurisdiction_path, import_job)
				from stdin (format csv)""", 20_000));
	}

	/** Overwrites a registered person with an imported row (import mode "update"). */
	public void update(long personId, String name, IdType idType, String phone, Character sex, LocalDate birthDate,
			String relation, ResidenceType residenceType, String workPlace, java.util.Set<VulnerableTag> tags, String notes,
			long householdId, String path) {
		this.jdbc.sql("""
				update person set name = :name, id_type = :idType, phone_enc = coalesce(:phoneEnc, phone_enc),
				  phone_bidx = coalesce(:phoneBidx, phone_bidx), sex = coalesce(:sex, sex), birth_date = coalesce(:birth, birth_date),
				  relation = coalesce(:relation, relation), residence_type = :residence, work_place = coalesce(:workPlace, work_place),
				  tags = cast(:tags as text[]), notes = coalesce(:notes, notes), household_id = :h, jurisdiction_path = :path,
				  status = 'ACTIVE', moved_out_at = null, version = version + 1, updated_at = now()
				where id = :id
				""")
			.param("id", personId)
			.param("name", name)
			.param("idType", idType.name())
			.param("phoneEnc", this.cipher.encrypt(phone))
			.param("phoneBidx", phone == null ? null : this.blindIndex.phone(phone))
			.param("sex", sex == null ? null : String.valueOf(sex))
			.param("birth", birthDate)
			.param("relation", relation)
			.param("residence", residenceType.name())
			.param("workPlace", workPlace)
			.param("tags", Persons.tagsLiteral(tags))
			.param("notes", notes)
			.param("h", householdId)
			.param("path", path)
			.update();
	}

	public static final class HouseholdWriter implements AutoCloseable {

		private final BulkCopy.Writer writer;

		HouseholdWriter(BulkCopy.Writer writer) {
			this.writer = writer;
		}

		public void add(long id, long gridId, Long buildingId, String address, String unitNo, String roomNo,
				String path, Long headPersonId) {
			this.writer.number(id).number(gridId).number(buildingId).text(address).text(unitNo).text(roomNo).text(path)
				.number(headPersonId)
				.endRow();
		}

		public long total() {
			return this.writer.total();
		}

		public void flush() {
			this.writer.flush();
		}

		@Override
		public void close() {
			this.writer.close();
		}

	}

	public final class PersonWriter implements AutoCloseable {

		private final BulkCopy.Writer writer;

		PersonWriter(BulkCopy.Writer writer) {
			this.writer = writer;
		}

		/** A full row, with its reserved id (see {@link #personsWithIds()}) and the import job that registers it. */
		public void add(long id, long householdId, String name, IdType idType, String idNumber, String phone, Character sex,
				LocalDate birthDate, String relation, ResidenceType residenceType, String workPlace,
				java.util.Set<VulnerableTag> tags, String notes, String path, java.util.UUID job) {
			this.writer.number(id)
				.number(householdId)
				.text(name)
				.text(idType.name())
				.bytes(RegistryBulk.this.cipher.encrypt(idNumber))
				.bytes(RegistryBulk.this.blindIndex.idNumber(idNumber))
				.bytes(RegistryBulk.this.cipher.encrypt(phone))
				.bytes(phone == null ? null : RegistryBulk.this.blindIndex.phone(phone))
				.raw(sex)
				.raw(birthDate)
				.text(relation)
				.text(residenceType.name())
				.text(workPlace)
				.text(Persons.tagsLiteral(tags))
				.text(notes)
				.text(path)
				.text(job == null ? null : job.toString())
				.endRow();
		}

		public long total() {
			return this.writer.total();
		}

		public void flush() {
			this.writer.flush();
		}

		@Override
		public void close() {
			this.writer.close();
		}

	}

}
