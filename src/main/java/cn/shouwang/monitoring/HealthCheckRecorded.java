package cn.shouwang.monitoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import cn.shouwang.keyperson.Symptom;

/**
 * Published inside the transaction that stored a health check, so that what follows from it (an
 * alert on a fever or an escalating symptom) commits with it or not at all.
 */
public record HealthCheckRecorded(UUID checkId, long measureId, long personId, String name, String path,
		BigDecimal temperature, List<Symptom> symptoms, boolean fever, boolean escalates, String recordedBy) {
}
