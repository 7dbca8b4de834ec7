package org.ember.model;

/**
 * A record that could not be ingested, kept whole with the reason so nothing is lost: an operator
 * can read why, fix the sender and replay it.
 *
 * @param feed           feed code, or "unknown" when the topic is not a feed
 * @param topic          Kafka topic it was read from
 * @param partition      Kafka partition
 * @param offset         Kafka offset
 * @param kafkaTimestamp the Kafka record timestamp, epoch milliseconds
 * @param reason         human-readable reason, naming the field at fault
 * @param originalBase64 the original bytes, Base64-encoded
 */
public record DeadLetter(
        String feed, String topic, int partition, long offset, long kafkaTimestamp, String reason, String originalBase64) {}
