package cn.shouwang.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** "Now" for the reporting rules (deadlines, locks, reminders), in the configured zone; tests can fix it. */
@Component
public class ReportingClock {

	private final ZoneId zone;

	private volatile Instant fixed;

	ReportingClock(@Value("${shouwang.zone:Asia/Shanghai}") String zone) {
		this.zone = ZoneId.of(zone);
	}

	public Instant now() {
		Instant f = this.fixed;
		return f != null ? f : Clock.systemUTC().instant();
	}

	public ZoneId zone() {
		return this.zone;
	}

	public java.time.LocalDate today() {
		return now().atZone(this.zone).toLocalDate();
	}

	/** For tests: the rules run as if it were this moment (null: real time again). */
	public void fixAt(Instant instant) {
		this.fixed = instant;
	}

}
