package cn.shouwang.registry;

/** A household: where it is, who heads it, how many live in it. */
public record HouseholdView(long id, long gridId, Long buildingId, String address, String unitNo, String roomNo,
		Long headPersonId, String headName, long members, String path, int version) {
}
