package org.ember.infra.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.ember.console.health.HealthReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task stuck in a loop leaves the job "RUNNING": the age of the last checkpoint is what shows it
 * (this is how the 2017-dated record stopped the job unnoticed).
 */
class JobHealthWatchTest {
    @TempDir
    Path checkpoints;

    private JobHealthWatch watch(String status) {
        return new JobHealthWatch(() -> status, checkpoints, Duration.ofSeconds(10), "127.0.0.1:1", "g",
                Duration.ofHours(1), Duration.ofHours(1), r -> { }, Clock.systemUTC());
    }

    private void checkpointAt(Instant when) throws Exception {
        Path metadata = checkpoints.resolve("job-1/chk-7/_metadata");
        Files.createDirectories(metadata.getParent());
        Files.write(metadata, new byte[] {1});
        Files.setLastModifiedTime(metadata, FileTime.from(when));
    }

    @Test
    void aRunningJobWhoseCheckpointsStoppedIsUnhealthy() throws Exception {
        checkpointAt(Instant.now().minusSeconds(120));
        try (JobHealthWatch watch = watch("RUNNING")) {
            HealthReport report = watch.measure();
            assertThat(report.healthy()).isFalse();
            assertThat(report.ready()).isFalse();
            assertThat(report.details().get("problem")).contains("no checkpoint for");
        }
    }

    @Test
    void aFreshCheckpointOfARunningJobIsHealthyButNotReadyWithoutKafka() throws Exception {
        checkpointAt(Instant.now());
        try (JobHealthWatch watch = watch("RUNNING")) {
            HealthReport report = watch.measure();
            assertThat(report.healthy()).isTrue();
            assertThat(report.ready()).isFalse();
            assertThat(report.details()).containsKey("kafka");
        }
    }

    @Test
    void aRestartingJobIsUnhealthyWhateverItsCheckpoints() throws Exception {
        checkpointAt(Instant.now());
        try (JobHealthWatch watch = watch("RESTARTING")) {
            assertThat(watch.measure().healthy()).isFalse();
        }
    }
}
