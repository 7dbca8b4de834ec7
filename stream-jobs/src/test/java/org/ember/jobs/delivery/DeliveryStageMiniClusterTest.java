package org.ember.jobs.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
import org.ember.rules.delivery.AckLinks;
import org.ember.rules.delivery.DeliveryRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job with the delivery stage on the MiniCluster, generic types disabled: every record
 * of the stage has a Flink serializer of its own. With no group wait the first message goes out
 * as soon as the alert arrives, so the bounded job needs no timer to fire.
 */
class DeliveryStageMiniClusterTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path work;

    @Test
    void aCardiffAlertIsWrittenToTheOutboxForTheOfficerOnDutyAndAudited() throws Exception {
        String routes = DeliveryFixtures.ROUTES.replace("group_wait: 1s", "group_wait: 0s");
        DeliverySettings delivery = new DeliverySettings("routes.yaml", routes, "oncall.yaml", DeliveryFixtures.ONCALL,
                DeliverySettings.MODE_OUTBOX, null, work.resolve("outbox").toString(), work.resolve("ledger").toString(),
                new AckLinks("http://127.0.0.1:8080/"), DeliveryFixtures.fastBackoff());
        BoundedJobSources feeds = new BoundedJobSources()
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.knifeCrime("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE)))
                .add(TestFeeds.raw(Feed.AMBULANCE, TestFeeds.stabbingCallout("AMB-1", FRIDAY_22H.plusSeconds(420),
                        CARDIFF_CENTRE)))
                .add(TestFeeds.raw(Feed.POLICE, TestFeeds.assault("CR-2", FRIDAY_22H.plus(Duration.ofHours(3)),
                        CARDIFF_CENTRE)));
        CollectingJobSinks sinks = new CollectingJobSinks();
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);

        EmberJob.build(env, feeds, sinks, TestFeeds.settings(TestFeeds.weaponRule(2)).withDelivery(delivery));
        env.execute("delivery-minicluster-test");

        List<DeliveryRecord> records = sinks.received(DeliveryStage.DELIVERIES);
        assertThat(records).filteredOn(r -> DeliveryRecord.SENT.equals(r.outcome())).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("duty@cardiff.example");
            assertThat(r.reason()).isEqualTo("firing");
            assertThat(r.fingerprints()).hasSize(1);
        });
        try (Stream<Path> files = Files.list(work.resolve("outbox"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml"))).hasSize(1);
        }
    }
}
