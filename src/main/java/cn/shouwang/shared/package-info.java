/**
 * The kernel every module may use: jurisdiction scope, roles and the current principal,
 * field encryption and masking, audit, and web helpers. No business workflow lives here.
 * Open so that its sub-packages (crypto, audit, web, db) are usable by every module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel",
		type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.shouwang.shared;
