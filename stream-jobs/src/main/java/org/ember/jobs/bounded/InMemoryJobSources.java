package org.ember.jobs.bounded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSources;
import org.ember.jobs.order.ArrivalWatermarks;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/**
 * Bounded sources over records held in this JVM, for running the job graph on a local environment
 * at full speed (backtests). Nothing is copied into the job graph: tasks look the records up by
 * index. A topic without records is an empty, finished source.
 *
 * <p>The partner feeds are read by ONE task, merged in arrival order (each topic still in its list
 * order, as Kafka would deliver one partition), with the arrival clock put on the raw records there
 * ({@link #clockedAtSource}). Read by one task per feed, each at full speed, the feeds ran apart in
 * arrival time: the job's clock is the slowest feed's, so every stage held the faster feeds' records
 * (months of them in a year's replay: ~260,000 waiting inputs, ~300,000 timers) until it caught up,
 * and the collector spent its time marking and copying them. Output does not depend on how far the
 * clock lags (every stage applies what arrived at {@code t} once the clock passes {@code t}, in
 * canonical order), only the memory and the time do. Control topics keep a source of their own.
 */
public final class InMemoryJobSources implements JobSources, AutoCloseable {
    private static final Map<String, List<RawFeedRecord>> RECORDS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> READ = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Map<String, List<RawFeedRecord>> byTopic;
    private final AtomicLong read = new AtomicLong();
    private final List<RawFeedRecord> feedsInArrivalOrder;
    private DataStream<RawFeedRecord> feeds;

    /**
     * @param byTopic topic → its records, in the order they are to be read
     */
    public InMemoryJobSources(Map<String, List<RawFeedRecord>> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
        this.feedsInArrivalOrder = inArrivalOrder(this.byTopic);
        READ.put(id, read);
    }

    /**
     * Every feed topic's records merged by timestamp, each topic's in its list order; at one
     * timestamp in {@link Feed} order.
     */
    static List<RawFeedRecord> inArrivalOrder(Map<String, List<RawFeedRecord>> byTopic) {
        List<List<RawFeedRecord>> lists = new ArrayList<>();
        int total = 0;
        for (Feed feed : Feed.values()) {
            List<RawFeedRecord> records = byTopic.getOrDefault(feed.topic(), List.of());
            lists.add(records);
            total += records.size();
        }
        List<RawFeedRecord> merged = new ArrayList<>(total);
        int[] next = new int[lists.size()];
        while (merged.size() < total) {
            int earliest = -1;
            for (int f = 0; f < lists.size(); f++) {
                if (next[f] < lists.get(f).size() && (earliest < 0
                        || lists.get(f).get(next[f]).timestamp() < lists.get(earliest).get(next[earliest]).timestamp())) {
                    earliest = f;
                }
            }
            merged.add(lists.get(earliest).get(next[earliest]++));
        }
        return merged;
    }

    @Override
    public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
        if (feeds == null) {
            WatermarkStrategy<RawFeedRecord> clock = WatermarkStrategy
                    .<RawFeedRecord>forGenerator(context -> ArrivalWatermarks.<RawFeedRecord>bounded())
                    .withTimestampAssigner((record, previous) -> record.timestamp());
            feeds = read(env, "feeds", feedsInArrivalOrder).assignTimestampsAndWatermarks(clock).setParallelism(1)
                    .uid("memory-arrival-time").name("Arrival time (all feeds, one clock)");
        }
        String topic = feed.topic();
        return feeds.filter(record -> record.topic().equals(topic)).setParallelism(1)
                .uid("memory-feed-" + topic).name("Records of " + topic);
    }

    /** The feeds' clock is put on their raw records where they are merged: ingest adds none. */
    @Override
    public boolean clockedAtSource() {
        return true;
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
        return read(env, topic, byTopic.getOrDefault(topic, List.of()));
    }

    private DataStream<RawFeedRecord> read(StreamExecutionEnvironment env, String topic, List<RawFeedRecord> records) {
        String key = id + "|" + topic;
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
