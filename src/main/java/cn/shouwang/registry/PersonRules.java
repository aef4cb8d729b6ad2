package cn.shouwang.registry;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;

import cn.shouwang.shared.ChineseIdNumber;
import cn.shouwang.shared.InvalidInputException;
import cn.shouwang.shared.PhoneNumbers;

/**
 * The checks every way into the registry shares: name, identity document (GB 11643 for the
 * resident card, format checks for the others), birth date and sex derived from the number and
 * cross-checked against what was typed, phone, lengths. Every problem is named at once.
 */
public final class PersonRules {

	private PersonRules() {
	}

	public static PersonData validate(PersonInput in) {
		InvalidInputException.Collector errors = new InvalidInputException.Collector();
		String name = in.name() == null ? "" : in.name().strip();
		if (name.isEmpty()) {
			errors.add("name", "validation.required");
		}
		else if (name.length() > 50) {
			errors.add("name", "validation.tooLong", 50);
		}
		else if (name.matches("[\\d\\p{Punct}\\s]+")) {
			errors.add("name", "person.nameNotAName");
		}
		IdType idType = in.idType() == null ? IdType.RESIDENT_ID : in.idType();
		String idNumber = IdType.normalise(in.idNumber());
		idType.problem(idNumber).ifPresent(code -> errors.add("idNumber", code));
		Character sex = parseSex(in.sex());
		if (in.sex() != null && !in.sex().isBlank() && sex == null) {
			errors.add("sex", "validation.badValue");
		}
		LocalDate birth = null;
		if (in.birthDate() != null && !in.birthDate().isBlank()) {
			try {
				birth = LocalDate.parse(in.birthDate().trim());
				if (birth.isAfter(LocalDate.now()) || birth.getYear() < 1900) {
					errors.add("birthDate", "person.birthDateRange");
				}
			}
			catch (DateTimeParseException ex) {
				errors.add("birthDate", "validation.date");
			}
		}
		if (idType.carriesBirthAndSex() && !errors.has("idNumber")) {
			LocalDate fromId = ChineseIdNumber.birthDateOf(idNumber).orElseThrow();
			char sexFromId = ChineseIdNumber.sexOf(idNumber);
			if (birth != null && !birth.equals(fromId)) {
				errors.add("birthDate", "person.birthDateConflict", fromId.toString());
			}
			if (sex != null && sex != sexFromId) {
				errors.add("sex", "person.sexConflict");
			}
			birth = fromId;
			sex = sexFromId;
		}
		if (!idType.carriesBirthAndSex()) {
			if (birth == null && !errors.has("birthDate")) {
				errors.add("birthDate", "validation.required");
			}
			if (sex == null && !errors.has("sex")) {
				errors.add("sex", "validation.required");
			}
		}
		String phone = null;
		if (in.phone() != null && !in.phone().isBlank()) {
			phone = PhoneNumbers.normalise(in.phone());
			if (phone == null) {
				errors.add("phone", "validation.phone");
			}
		}
		String relation = clean(errors, "relation", in.relation(), 20);
		String workPlace = clean(errors, "workPlace", in.workPlace(), 100);
		String notes = clean(errors, "notes", in.notes(), 500);
		errors.throwIfAny();
		Set<VulnerableTag> tags = in.tags() == null || in.tags().isEmpty() ? EnumSet.noneOf(VulnerableTag.class)
				: EnumSet.copyOf(in.tags());
		return new PersonData(name, idType, idNumber, phone, sex, birth, relation,
				in.residenceType() == null ? ResidenceType.PERMANENT : in.residenceType(), workPlace, tags, notes);
	}

	static Character parseSex(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		return switch (raw.trim().toUpperCase(java.util.Locale.ROOT)) {
			case "M", "男", "MALE" -> 'M';
			case "F", "女", "FEMALE" -> 'F';
			default -> null;
		};
	}

	private static String clean(InvalidInputException.Collector errors, String field, String raw, int max) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String v = raw.strip();
		if (v.length() > max) {
			errors.add(field, "validation.tooLong", max);
		}
		return v;
	}

}
