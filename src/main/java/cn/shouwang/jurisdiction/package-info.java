/**
 * The jurisdiction tree (district, street, community, grid, building), the units that hang on
 * communities, and the named responsible people per node (四级包保).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jurisdiction")
package cn.shouwang.jurisdiction;
