package org.ember.infra.cli.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ember.infra.cli.UserError;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;

/**
 * Reads and writes Ember's rule topics for the {@code ember rules} commands: the compacted
 * {@code ember.rules} (snapshots) and {@code ember.rules.events} (what the job made of them). Each
 * read goes from the start to the current end of the topic and stops.
 */
final class RuleTopics {
    private final String bootstrapServers;
    private final Duration timeout;

    RuleTopics(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** The latest readable snapshot on {@code ember.rules}, if any. */
    Optional<RuleSnapshot> latestSnapshot() {
        RuleSnapshot latest = null;
        for (byte[] value : readAll(Topics.RULES)) {
            try {
                RuleSnapshot snapshot = RuleSnapshot.parse(value);
                if (latest == null || snapshot.version() >= latest.version()) {
                    latest = snapshot;
                }
            } catch (IllegalArgumentException unreadable) {
                // Someone published something else under the key; the job rejects it too.
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Every event the job published about rule snapshots, oldest first. */
    List<RuleEvent> events() {
        List<RuleEvent> events = new ArrayList<>();
        for (byte[] value : readAll(Topics.RULE_EVENTS)) {
            try {
                events.add(Json.fromBytes(value, RuleEvent.class));
            } catch (RuntimeException unreadable) {
                // Not an event of this version of Ember: skip.
            }
        }
        return events;
    }

    /** Publishes a snapshot under the key {@value RuleSnapshot#KEY} and waits for the broker to have it. */
    void publish(byte[] snapshot) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ember-rules-push");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        int requestTimeout = (int) Math.min(timeout.toMillis(), 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout);
        // Kafka insists on delivery timeout ≥ linger + request timeout.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), requestTimeout + 5_000L));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RULES, RuleSnapshot.KEY, snapshot)).get(timeout.toMillis() + 5_000,
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new UserError("could not publish to " + Topics.RULES + " at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while publishing the rules", e);
        }
    }

    private List<byte[]> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ember-rules-cli-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new UserError("topic " + topic + " does not exist at " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!caughtUp(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new UserError("timed out reading " + topic + " at " + bootstrapServers);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        values.add(record.value());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UserError("no Kafka broker answered at " + bootstrapServers + " within " + timeout.toSeconds()
                    + " s (set --bootstrap-servers)", e);
        } catch (KafkaException e) {
            throw new UserError("cannot read " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
        return values;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
