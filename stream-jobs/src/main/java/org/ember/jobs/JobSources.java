package org.ember.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/** Where the job reads each feed from: Kafka in production, bounded collections in tests. */
public interface JobSources {
    DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed);
}
