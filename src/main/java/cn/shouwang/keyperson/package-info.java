/**
 * Key persons (重点人员): categories, the "four clears" for returnees, risk areas in force by
 * date, status with history, responsible people, verification calls and assistance lists.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Key persons")
package cn.shouwang.keyperson;
