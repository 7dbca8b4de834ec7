package org.ember.jobs.bounded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in this JVM's memory: for jobs run on a local environment
 * (bounded runs, tests). The sink itself is serialised to the tasks, so it finds its list by id.
 */
public final class MemorySink<T> implements Sink<T>, AutoCloseable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> RECEIVED = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    public MemorySink() {
        RECEIVED.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> list = RECEIVED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                list.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {
                // Nothing is buffered.
            }

            @Override
            public void close() {
                // The list outlives the writer: the caller reads it after the job.
            }
        };
    }

    /** What was received so far. */
    @SuppressWarnings("unchecked")
    public List<T> received() {
        List<Object> list = RECEIVED.getOrDefault(id, List.of());
        synchronized (list) {
            return (List<T>) List.copyOf(list);
        }
    }

    /** Forgets what was received. */
    @Override
    public void close() {
        RECEIVED.remove(id);
    }
}
