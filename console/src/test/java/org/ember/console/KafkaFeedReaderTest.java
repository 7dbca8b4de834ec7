package org.ember.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.console.TestData.firing;
import static org.ember.console.TestData.hour;
import static org.ember.console.TestData.lsoaCounts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;

/** The reader against Kafka's own MockConsumer: assignment, replay from the start, bad records. */
class KafkaFeedReaderTest {
    private static final TopicPartition HOTSPOTS_0 = new TopicPartition(Topics.HOTSPOTS, 0);
    private static final TopicPartition HOTSPOTS_1 = new TopicPartition(Topics.HOTSPOTS, 1);
    private static final TopicPartition ALERTS_0 = new TopicPartition(Topics.ALERTS, 0);

    private final LiveState state = new LiveState();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");

    @Test
    void readsBothTopicsFromTheBeginningWithoutAGroupAndSkipsBadRecords() throws Exception {
        consumer.updatePartitions(Topics.HOTSPOTS, List.of(partition(HOTSPOTS_0), partition(HOTSPOTS_1)));
        consumer.updatePartitions(Topics.ALERTS, List.of(partition(ALERTS_0)));
        consumer.updateBeginningOffsets(Map.of(HOTSPOTS_0, 0L, HOTSPOTS_1, 0L, ALERTS_0, 0L));

        try (KafkaFeedReader reader = KafkaFeedReader.start(consumer, state, registry)) {
            waitUntil(() -> consumer.assignment().size() == 3);
            consumer.schedulePollTask(() -> {
                consumer.addRecord(record(HOTSPOTS_0, 0, Json.toBytes(lsoaCounts(TestData.CARDIFF_036A, hour(2), 12))));
                consumer.addRecord(record(HOTSPOTS_0, 1, "not json at all".getBytes(StandardCharsets.UTF_8)));
                consumer.addRecord(record(HOTSPOTS_1, 0, Json.toBytes(lsoaCounts("W01001700", hour(2), 3))));
                consumer.addRecord(record(ALERTS_0, 0, Json.toBytes(firing("fp-1", TestData.CARDIFF_036A, "Cardiff 036A", hour(2)))));
                consumer.addRecord(record(ALERTS_0, 1, "{\"fingerprint\": ".getBytes(StandardCharsets.UTF_8)));
            });
            waitUntil(() -> state.snapshot().counts().size() == 2 && state.snapshot().alerts().size() == 1);
            waitUntil(() -> registry.counter("ember.console.records.read").count() == 5);

            assertThat(consumer.assignment()).containsExactlyInAnyOrder(HOTSPOTS_0, HOTSPOTS_1, ALERTS_0);
            assertThat(consumer.position(HOTSPOTS_0)).isEqualTo(2);
            assertThat(state.counts(TestData.CARDIFF_036A)).get().extracting(c -> c.count24h()).isEqualTo(12L);
            assertThat(registry.counter("ember.console.records.undecodable", "topic", Topics.HOTSPOTS).count()).isEqualTo(1);
            assertThat(registry.counter("ember.console.records.undecodable", "topic", Topics.ALERTS).count()).isEqualTo(1);
            assertThat(reader.isAlive()).as("a bad record is never fatal").isTrue();
        }
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void readsTensionAndHotSpotLayersByTheirType() throws Exception {
        TopicPartition tension0 = new TopicPartition(Topics.TENSION, 0);
        consumer.updatePartitions(Topics.HOTSPOTS, List.of(partition(HOTSPOTS_0)));
        consumer.updatePartitions(Topics.ALERTS, List.of(partition(ALERTS_0)));
        consumer.updatePartitions(Topics.TENSION, List.of(partition(tension0)));
        consumer.updateBeginningOffsets(Map.of(HOTSPOTS_0, 0L, ALERTS_0, 0L, tension0, 0L));
        try (KafkaFeedReader reader = KafkaFeedReader.start(consumer, state, registry)) {
            waitUntil(() -> consumer.assignment().size() == 3);
            consumer.schedulePollTask(() -> {
                consumer.addRecord(record(tension0, 0, Json.toBytes(TestData.tension(TestData.CARDIFF_036A, "W06000015", hour(3),
                        "high", 2, "near repeat"))));
                consumer.addRecord(record(HOTSPOTS_0, 0, Json.toBytes(new org.ember.model.fusion.HotspotUpdate(
                        org.ember.model.fusion.HotspotUpdate.CELL_SCORED, "cell", "250m:1:2", "W06000015", hour(3), -3.18, 51.48,
                        Map.of("gi_z{window=7d}", 2.9), Map.of("bin", "3"), List.of()))));
                consumer.addRecord(record(HOTSPOTS_0, 1, Json.toBytes(lsoaCounts(TestData.CARDIFF_036A, hour(3), 6))));
            });
            waitUntil(() -> state.snapshot().tension().size() == 1 && state.snapshot().hotspots().size() == 1
                    && state.snapshot().counts().size() == 1);
            assertThat(state.snapshot().tension().get(0).level()).isEqualTo("high");
            assertThat(state.snapshot().hotspots().get(0).labels()).containsEntry("bin", "3");
        }
    }

    @Test
    void aJobWithoutTensionIsReadWithoutWaitingForIt() throws Exception {
        consumer.updatePartitions(Topics.HOTSPOTS, List.of(partition(HOTSPOTS_0)));
        consumer.updatePartitions(Topics.ALERTS, List.of(partition(ALERTS_0)));
        consumer.updateBeginningOffsets(Map.of(HOTSPOTS_0, 0L, ALERTS_0, 0L));
        try (KafkaFeedReader reader = KafkaFeedReader.start(consumer, state, registry)) {
            waitUntil(() -> consumer.assignment().size() == 2);
        }
    }

    @Test
    void waitsForTopicsThatDoNotExistYetAndStopsWhenClosed() throws Exception {
        KafkaFeedReader reader = KafkaFeedReader.start(consumer, state, registry);
        Thread.sleep(200);
        assertThat(consumer.assignment()).isEmpty();
        assertThat(reader.isAlive()).isTrue();

        reader.close();

        assertThat(reader.isAlive()).isFalse();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void consumerReadsOnlyCommittedRecordsFromTheEarliestOffsetWithoutAGroup() {
        Properties props = KafkaFeedReader.consumerProperties("127.0.0.1:9092");

        assertThat(props).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    private static PartitionInfo partition(TopicPartition tp) {
        Node node = new Node(0, "127.0.0.1", 9092);
        return new PartitionInfo(tp.topic(), tp.partition(), node, new Node[] {node}, new Node[] {node});
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, value);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
