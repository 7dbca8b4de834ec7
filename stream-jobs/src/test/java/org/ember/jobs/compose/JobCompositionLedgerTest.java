package org.ember.jobs.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.ember.deployment.Deployment;
import org.ember.jobs.delivery.DeliverySettings;
import org.ember.jobs.testing.TestFeeds;
import org.junit.jupiter.api.Test;

/** The job jar will not start without a delivery ledger every TaskManager can reach. */
class JobCompositionLedgerTest {
    private static final String[] BASE = {"--deployment", "deployment.yaml", "--bootstrap-servers", "127.0.0.1:9092",
        "--data-dir", "data"};

    private static JobArguments args(String... more) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return JobArguments.parse(all);
    }

    @Test
    void withoutALedgerTheJarRefusesToStartAndSaysWhatToGive() {
        Deployment southWales = TestFeeds.southWales();
        assertThatThrownBy(() -> JobComposition.jarDelivery(args(), southWales))
                .isInstanceOf(JobComposition.CompositionException.class)
                .hasMessageContaining("--delivery-ledger is required")
                .hasMessageContaining("every TaskManager");
    }

    @Test
    void aRelativeLedgerPathIsRefusedBecauseEachTaskManagerWouldResolveItElsewhere() {
        assertThatThrownBy(() -> JobComposition.jarDelivery(args("--delivery-ledger", "ledger"), TestFeeds.southWales()))
                .hasMessageContaining("relative path");
    }

    @Test
    void theLedgerTheArgumentsNameIsTheOneDeliveryUsesAndSurvivesTheTripToTheJar() throws Exception {
        JobArguments parsed = args("--delivery-ledger", "s3://ember-state/delivery-ledger");
        DeliverySettings delivery = JobComposition.jarDelivery(parsed, TestFeeds.southWales());
        assertThat(delivery.ledgerDir()).isEqualTo("s3://ember-state/delivery-ledger");

        JobArguments submitted = new JobArguments(Path.of("d.yaml"), "b:9092", Path.of("/data"), null, "g",
                Duration.ofSeconds(5), false).withDeliveryLedger("file:///mnt/ember/ledger");
        assertThat(JobArguments.parse(submitted.toArgs().toArray(String[]::new))).isEqualTo(submitted);
        assertThat(JobComposition.jarDelivery(args("--delivery-ledger", "/mnt/ember/ledger"), TestFeeds.southWales())
                .ledgerDir()).isEqualTo("/mnt/ember/ledger");
    }
}
