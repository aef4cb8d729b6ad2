package cn.shouwang.registry;

import java.time.LocalDate;
import java.util.Set;

/** A person as lists show them: ID number and phone masked. */
public record PersonRow(long id, long householdId, String name, IdType idType, String maskedIdNumber,
		String maskedPhone, char sex, LocalDate birthDate, String relation, ResidenceType residenceType,
		Set<VulnerableTag> tags, PersonStatus status, String address, String workPlace, String notes, int version) {

	public Integer age() {
		return this.birthDate == null ? null
				: java.time.Period.between(this.birthDate, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")))
					.getYears();
	}

}
