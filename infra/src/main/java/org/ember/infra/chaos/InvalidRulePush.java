package org.ember.infra.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.rules.SourceFile;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;

/**
 * An invalid rule set pushed past {@code ember rules check} (as a broken tool might): the deployment's
 * rules with one key misspelt. The job must reject it with file:line:column problems and keep the
 * rules in force.
 */
public final class InvalidRulePush {
    private InvalidRulePush() {}

    /** Publishes the broken snapshot as {@code version}; returns the name of the file broken. */
    public static String publish(String bootstrapServers, Path rulesDir, long version) throws Exception {
        List<SourceFile> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(rulesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                sources.add(new SourceFile(file.getFileName().toString(), Files.readString(file)));
            }
        }
        SourceFile first = sources.stream().filter(s -> s.text().contains("severity:")).findFirst()
                .orElseThrow(() -> new IOException("no rule with a severity in " + rulesDir));
        sources.set(sources.indexOf(first), new SourceFile(first.name(), first.text().replaceFirst("severity:", "sevrity:")));
        RuleSnapshot snapshot = RuleSnapshot.of(version, sources, Instant.now(), "ember chaos");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RULES, RuleSnapshot.KEY.getBytes(StandardCharsets.UTF_8),
                    snapshot.toBytes())).get(60, TimeUnit.SECONDS);
        }
        return first.name();
    }

    /** The job's event about {@code version} on {@code ember.rules.events}, once it is there. */
    public static Optional<RuleEvent> awaitEvent(String bootstrapServers, long version, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ember-chaos-rules-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.RULE_EVENTS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    RuleEvent event = Json.fromBytes(r.value(), RuleEvent.class);
                    if (event.version() == version) {
                        return Optional.of(event);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
