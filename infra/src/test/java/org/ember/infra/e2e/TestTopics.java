package org.ember.infra.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.model.codec.Json;

/** Writing to and reading from the real broker's topics in end-to-end tests. */
final class TestTopics {
    private TestTopics() {}

    static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(String bootstrapServers, String topic, byte[] value) throws Exception {
        send(bootstrapServers, topic, value, org.ember.jobs.testing.TestFeeds.sentAt(value));
    }

    /** Sends as a partner would at {@code sentAt} (epoch ms): ingest judges event times against it. */
    static void send(String bootstrapServers, String topic, byte[] value, long sentAt) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            producer.send(new ProducerRecord<>(topic, null, sentAt, null, value)).get();
        }
    }

    /**
     * Reads a topic from the start until {@code done} holds or the time runs out, and returns what
     * it read (pass {@code l -> false} to read everything that arrives within the time).
     *
     * @param committedOnly read_committed, as duty officers' and partners' consumers read
     */
    static <T> List<T> read(String bootstrapServers, String topic, Class<T> type, boolean committedOnly,
            Predicate<List<T>> done, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    values.add(Json.fromBytes(r.value(), type));
                }
                if (done.test(values)) {
                    return values;
                }
            }
        }
        return values;
    }
}
