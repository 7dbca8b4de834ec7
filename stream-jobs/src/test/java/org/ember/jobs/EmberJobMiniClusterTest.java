package org.ember.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.LONDON;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.CollectingJobSinks;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.feeds.PoliceIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job graph on Flink's MiniCluster, with bounded feeds and collecting sinks. */
class EmberJobMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        // Every record type must have a Flink serializer of its own: falling back to Kryo fails the test.
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    @Test
    void threeAgenciesReportingOneStabbingRaiseOneAlertAndBadRecordsAreDeadLettered() throws Exception {
        BoundedJobSources feeds = new BoundedJobSources()
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE)))
                .add(TestFeeds.raw(Feed.AMBULANCE, TestFeeds.stabbingCallout("AMB-1", FRIDAY_22H.plusSeconds(420), CARDIFF_CENTRE)))
                .add(TestFeeds.raw(Feed.AE, TestFeeds.knifeAttendance("AE-1", FRIDAY_22H.plusSeconds(300), Duration.ofHours(2),
                        CARDIFF_CENTRE)))
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.assault("CR-2", FRIDAY_22H.plusSeconds(900), SWANSEA_CENTRE)))
                .add(TestFeeds.raw(Feed.NAVIGATOR, TestFeeds.referral("NAV-1", FRIDAY_22H.plusSeconds(9000), "NAV-000042")))
                // A knife report in Swansea that police then cancel: it must not count.
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-3", FRIDAY_22H.plusSeconds(60), SWANSEA_CENTRE)))
                .add(TestFeeds.raw(Feed.POLICE, new PoliceIncident("CR-3", 2, "cancelled", FRIDAY_22H.plusSeconds(60),
                        "Violence with injury", null, true, false, SWANSEA_CENTRE)))
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-4", FRIDAY_22H.plusSeconds(120), SWANSEA_CENTRE)))
                // Three records that must reach the dead-letter topic, each with its reason.
                .add(TestFeeds.raw(Feed.POLICE, "{not json"))
                .add(TestFeeds.raw(Feed.AMBULANCE, "{\"call_id\":\"AMB-9\"}"))
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.assault("CR-5", FRIDAY_22H, LONDON)));
        CollectingJobSinks sinks = new CollectingJobSinks();
        StreamExecutionEnvironment env = environment();

        EmberJob.build(env, feeds, sinks, TestFeeds.settings(TestFeeds.weaponRule(2)));
        env.execute("ember-minicluster-test");

        List<DeadLetter> deadLetters = sinks.deadLetters();
        assertThat(deadLetters).hasSize(3);
        assertThat(deadLetters).extracting(DeadLetter::reason).anyMatch(r -> r.startsWith("not valid JSON"))
                .anyMatch(r -> r.contains("call_time")).anyMatch(r -> r.startsWith("outside coverage"));
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.originalSha256()).hasSize(64));

        // Swansea's knife report that police cancel counts until the cancellation is processed, so
        // with parallelism 2 it may fire there for a moment; it then resolves (checked below).
        List<Alert> alerts = sinks.alerts().stream().filter(a -> "W06000015".equals(a.lad())).toList();
        List<Alert> firing = alerts.stream().filter(a -> Alert.FIRING.equals(a.state())).toList();
        assertThat(firing).singleElement().satisfies(alert -> {
            assertThat(alert.rule()).isEqualTo("weapon-reports");
            assertThat(alert.lad()).isEqualTo("W06000015");
            // Evaluated on the record that tips it: the second of the three reports.
            assertThat(alert.value()).isEqualTo(2);
            assertThat(alert.areaName()).startsWith("Cardiff");
            assertThat(alert.summary()).contains("2 weapon reports in Cardiff");
        });
        assertThat(alerts).filteredOn(a -> Alert.RESOLVED.equals(a.state())).singleElement()
                .satisfies(resolved -> assertThat(resolved.fingerprint()).isEqualTo(firing.get(0).fingerprint()));

        List<Alert> inSwansea = sinks.alerts().stream().filter(a -> "W06000011".equals(a.lad())).toList();
        assertThat(inSwansea.stream().filter(a -> Alert.FIRING.equals(a.state())).map(Alert::fingerprint).toList())
                .as("whatever fired in Swansea resolved").isEqualTo(inSwansea.stream()
                        .filter(a -> Alert.RESOLVED.equals(a.state())).map(Alert::fingerprint).toList());

        List<AreaCounts> swansea = sinks.hotspots().stream()
                .filter(c -> "lad".equals(c.layer()) && "W06000011".equals(c.areaId())).toList();
        assertThat(swansea).isNotEmpty();
        List<Long> weapons = swansea.stream().map(c -> c.count("24h", "police", "weapon")).toList();
        assertThat(weapons).as("the cancelled knife report counts only until it is cancelled").allMatch(n -> n <= 2);
        assertThat(weapons.stream().filter(n -> n > 0).reduce((a, b) -> b)).as("then only the other counts").contains(1L);
    }
}
