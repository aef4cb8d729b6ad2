package cn.shouwang.monitoring;

/** Filters of the alert list: by default the alerts not yet handled. */
public record AlertFilter(Long nodeId, AlertRow.Status status, AlertRow.Level level, Boolean overdue, String text) {
}
