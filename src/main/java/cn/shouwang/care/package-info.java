/**
 * Care (生活保障, DOMAIN §8): service requests from households under a control measure or with a
 * member of a vulnerable group — groceries, medicine, a medical visit, psychological support —
 * entered by workers or by the household through its personal link, assigned to a volunteer whose
 * jurisdiction covers the household, done with what was done, and closed with the household's
 * feedback. Requests past their due time make the overdue list.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Care")
package cn.shouwang.care;
