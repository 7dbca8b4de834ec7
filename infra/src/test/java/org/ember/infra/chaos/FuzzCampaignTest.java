package org.ember.infra.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ember.deployment.Deployment;
import org.ember.infra.cli.DeploymentOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ember chaos fuzz} at CI size: fuzzed South Wales records through the real broker and the
 * job. Every record is accounted for (in = processed + dead-lettered) and no value of an unknown
 * field reaches an output topic, a notification or the log. The 100,000-record figures are in
 * docs/reliability.md ({@code ember chaos fuzz}).
 */
class FuzzCampaignTest {
    private static final long COUNT = Long.getLong("ember.chaos.fuzz", 3_000);

    @TempDir
    Path work;

    @Test
    void fuzzedFeedsReconcileExactlyAndLeakNoUnknownField() throws Exception {
        Path home = Path.of(System.getProperty("ember.home", "..")).toAbsolutePath().normalize();
        Path file = home.resolve("deployments/south-wales-gwent/deployment.yaml");
        Deployment deployment = DeploymentOption.load(file, dataDir(home), System.getenv());

        FuzzFigures figures = FuzzRun.run(work, file, deployment, COUNT, 42, System.out);
        System.out.print(figures.report());

        assertThat(figures.sent()).isEqualTo(COUNT);
        assertThat(figures.byKind()).as("every kind of fuzz sent").hasSize(FuzzKind.values().length);
        assertThat(figures.in()).as("records the job read").isEqualTo(figures.sent());
        assertThat(figures.unaccounted()).as("in - processed - dead-lettered").isZero();
        assertThat(figures.processed()).as("untouched records still go through").isPositive();
        assertThat(figures.deadLettered()).as("fuzzed records are dead-lettered")
                .isGreaterThanOrEqualTo(figures.sent() / 2);
        assertThat(figures.topics()).as("output topics read").containsKeys("ember.dlq", "ember.alerts");
        assertThat(figures.topics().get("ember.dlq").records()).isEqualTo(figures.deadLettered());
        assertThat(figures.topicLeaks()).as("unknown-field values in output topics: %s", figures.topics()).isZero();
        assertThat(figures.outboxLeaks()).as("in notifications").isZero();
        assertThat(figures.logChars()).as("the job's log was captured").isPositive();
        assertThat(figures.logLeaks()).as("in the log").isZero();
    }

    private static Path dataDir(Path home) {
        return Path.of(System.getProperty("ember.data.dir", home.resolve("../shared/data").toString())).toAbsolutePath();
    }
}
