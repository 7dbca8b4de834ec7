package org.ember.infra.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every record of every topic but the feeds (aborted transactions included: what any reader
 * could ever see) and counts occurrences of the {@link Canary} marker per topic.
 */
public final class OutputScan {
    private OutputScan() {}

    /** Topic → records read and marker occurrences. */
    public record TopicScan(long records, long leaks) {}

    public static Map<String, TopicScan> scan(String bootstrapServers) throws Exception {
        Map<String, TopicScan> out = new TreeMap<>();
        Set<String> topics;
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminProps)) {
            topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
        topics.removeIf(t -> t.startsWith("feed."));
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (String topic : topics) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                long records = 0;
                long leaks = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                        records++;
                        leaks += count(r.key()) + count(r.value());
                        for (var header : r.headers()) {
                            leaks += Canary.count(header.key()) + count(header.value());
                        }
                    }
                }
                out.put(topic, new TopicScan(records, leaks));
            }
        }
        return out;
    }

    private static long count(byte[] bytes) {
        return bytes == null ? 0 : Canary.count(new String(bytes, StandardCharsets.UTF_8));
    }
}
