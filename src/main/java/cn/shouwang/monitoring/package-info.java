/**
 * Control measures and health monitoring (居家医学观察, 集中隔离): versioned policy, measure plans
 * with phases and a computed follow-up window, twice-daily health checks, the "not reported"
 * list, alerts with escalation, release notices.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package cn.shouwang.monitoring;
