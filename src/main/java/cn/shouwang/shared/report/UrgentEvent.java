package cn.shouwang.shared.report;

import java.time.Instant;

/**
 * Something that must be reported up within two hours (DOMAIN §12): a fever at a checkpoint, a
 * symptomatic person under a measure, a cluster at a school.
 *
 * @param source     what it comes from, unique and stable ({@code alert:123}): the same event
 *                   offered twice makes one urgent report
 * @param kind       a short code ({@code FEVER}, {@code SYMPTOM}, {@code CHECKPOINT_FEVER}); its label
 *                   is the message {@code urgent.kind.<kind>}
 * @param path       the jurisdiction path where it happened (the community under it reports it)
 * @param occurredAt when it happened: the two hours run from here
 * @param summary    what the report starts with (a name, a temperature, a place), never an ID number
 * @param link       the page of the record it comes from, or null
 */
public record UrgentEvent(String source, String kind, String path, Instant occurredAt, String summary, String link) {
}
