package org.ember.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/** Feeds as fixed lists of raw records; a feed with none is an empty (finished) source. */
public final class BoundedJobSources implements JobSources {
    private final Map<String, List<RawFeedRecord>> records = new java.util.HashMap<>();

    /** Adds a record to the topic it names (a feed topic or one of Ember's control topics). */
    public BoundedJobSources add(RawFeedRecord record) {
        records.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        return this;
    }

    @Override
    public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
        return read(env, feed.topic());
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic) {
        return read(env, topic);
    }

    private DataStream<RawFeedRecord> read(StreamExecutionEnvironment env, String topic) {
        List<RawFeedRecord> topicRecords = records.getOrDefault(topic, List.of());
        if (topicRecords.isEmpty()) {
            // Flink's collection source cannot be empty: a quiet topic is one placeholder that never passes.
            return env.fromData(List.of(new RawFeedRecord(topic, 0, -1, 0, new byte[0])),
                            TypeInformation.of(RawFeedRecord.class))
                    .uid("test-source-" + topic)
                    .filter(record -> record.offset() >= 0)
                    .uid("test-quiet-" + topic);
        }
        return env.fromData(topicRecords, TypeInformation.of(RawFeedRecord.class)).uid("test-source-" + topic);
    }
}
