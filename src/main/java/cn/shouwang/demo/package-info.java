/**
 * Demo data: a realistic tree, households, persons with valid GB 11643 ID numbers, and a demo user
 * for every role. Loaded on the first start of the embedded database (or when asked).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package cn.shouwang.demo;
