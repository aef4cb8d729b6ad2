package cn.shouwang.jurisdiction;

/** A school, kindergarten, enterprise or venue on a community. */
public record Unit(long id, long communityId, UnitKind kind, String name, String address) {
}
