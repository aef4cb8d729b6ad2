/** The home page of each role: who I am, my jurisdiction at a glance, and my to-do counts. */
@org.springframework.modulith.ApplicationModule(displayName = "Home")
package cn.shouwang.home;
