package org.ember.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSources;
import org.ember.jobs.bounded.InMemoryJobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.junit.jupiter.api.Test;

/**
 * Idleness is measured on the wall clock, so a bounded run must never use it: a feed stalled by load
 * would go idle, the watermark would jump and the alerts would change run to run.
 */
class IngestIdlenessTest {
    private final JobSettings oneSecond = TestFeeds.settings(TestFeeds.weaponRule(2));

    /** Stands for the Kafka sources: never finishes. */
    private static final JobSources LIVE = new JobSources() {
        @Override
        public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void liveSourcesKeepTheIdlenessTheSettingsGiveUpToTheCap() {
        assertThat(LIVE.bounded()).isFalse();
        assertThat(IngestStage.idleness(LIVE, oneSecond)).as("a quiet feed holds every alert back this long at most")
                .isEqualTo(org.ember.jobs.order.ArrivalWatermarks.LIVE_IDLENESS_CAP);
        JobSettings short50 = new JobSettings(oneSecond.dataDir(), oneSecond.coverage(), 250, oneSecond.pseudonymiser(),
                oneSecond.rules(), oneSecond.outOfOrderness(), Duration.ofMillis(50), null, null);
        assertThat(IngestStage.idleness(LIVE, short50)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void boundedSourcesNeverTakeAFeedForIdle() {
        try (InMemoryJobSources memory = new InMemoryJobSources(java.util.Map.of())) {
            assertThat(IngestStage.idleness(memory, oneSecond)).isNull();
        }
        assertThat(IngestStage.idleness(new BoundedJobSources(), oneSecond)).isNull();
    }

    @Test
    void noIdlenessOrZeroMeansNone() {
        JobSettings none = new JobSettings(oneSecond.dataDir(), oneSecond.coverage(), 250, oneSecond.pseudonymiser(),
                oneSecond.rules(), oneSecond.outOfOrderness(), null, null, null);
        JobSettings zero = new JobSettings(oneSecond.dataDir(), oneSecond.coverage(), 250, oneSecond.pseudonymiser(),
                oneSecond.rules(), oneSecond.outOfOrderness(), Duration.ZERO, null, null);
        assertThat(IngestStage.idleness(LIVE, none)).isNull();
        assertThat(IngestStage.idleness(LIVE, zero)).isNull();
    }
}
