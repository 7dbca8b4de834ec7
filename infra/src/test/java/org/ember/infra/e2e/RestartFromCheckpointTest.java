package org.ember.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.RunningJob;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job stops after counting two reports of a stabbing and resumes from its retained
 * checkpoint: it must not read those two again, yet the third report, arriving while it was down,
 * must complete the count and raise the alert exactly once.
 */
class RestartFromCheckpointTest {
    @TempDir
    static Path work;

    private static KafkaBroker broker;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        Metrics.globalRegistry.add(METERS);
        broker = KafkaBroker.start(work.resolve("kafka"), 0);
        broker.createTopics();
    }

    @AfterAll
    static void stop() {
        broker.close();
        Metrics.globalRegistry.remove(METERS);
    }

    @Test
    void resumesFromTheLastCheckpointWithNothingLostAndNothingRepeated() throws Exception {
        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-restart",
                "ember-restart", work.resolve("checkpoints"), Duration.ofMillis(500), 1);

        send(Feed.POLICE, TestFeeds.knifeCrime("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE));
        send(Feed.AMBULANCE, TestFeeds.stabbingCallout("AMB-1", FRIDAY_22H.plusSeconds(420), CARDIFF_CENTRE));
        try (RunningJob first = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)), run)) {
            awaitRecordsIn(2, Duration.ofSeconds(60));
            Thread.sleep(3_000); // several checkpoints now hold the two reports
            assertThat(first.status()).isEqualTo("RUNNING");
        }
        Path checkpoint = EmberJobRunner.latestCheckpoint(run.checkpointDir()).orElseThrow();

        // While the job is down: the A&E attendance for the same stabbing, and later police activity
        // that moves event time past the hour.
        send(Feed.AE, TestFeeds.knifeAttendance("AE-1", FRIDAY_22H.plusSeconds(300), Duration.ofMinutes(50), CARDIFF_CENTRE));
        send(Feed.POLICE, TestFeeds.assault("CR-2", FRIDAY_22H.plus(Duration.ofHours(3)), SWANSEA_CENTRE));
        double readBeforeRestart = recordsIn();

        try (RunningJob resumed = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)),
                run.restoringFrom(checkpoint))) {
            List<Alert> alerts = readAlerts(Duration.ofSeconds(60), l -> !l.isEmpty());
            Thread.sleep(3_000);
            alerts = readAlerts(Duration.ofSeconds(3), l -> false);

            assertThat(recordsIn() - readBeforeRestart).as("only the two new records are read").isEqualTo(2);
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.state()).isEqualTo(Alert.FIRING);
                assertThat(alert.value()).as("two reports from before the restart, one after").isEqualTo(3);
                // Raised on the third report, at the arrival clock: when the A&E attendance (arrived at
                // the department 22:55) was sent, a minute later.
                assertThat(alert.episodeStart()).isEqualTo(FRIDAY_22H.plus(Duration.ofMinutes(56)).toEpochMilli());
            });
            assertThat(resumed.status()).isEqualTo("RUNNING");
        }
    }

    private static double recordsIn() {
        return METERS.find("ember.records.in").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void awaitRecordsIn(double expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (recordsIn() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(recordsIn()).isEqualTo(expected);
    }

    private static void send(Feed feed, Object record) throws Exception {
        TestTopics.send(broker.bootstrapServers(), feed.topic(), Json.toBytes(record));
    }

    private static List<Alert> readAlerts(Duration timeout, java.util.function.Predicate<List<Alert>> done) {
        return TestTopics.read(broker.bootstrapServers(), Topics.ALERTS, Alert.class, true, done, timeout);
    }
}
