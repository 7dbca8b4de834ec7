package org.ember.jobs.testing;

import java.util.ArrayList;
import java.util.EnumMap;
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
    private final Map<Feed, List<RawFeedRecord>> records = new EnumMap<>(Feed.class);

    public BoundedJobSources add(RawFeedRecord record) {
        Feed feed = Feed.fromTopic(record.topic()).orElseThrow();
        records.computeIfAbsent(feed, f -> new ArrayList<>()).add(record);
        return this;
    }

    @Override
    public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
        List<RawFeedRecord> feedRecords = records.getOrDefault(feed, List.of());
        if (feedRecords.isEmpty()) {
            // Flink's collection source cannot be empty: a quiet feed is one placeholder that never passes.
            return env.fromData(List.of(new RawFeedRecord(feed.topic(), 0, -1, 0, new byte[0])),
                            TypeInformation.of(RawFeedRecord.class))
                    .uid("test-source-" + feed.code())
                    .filter(record -> record.offset() >= 0)
                    .uid("test-quiet-" + feed.code());
        }
        return env.fromData(feedRecords, TypeInformation.of(RawFeedRecord.class)).uid("test-source-" + feed.code());
    }
}
