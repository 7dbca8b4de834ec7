package org.ember.jobs.kafka;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.ember.jobs.OutputTopic;
import org.ember.model.codec.Json;

/** Writes a record as Ember's JSON, after converting it to its published view. */
final class JsonValueSerializer<T> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final OutputTopic.SerializableFunction<T, Object> view;

    JsonValueSerializer(OutputTopic.SerializableFunction<T, Object> view) {
        this.view = view;
    }

    @Override
    public byte[] serialize(T element) {
        return Json.toBytes(view.apply(element));
    }
}
