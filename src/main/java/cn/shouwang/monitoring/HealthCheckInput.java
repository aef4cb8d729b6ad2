package cn.shouwang.monitoring;

import java.util.List;
import java.util.UUID;

/**
 * A check as a client sends it. The id is made on the phone (a UUID), so a retried upload is
 * stored once; without one the server makes it. Temperature and time arrive as text so that a
 * wrong value gets a message naming its field rather than a parse failure; takenAt is ISO-8601,
 * with an offset or as local time in the configured zone, and defaults to now.
 */
public record HealthCheckInput(UUID id, String temperature, List<String> symptoms, String takenAt) {
}
