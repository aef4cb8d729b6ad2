package cn.shouwang.registry.importing;

import java.time.LocalDate;
import java.util.Set;

import cn.shouwang.registry.IdType;
import cn.shouwang.registry.ResidenceType;
import cn.shouwang.registry.VulnerableTag;

/**
 * A valid row, typed and normalised, ready to be matched to a household and stored.
 *
 * @param rowNumber the row in the file, for reports
 * @param name trimmed; spaces used to align Chinese names (张　三) removed
 * @param idType RESIDENT_ID unless the row says otherwise
 * @param idNumber as {@link IdType#normalise} (upper case, no spaces), valid for its type
 * @param phone as {@code PhoneNumbers.normalise} (mobile or landline), or null
 * @param sex 'M' or 'F' (from the ID number when it carries it), or null
 * @param birthDate from the ID number when it carries it, else from the sheet, or null
 * @param relation 与户主关系 as written, or null
 * @param residenceType PERMANENT when the sheet does not say
 * @param tags empty when none
 * @param workPlace or null
 * @param notes or null
 * @param location the address parts
 */
public record PersonDraft(int rowNumber, String name, IdType idType, String idNumber, String phone, Character sex,
		LocalDate birthDate, String relation, ResidenceType residenceType, Set<VulnerableTag> tags, String workPlace,
		String notes, Location location) {

	public PersonDraft {
		tags = Set.copyOf(tags);
	}

}
