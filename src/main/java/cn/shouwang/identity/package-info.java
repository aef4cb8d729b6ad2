/**
 * Users, roles, login (form and bearer tokens), password policy, lockout, and integration tokens.
 * Every user is bound to one jurisdiction node, which is their scope.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package cn.shouwang.identity;
