package org.ember.jobs;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Feed;

/** Where the job reads from: Kafka in production, bounded collections in tests. */
public interface JobSources {
    /** A partner feed's raw records. */
    DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed);

    /**
     * The job's clock for a live feed's raw records, when this source can tell a feed that has been
     * read to the end from one whose records are still waiting (Kafka can: see
     * {@code KafkaArrivalClock}); null to have ingest put the clock on the ingested incidents, with
     * wall-clock idleness only for sources that never finish.
     *
     * @param quiet how long without a record before a feed may stop holding the clock
     */
    default WatermarkStrategy<RawFeedRecord> arrivalClock(StreamExecutionEnvironment env, Feed feed, Duration quiet) {
        return null;
    }

    /**
     * One of Ember's own input topics (for example {@code ember.rules} or {@code ember.acks}), raw;
     * the stage that reads it parses it.
     */
    DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic);

    /**
     * True when the records of {@link #feed} already carry the job's arrival clock (timestamps and
     * watermarks), put on where the feeds are read together, so ingest must not put a clock of its
     * own per feed.
     */
    default boolean clockedAtSource() {
        return false;
    }

    /**
     * True when every source finishes (a replay, a test): then no feed is ever taken for idle,
     * because a finished source emits the final watermark itself, and idleness measured on the wall
     * clock would let a feed stalled by load give up its hold on event time and change the output.
     */
    default boolean bounded() {
        return false;
    }

    /**
     * Event time after which recurring timers stop (epoch ms): a bounded replay ends with its
     * period instead of ticking the fusion stage hour by hour through weeks of retention after the
     * last record. Live sources never stop.
     */
    default long timerHorizon() {
        return Long.MAX_VALUE;
    }
}
