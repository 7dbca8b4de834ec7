package org.ember.jobs.records;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.ember.jobs.serial.RawFeedRecordType;

/**
 * A feed record exactly as it arrived, with the Kafka coordinates a dead letter must name.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param timestamp Kafka record timestamp, epoch milliseconds
 * @param value     the record's bytes, untouched: never written into, since Flink hands the same
 *                  record on between chained operators ({@link org.ember.jobs.serial.RawFeedRecordSerializer})
 */
@TypeInfo(RawFeedRecordType.Factory.class)
public record RawFeedRecord(String topic, int partition, long offset, long timestamp, byte[] value) {}
