package cn.shouwang.registry;

/**
 * Two records turned out to be one person: {@code mergedId} now points to {@code keptId}.
 * Published inside the merging transaction; every module that links to persons re-points its
 * links to the kept record, so nothing linked is lost.
 */
public record PersonsMerged(long keptId, long mergedId) {
}
