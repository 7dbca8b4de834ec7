package org.ember.jobs.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.jobs.EmberJob;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.forecast.ForecastRanking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The forecast stage inside the whole job on the MiniCluster: it must run with Flink's own
 * serializers only (no Kryo fallback) for its state and its output, and what it publishes belongs
 * to the spoke of the incidents. Which days a bounded run publishes depends on when the periodic
 * watermarks happen to pass midnight, so the ranking's contents are pinned by the harness test.
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

        EmberJob.build(env, feeds, sinks, TestFeeds.settings(TestFeeds.weaponRule(2)).withForecast(forecast));
        assertThat(env.getStreamGraph(false).getStreamNodes())
                .anySatisfy(n -> assertThat(n.getOperatorName()).isEqualTo("Daily hotspot ranking per spoke"));
        env.execute("ember-forecast-minicluster-test");

        List<ForecastRanking> rankings = sinks.received(ForecastStage.FORECASTS);
        assertThat(rankings).allSatisfy(r -> {
            assertThat(r.spoke()).isIn("cardiff", "swansea");
            assertThat(r.cells()).isNotEmpty();
            assertThat(r.events()).isBetween(1, 12);
        });
        assertThat(sinks.alerts()).as("the rest of the job still runs").isNotEmpty();
    }
}
