package cn.shouwang.registry;

/**
 * The filters of the person list. {@code nodeId} narrows to a street, community, grid or
 * building; {@code text} is an exact ID number or phone (blind index) or part of a name or
 * address (trigram index).
 */
public record PersonFilter(Long nodeId, String text, VulnerableTag tag, ResidenceType residenceType, Integer ageFrom,
		Integer ageTo, PersonStatus status) {

	public static PersonFilter none() {
		return new PersonFilter(null, null, null, null, null, null, null);
	}

}
