package cn.shouwang.monitoring;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The clock of the monitoring rules, in the configured zone. One place to read "now" and "today",
 * so that the rules about days and windows are the same everywhere, and a test can move the clock.
 */
@Component
public class MonitoringClock {

	private volatile Clock clock;

	MonitoringClock(@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.clock = Clock.system(ZoneId.of(zone));
	}

	public Clock clock() {
		return new DelegatingClock();
	}

	/** For tests: the rules run as if it were this moment (null: real time again). */
	public void fixAt(java.time.Instant instant) {
		ZoneId zone = this.clock.getZone();
		this.clock = instant == null ? Clock.system(zone) : Clock.fixed(instant, zone);
	}

	/** Follows whatever clock is set, so services holding it see a test's fixed time too. */
	private final class DelegatingClock extends Clock {

		@Override
		public ZoneId getZone() {
			return MonitoringClock.this.clock.getZone();
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return MonitoringClock.this.clock.withZone(zone);
		}

		@Override
		public java.time.Instant instant() {
			return MonitoringClock.this.clock.instant();
		}

	}

}
