package cn.shouwang.jurisdiction;

/**
 * A subtree moved: every record whose jurisdiction path starts with {@code oldPath} must now
 * start with {@code newPath}. Published inside the moving transaction so that modules holding
 * denormalised paths follow in the same commit and no record slips out of scope.
 */
public record JurisdictionMoved(long nodeId, String oldPath, String newPath) {
}
