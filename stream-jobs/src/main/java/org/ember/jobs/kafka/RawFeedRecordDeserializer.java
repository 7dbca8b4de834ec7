package org.ember.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ember.jobs.records.RawFeedRecord;

/** Keeps the bytes as they came, with their coordinates: parsing happens in ingest, where failures are handled. */
final class RawFeedRecordDeserializer implements KafkaRecordDeserializationSchema<RawFeedRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawFeedRecord> out) {
        out.collect(new RawFeedRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.value()));
    }

    @Override
    public TypeInformation<RawFeedRecord> getProducedType() {
        return TypeInformation.of(RawFeedRecord.class);
    }
}
