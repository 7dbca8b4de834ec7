package org.ember.jobs.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Serialises Ember's output records with the time they were written as their Kafka timestamp.
 *
 * <p>The builder's default would stamp the element's event time, which comes from a partner's
 * record: a report dated 2100 then produced an output record the broker refused (more than
 * {@code log.message.timestamp.after.max.ms} ahead), and the task failed for good; one dated 1970
 * would make retention delete outputs at once. Event time stays inside the payload.
 */
final class ProcessingTimeRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final SerializationSchema<T> key;
    private final SerializationSchema<T> value;

    ProcessingTimeRecordSerializer(String topic, SerializationSchema<T> key, SerializationSchema<T> value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) throws Exception {
        key.open(context);
        value.open(context);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long eventTimestamp) {
        return new ProducerRecord<>(topic, null, System.currentTimeMillis(), key.serialize(element),
                value.serialize(element));
    }
}
