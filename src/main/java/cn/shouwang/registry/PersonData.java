package cn.shouwang.registry;

import java.time.LocalDate;
import java.util.Set;

/**
 * A person's facts after validation: the one shape in which a form, an API call or an import
 * row reaches the registry. Plain values here; encryption happens on the way into the table.
 */
public record PersonData(String name, IdType idType, String idNumber, String phone, char sex, LocalDate birthDate,
		String relation, ResidenceType residenceType, String workPlace, Set<VulnerableTag> tags, String notes) {
}
