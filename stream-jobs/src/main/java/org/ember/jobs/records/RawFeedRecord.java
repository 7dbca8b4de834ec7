package org.ember.jobs.records;

/**
 * A feed record exactly as it arrived, with the Kafka coordinates a dead letter must name.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param timestamp Kafka record timestamp, epoch milliseconds
 * @param value     the record's bytes, untouched
 */
public record RawFeedRecord(String topic, int partition, long offset, long timestamp, byte[] value) {}
