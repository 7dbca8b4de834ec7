package org.ember.jobs.bounded;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/**
 * Bounded sources over records held in this JVM, for running the job graph on a local environment
 * at full speed (backtests). Each topic is read in list order by a single task, as Kafka would
 * deliver one partition, and nothing is copied into the job graph: tasks look the records up by
 * index. A topic without records is an empty, finished source.
 */
public final class InMemoryJobSources implements JobSources, AutoCloseable {
    private static final Map<String, List<RawFeedRecord>> RECORDS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> READ = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Map<String, List<RawFeedRecord>> byTopic;
    private final AtomicLong read = new AtomicLong();

    /**
     * @param byTopic topic → its records, in the order they are to be read
     */
    public InMemoryJobSources(Map<String, List<RawFeedRecord>> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
        READ.put(id, read);
    }

    @Override
    public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
        return read(env, feed.topic());
    }

    @Override
    public boolean bounded() {
        return true;
    }

    /** The period ends with the last record appended: nothing ticks beyond it. */
    @Override
    public long timerHorizon() {
        return byTopic.values().stream().flatMap(List::stream).mapToLong(RawFeedRecord::timestamp).max()
                .orElse(Long.MAX_VALUE);
    }

    @Override
    public DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic) {
        return read(env, topic);
    }

    private DataStream<RawFeedRecord> read(StreamExecutionEnvironment env, String topic) {
        String key = id + "|" + topic;
        List<RawFeedRecord> records = byTopic.getOrDefault(topic, List.of());
        RECORDS.put(key, records);
        long size = records.size();
        return env.fromSequence(0, Math.max(size, 1) - 1).setParallelism(1).uid("memory-source-" + topic)
                .name("Records of " + topic)
                .filter(i -> i < size).setParallelism(1).uid("memory-filter-" + topic).name("Records of " + topic + " (count)")
                .map(new Lookup(key, id)).returns(TypeInformation.of(RawFeedRecord.class)).setParallelism(1)
                .uid("memory-read-" + topic).name("Read " + topic);
    }

    /** Records read so far, all topics together. */
    public long read() {
        return read.get();
    }

    /** Total records, all topics together. */
    public long total() {
        return byTopic.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public void close() {
        RECORDS.keySet().removeIf(k -> k.startsWith(id + "|"));
        READ.remove(id);
    }

    /** Index → record, counting what it hands out. */
    private static final class Lookup extends RichMapFunction<Long, RawFeedRecord> {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final String sourcesId;
        private transient List<RawFeedRecord> records;
        private transient AtomicLong counter;

        Lookup(String key, String sourcesId) {
            this.key = key;
            this.sourcesId = sourcesId;
        }

        @Override
        public RawFeedRecord map(Long index) {
            if (records == null) {
                records = RECORDS.get(key);
                counter = READ.getOrDefault(sourcesId, new AtomicLong());
            }
            counter.incrementAndGet();
            return records.get(index.intValue());
        }
    }
}
