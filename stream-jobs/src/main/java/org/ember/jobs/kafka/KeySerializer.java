package org.ember.jobs.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.ember.jobs.OutputTopic;

/** Kafka record key from a record: same key, same partition, so one area's updates stay in order. */
final class KeySerializer<T> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final OutputTopic.SerializableFunction<T, String> key;

    KeySerializer(OutputTopic.SerializableFunction<T, String> key) {
        this.key = key;
    }

    @Override
    public byte[] serialize(T element) {
        return key.apply(element).getBytes(StandardCharsets.UTF_8);
    }
}
