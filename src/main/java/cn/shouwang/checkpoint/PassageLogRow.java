package cn.shouwang.checkpoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One passage as the log shows it: a resident (with the person id and the name on their pass) or
 * a visitor (name, masked phone, reason, host household); the temperature and whether it was a
 * fever by the rule in force; the guard's decision.
 */
public record PassageLogRow(UUID id, Instant at, long checkpointId, String checkpointName, String direction,
		Long personId, String name, boolean visitor, String visitorPhone, String visitorReason, Long hostHouseholdId,
		BigDecimal temperature, boolean fever, String decision, String reason, String plate) {
}
