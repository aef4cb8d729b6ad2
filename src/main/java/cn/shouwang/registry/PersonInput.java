package cn.shouwang.registry;

import java.util.List;

/** What a form or an API client sends for a person, unchecked. */
public record PersonInput(String name, IdType idType, String idNumber, String phone, String sex, String birthDate,
		String relation, ResidenceType residenceType, String workPlace, List<VulnerableTag> tags, String notes,
		Integer version) {
}
