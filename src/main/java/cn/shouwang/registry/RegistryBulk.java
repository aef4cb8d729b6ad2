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

	/** After a bulk load: each household's head is its member related as 户主 (or its first member). */
	public void assignHeads() {
		this.jdbc.sql("""
				update household h set head_person_id = x.person_id
				from (select distinct on (household_id) household_id, id as person_id from person
				      order by household_id, (relation = '户主') desc, id) x
				where x.household_id = h.id and h.head_person_id is null
				""").update();
	}

	public long reserveHouseholdIds(int count) {
		return this.copy.reserveIds("household", count);
	}

	public HouseholdWriter households() {
		return new HouseholdWriter(this.copy.writer("""
				copy household(id, grid_id, building_id, address, unit_no, room_no, jurisdiction_path)
				from stdin (format csv)""", 20_000));
	}

	public PersonWriter persons() {
		return new PersonWriter(this.copy.writer("""
				copy person(household_id, name, id_number_enc, id_number_bidx, phone_enc, phone_bidx, sex, birth_date,
				            relation, residence_type, jurisdiction_path)
				from stdin (format csv)""", 20_000));
	}

	public static final class HouseholdWriter implements AutoCloseable {

		private final BulkCopy.Writer writer;

		HouseholdWriter(BulkCopy.Writer writer) {
			this.writer = writer;
		}

		public void add(long id, long gridId, long buildingId, String address, String unitNo, String roomNo,
				String path) {
			this.writer.number(id).number(gridId).number(buildingId).text(address).text(unitNo).text(roomNo).text(path)
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

		public void add(long householdId, String name, String idNumber, String phone, char sex, LocalDate birthDate,
				String relation, String residenceType, String path) {
			this.writer.number(householdId)
				.text(name)
				.bytes(RegistryBulk.this.cipher.encrypt(idNumber))
				.bytes(RegistryBulk.this.blindIndex.idNumber(idNumber))
				.bytes(RegistryBulk.this.cipher.encrypt(phone))
				.bytes(RegistryBulk.this.blindIndex.phone(phone))
				.raw(sex)
				.raw(birthDate)
				.text(relation)
				.text(residenceType)
				.text(path)
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
