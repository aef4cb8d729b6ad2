/**
 * Households and persons (实有人口). In the foundation only the tables, the counts and bulk
 * loading exist; the registry issue adds pages, import, export and duplicates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry")
package cn.shouwang.registry;
