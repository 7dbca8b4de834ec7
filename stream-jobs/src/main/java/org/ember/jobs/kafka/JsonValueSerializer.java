package org.ember.jobs.kafka;

import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.ember.model.codec.Json;

/** Writes a record as Ember's JSON, after an optional conversion to its published view. */
final class JsonValueSerializer<T> implements SerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<T, Object> view;

    interface SerializableFunction<A, B> extends Function<A, B>, java.io.Serializable {}

    JsonValueSerializer(SerializableFunction<T, Object> view) {
        this.view = view;
    }

    @Override
    public byte[] serialize(T element) {
        return Json.toBytes(view.apply(element));
    }
}
