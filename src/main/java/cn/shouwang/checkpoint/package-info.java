/**
 * Checkpoints (卡点): where they are, when they are open, who is on duty; passes (出入证) signed with
 * Ed25519 so devices verify them offline; the guard's decision on each passage, recorded in the
 * passage log idempotently by the device's id. A guard decides in a second; the roster keeps every
 * open hour covered and nobody on duty too many days in a row. Depends on monitoring only through
 * {@code PassageClearance} and {@code AlertService.openCheckpointFever}, never the reverse.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkpoints")
package cn.shouwang.checkpoint;
