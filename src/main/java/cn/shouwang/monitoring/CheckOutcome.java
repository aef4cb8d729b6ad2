package cn.shouwang.monitoring;

/**
 * What became of a submitted check, so the phone can tell the person: stored now, stored before
 * under the same id (a retry), or dropped as a repeat within the policy's minutes of the last one.
 */
public record CheckOutcome(Result result, HealthCheck check) {

	public enum Result {

		RECORDED, ALREADY_RECORDED, DUPLICATE_DROPPED;

		public String messageKey() {
			return "check.result." + name();
		}

	}

	public boolean created() {
		return this.result == Result.RECORDED;
	}

}
