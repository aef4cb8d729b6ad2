/**
 * Checkpoints (卡点): where they are, when they are open, who is on duty, and (next) passes and the
 * passage log. A guard decides in a second; the roster keeps every open hour covered and nobody on
 * duty too many days in a row.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkpoints")
package cn.shouwang.checkpoint;
