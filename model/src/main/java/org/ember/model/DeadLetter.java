package org.ember.model;

/**
 * A record that could not be ingested, with the reason, so an operator can tell the sender what to
 * fix. It never carries the original in clear (a rejected navigator record would otherwise put a
 * person reference on the topic): only its length, its SHA-256 to find it in the sender's system,
 * and a redacted rendering ({@code org.ember.model.ingest.DeadLetterRedactor}), so it is also
 * always small enough to be written.
 *
 * @param feed             feed code, or "unknown" when the topic is not a feed
 * @param topic            Kafka topic it was read from
 * @param partition        Kafka partition
 * @param offset           Kafka offset
 * @param kafkaTimestamp   the Kafka record timestamp, epoch milliseconds
 * @param reason           human-readable reason, naming the field at fault (never quoting its value)
 * @param originalLength   length of the original record, bytes
 * @param originalSha256   SHA-256 of the original bytes, hex
 * @param redactedOriginal the original's beginning with only contract fields' values kept, redacted
 */
public record DeadLetter(String feed, String topic, int partition, long offset, long kafkaTimestamp, String reason,
        int originalLength, String originalSha256, String redactedOriginal) {}
