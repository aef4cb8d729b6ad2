package cn.shouwang.keyperson;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A key person as lists and pages show them. */
public record KeyPersonRow(long id, long personId, String name, String address, Long gridId, String category,
		KeyPersonSource source, KeyPersonStatus status, LocalDate returnDate, String cameFrom,
		TransportMode transportMode, String transportNo, Boolean fever, BigDecimal temperature, List<Symptom> symptoms,
		Long riskAreaId, LocalDate deadline, Instant nextCallAt, int calls, CallOutcome lastCallOutcome,
		Instant lastCallAt, String notes, Instant createdAt, int version) {

	/** The four clears (四个清楚) for a returnee: return date, where from, transport, fever or not. */
	@com.fasterxml.jackson.annotation.JsonProperty("fourClears")
	public boolean fourClears() {
		return this.returnDate != null && this.cameFrom != null && this.transportMode != null && this.fever != null;
	}

	public boolean overdue(LocalDate today) {
		return this.deadline != null && this.status == KeyPersonStatus.NEW && today.isAfter(this.deadline);
	}

}
