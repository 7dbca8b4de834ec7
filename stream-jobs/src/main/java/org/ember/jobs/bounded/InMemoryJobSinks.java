package org.ember.jobs.bounded;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.ember.jobs.JobSinks;
import org.ember.jobs.OutputTopic;

/** Keeps the output of the chosen topics in memory and discards the rest. */
public final class InMemoryJobSinks implements JobSinks, AutoCloseable {
    private final Set<String> kept;
    private final Map<String, MemorySink<?>> sinks = new ConcurrentHashMap<>();

    public InMemoryJobSinks(Set<String> keptTopics) {
        this.kept = Set.copyOf(keptTopics);
    }

    @Override
    public <T> Sink<T> sink(OutputTopic<T> topic) {
        if (!kept.contains(topic.topic())) {
            return new DiscardingSink<>();
        }
        @SuppressWarnings("unchecked")
        MemorySink<T> sink = (MemorySink<T>) sinks.computeIfAbsent(topic.topic(), t -> new MemorySink<T>());
        return sink;
    }

    @Override
    public boolean reads(OutputTopic<?> topic) {
        return kept.contains(topic.topic());
    }

    /** What the job wrote to a kept topic. */
    @SuppressWarnings("unchecked")
    public <T> List<T> received(OutputTopic<T> topic) {
        MemorySink<T> sink = (MemorySink<T>) sinks.get(topic.topic());
        return sink == null ? List.of() : sink.received();
    }

    @Override
    public void close() {
        sinks.values().forEach(MemorySink::close);
    }
}
