package org.ember.jobs.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSources;
import org.ember.jobs.OutputTopic;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.AreaCounts;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.ember.model.feeds.PoliceIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bounded replay whose reading stalls between two records that share an arrival millisecond (as
 * a loaded machine or backpressure makes it stall, at a point that depends on the run): the second
 * record must still be applied with the first, in canonical order, not late after it. On the clock
 * that stepped to the newest arrival after a quiet period it came late, and ReplayDeterminismTest's
 * month of March published two records of one minute in Rhondda Cynon Taf in either order.
 */
class BoundedClockStallMiniClusterTest {
    private static final Instant AT = TestFeeds.FRIDAY_22H;
    /** How long the reading stalls once ingest has read what came before: many periodic watermark intervals. */
    private static final long STALL_MILLIS = 400;
    /** Where the stalling task looks for ingest's progress (same JVM: the sinks are static lists). */
    private static volatile CollectingJobSinks sinks;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aStallBetweenTwoRecordsOfOneMillisecondDoesNotMakeTheSecondLate() throws Exception {
        long t = AT.toEpochMilli();
        BoundedJobSources inner = new BoundedJobSources()
                // Listed out of canonical order: CR-B (public order) is read first, CR-A (violence) after the stall.
                .add(police(0, t, new PoliceIncident("CR-B", 1, "active", AT, "Public order", null, null, null,
                        TestFeeds.CARDIFF_CENTRE)))
                // Not a record: dead-lettered by ingest at once, which tells the stall that ingest has read this far.
                .add(new RawFeedRecord(Feed.POLICE.topic(), 0, 1, t, "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .add(police(2, t, TestFeeds.assault("CR-A", AT, TestFeeds.CARDIFF_CENTRE)))
                .add(police(3, t + 3_600_000L, TestFeeds.assault("CR-C", AT.plus(Duration.ofHours(1)),
                        TestFeeds.CARDIFF_CENTRE)));
        JobSources stalled = new JobSources() {
            @Override
            public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
                DataStream<RawFeedRecord> records = inner.feed(env, feed);
                // Its own task, so that ingest waits idle (its periodic clock running) while this one sleeps.
                return feed != Feed.POLICE ? records
                        : records.map(new StallBefore(2, STALL_MILLIS)).uid("stall").disableChaining();
            }

            @Override
            public DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic) {
                return inner.control(env, topic);
            }

            @Override
            public boolean bounded() {
                return true;
            }
        };

        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        sinks = new CollectingJobSinks();
        EmberJob.build(env, stalled, sinks, TestFeeds.settings(TestFeeds.weaponRule(5)).withFusion(null));
        env.execute("bounded-clock-stall");

        // Area counts reach the map coalesced per 100 ms of arrival clock: records applied in canonical
        // order at their arrival make one message for the millisecond they share. A record applied late
        // after the clock had passed its arrival (the old clock's wall-clock step) makes a second one,
        // and the first then holds CR-B's public order alone.
        List<AreaCounts> lad = sinks.received(OutputTopic.HOTSPOTS).stream()
                .filter(c -> c.layer().equals("lad") && c.asOf() >= t && c.asOf() < t + 3_600_000L).toList();
        assertThat(lad).as("both records applied together at their arrival, none late").hasSize(1);
        assertThat(lad.get(0).count("1h", "police", "violence")).isEqualTo(1);
        assertThat(lad.get(0).count("1h", "police", "public_order")).isEqualTo(1);
        assertThat(lad.get(0).count("1h", "police", "any")).isEqualTo(2);
    }

    private static RawFeedRecord police(long offset, long appendedAt, PoliceIncident incident) {
        return new RawFeedRecord(Feed.POLICE.topic(), 0, offset, appendedAt, Json.toBytes(incident));
    }

    /**
     * Passes records through; before the one at {@code offset} it waits until ingest has dead-lettered
     * the record before it (so ingest sits idle, its clock running), then sleeps.
     */
    private static final class StallBefore implements MapFunction<RawFeedRecord, RawFeedRecord> {
        private static final long serialVersionUID = 1L;
        private final long offset;
        private final long millis;

        StallBefore(long offset, long millis) {
            this.offset = offset;
            this.millis = millis;
        }

        @Override
        public RawFeedRecord map(RawFeedRecord record) throws Exception {
            if (record.offset() == offset) {
                long until = System.currentTimeMillis() + 60_000;
                while (sinks.received(OutputTopic.DEAD_LETTERS).isEmpty() && System.currentTimeMillis() < until) {
                    Thread.sleep(10);
                }
                Thread.sleep(millis);
            }
            return record;
        }
    }
}
