package org.ember.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.forecast.ForecastRanking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forecast stage inside the whole job on the MiniCluster, with Flink's own serializers only (no
 * Kryo fallback) for its state and its output. The police feed is paced (a pause longer than the
 * periodic watermark interval before each record) so that event time moves while records still
 * come, as it does live; a collection source run flat out would only reach the end of input, where
 * no day is issued. Which days get a ranking depends on when the watermarks land, so the test
 * checks each ranking against the events before its day; the harness test pins the ranking itself.
 */
class ForecastStageMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theJobPublishesRankingsPerSpokeWithFlinksOwnSerializers() throws Exception {
        BoundedJobSources feeds = new BoundedJobSources();
        for (int day = 0; day < 6; day++) {
            for (int k = 0; k < 3; k++) {
                feeds.add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-" + day + "-" + k,
                        FRIDAY_22H.plusSeconds(day * 86_400L + k * 600L), k == 2 ? SWANSEA_CENTRE : CARDIFF_CENTRE)));
            }
        }
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        CollectingJobSinks sinks = new CollectingJobSinks();
        ForecastSettings forecast = new ForecastSettings(Map.of("W06000015", "cardiff", "W06000011", "swansea"), "kde",
                150, 7, 365, 10, 300, 90, "Europe/London");

        EmberJob.build(env, new PacedSources(feeds, Feed.POLICE), sinks, TestFeeds.settings(TestFeeds.weaponRule(2)).withForecast(forecast));
        assertThat(env.getStreamGraph(false).getStreamNodes())
                .anySatisfy(n -> assertThat(n.getOperatorName()).isEqualTo("Daily hotspot ranking per spoke"));
        env.execute("ember-forecast-minicluster-test");

        List<ForecastRanking> rankings = sinks.received(ForecastStage.FORECASTS);
        assertThat(rankings).filteredOn(r -> r.spoke().equals("cardiff")).isNotEmpty();
        LocalDate first = FRIDAY_22H.atZone(ZoneId.of("Europe/London")).toLocalDate();
        assertThat(rankings).allSatisfy(r -> {
            // Every spoke's records come once a day from the first day on: two a day in Cardiff, one in Swansea.
            long days = first.until(LocalDate.parse(r.issuedDay()), java.time.temporal.ChronoUnit.DAYS);
            assertThat(days).isBetween(1L, 6L);
            assertThat(r.events()).isEqualTo((r.spoke().equals("cardiff") ? 2 : 1) * days);
            assertThat(r.cells()).isNotEmpty();
        });
        assertThat(sinks.alerts()).as("the rest of the job still runs").isNotEmpty();
    }

    /** Bounded sources with one feed slowed to a record every 400 ms. */
    private record PacedSources(JobSources inner, Feed paced) implements JobSources {
        @Override
        public DataStream<RawFeedRecord> feed(StreamExecutionEnvironment env, Feed feed) {
            DataStream<RawFeedRecord> records = inner.feed(env, feed);
            return feed != paced ? records
                    : records.map(new Pause()).returns(TypeInformation.of(RawFeedRecord.class)).uid("test-pace-" + feed);
        }

        @Override
        public DataStream<RawFeedRecord> control(StreamExecutionEnvironment env, String topic) {
            return inner.control(env, topic);
        }

        /**
         * Bounded like the sources it paces: no feed is taken for idle (live idleness is at most
         * 200 ms, shorter than the pause), so the paced feed alone moves the clock.
         */
        @Override
        public boolean bounded() {
            return inner.bounded();
        }
    }

    private static final class Pause implements MapFunction<RawFeedRecord, RawFeedRecord> {
        @Override
        public RawFeedRecord map(RawFeedRecord record) throws InterruptedException {
            Thread.sleep(400);
            return record;
        }
    }
}
