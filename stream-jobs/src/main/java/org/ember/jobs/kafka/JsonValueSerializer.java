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
        Object published = view.apply(element);
        // Area counts are the bulk of the output (one or two per record): written without the general mapper.
        return published instanceof org.ember.model.AreaCountsView counts ? AreaCountsJson.write(counts) : Json.toBytes(published);
    }
}
