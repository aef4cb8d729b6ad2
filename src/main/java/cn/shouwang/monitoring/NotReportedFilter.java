package cn.shouwang.monitoring;

/** The not-reported list's filters: a node of the caller's jurisdiction, only the caller's 4+N persons, a slot, a name. */
public record NotReportedFilter(Long nodeId, boolean mine, Slot slot, String text) {
}
