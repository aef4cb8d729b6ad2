/**
 * Door-to-door survey campaigns (敲门行动): rounds over a jurisdiction, teams assigned to grids,
 * a visit per household per round recorded at the door (offline first, idempotent uploads),
 * findings handed to the key-person module, and progress by grid, community and street.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Door-to-door surveys")
package cn.shouwang.survey;
