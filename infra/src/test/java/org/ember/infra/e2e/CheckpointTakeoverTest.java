package org.ember.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.RunningJob;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ember job` takes over the demo's checkpoint although it runs fewer stages: the demo's graph has
 * fusion, the resumed one does not. Stable operator uids give the shared stages their state; the
 * left-out stage's state is dropped instead of the whole restore being refused ("operator … not
 * available in the new program").
 */
class CheckpointTakeoverTest {
    @TempDir
    Path work;

    @Test
    void aJobWithFewerStagesResumesTheDemosCheckpoint() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(meters);
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics();
            EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-takeover",
                    "ember-takeover", work.resolve("checkpoints"), Duration.ofMillis(500), 1);
            TestTopics.send(broker.bootstrapServers(), Feed.POLICE.topic(),
                    Json.toBytes(TestFeeds.knifeCrime("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE)));
            try (RunningJob demo = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)), run)) {
                await(meters, 1);
                Thread.sleep(3_000); // checkpoints now hold the report and the fusion stage's state
            }
            Path checkpoint = EmberJobRunner.latestCheckpoint(run.checkpointDir()).orElseThrow();
            TestTopics.send(broker.bootstrapServers(), Feed.POLICE.topic(),
                    Json.toBytes(TestFeeds.knifeCrime("CR-2", FRIDAY_22H.plusSeconds(600), CARDIFF_CENTRE)));
            double before = recordsIn(meters);
            try (RunningJob job = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)).withFusion(null),
                    run.restoringFrom(checkpoint))) {
                await(meters, before + 1);
                Thread.sleep(2_000);
                assertThat(job.status()).isEqualTo("RUNNING");
                assertThat(recordsIn(meters) - before).as("only the new record is read: offsets came back").isEqualTo(1);
            }
        } finally {
            Metrics.globalRegistry.remove(meters);
        }
    }

    private static double recordsIn(SimpleMeterRegistry meters) {
        return meters.find("ember.records.in").counters().stream().mapToDouble(Counter::count).sum();
    }

    private static void await(SimpleMeterRegistry meters, double expected) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (recordsIn(meters) < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(recordsIn(meters)).isEqualTo(expected);
    }
}
