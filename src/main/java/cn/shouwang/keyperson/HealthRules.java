package cn.shouwang.keyperson;

import java.math.BigDecimal;
import java.util.List;

import cn.shouwang.shared.InvalidInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The health thresholds every module applies to a reading: the fever line (37.3 °C unless
 * configured otherwise) and the range a body temperature can have (34–43 °C); anything outside
 * is a typing or device error, refused with that reason.
 */
@Component
public class HealthRules {

	public static final BigDecimal LOWEST = new BigDecimal("34.0");

	public static final BigDecimal HIGHEST = new BigDecimal("43.0");

	private final BigDecimal feverThreshold;

	HealthRules(@Value("${shouwang.health.fever-threshold:37.3}") BigDecimal feverThreshold) {
		this.feverThreshold = feverThreshold;
	}

	public BigDecimal feverThreshold() {
		return this.feverThreshold;
	}

	public boolean isFever(BigDecimal temperature) {
		return temperature != null && temperature.compareTo(this.feverThreshold) >= 0;
	}

	/** A finding worth following up: a fever or any symptom. */
	public boolean isFinding(BigDecimal temperature, List<Symptom> symptoms) {
		return isFever(temperature) || (symptoms != null && !symptoms.isEmpty());
	}

	/** Parses a reading; null when blank; outside 34–43 °C or not a number is an error on the field. */
	public static BigDecimal temperature(InvalidInputException.Collector errors, String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		BigDecimal t;
		try {
			t = new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			errors.add(field, "health.temperature.notANumber");
			return null;
		}
		return temperature(errors, field, t);
	}

	public static BigDecimal temperature(InvalidInputException.Collector errors, String field, BigDecimal t) {
		if (t == null) {
			return null;
		}
		if (t.compareTo(LOWEST) < 0 || t.compareTo(HIGHEST) > 0) {
			errors.add(field, "health.temperature.range", LOWEST, HIGHEST);
			return null;
		}
		return t.setScale(1, java.math.RoundingMode.HALF_UP);
	}

}
