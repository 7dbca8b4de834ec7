package org.ember.infra.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ember.model.Topics;

/**
 * What {@code ember.alerts} and {@code ember.deliveries} hold about e-mails the comparison found lost
 * or repeated, in wall-clock order, both runs: every delivery record of the notification's group
 * (aborted transactions included and marked) and every transition of the alerts in it, with when the
 * job processed it and its event-time span. Printed by the test, so a failed run can be read after
 * the brokers are gone; runs 6 and 8's lost e-mail needed the brokers' log files for this.
 */
final class NotificationHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationHistory() {}

    private record Entry(TopicPartition partition, long offset, JsonNode value) {}

    /** {@code mailKeys} as the test counts e-mails: {@code <delivery key> [<recipients>]}. */
    static String of(String bootstrapServers, Collection<String> mailKeys) {
        if (mailKeys.isEmpty()) {
            return "";
        }
        List<Entry> deliveries = read(bootstrapServers, Topics.DELIVERIES, "read_uncommitted");
        Set<String> committed = new HashSet<>();
        read(bootstrapServers, Topics.DELIVERIES, "read_committed").forEach(e -> committed.add(id(e)));
        List<Entry> alerts = read(bootstrapServers, Topics.ALERTS, "read_uncommitted");
        StringBuilder text = new StringBuilder();
        for (String mailKey : mailKeys) {
            String deliveryKey = mailKey.split(" ", 2)[0];
            String lead = deliveryKey.split("#", 2)[0];
            Set<String> groups = new LinkedHashSet<>();
            Set<String> fingerprints = new LinkedHashSet<>(List.of(lead));
            for (Entry e : deliveries) {
                if (deliveryKey.equals(e.value().path("delivery_key").asText())) {
                    groups.add(e.value().path("group_key").asText());
                }
            }
            text.append("history of ").append(mailKey).append(" (groups ").append(groups).append("):\n");
            List<Entry> group = deliveries.stream().filter(e -> groups.contains(e.value().path("group_key").asText()))
                    .sorted(Comparator.comparingLong(e -> e.value().path("at").asLong())).toList();
            for (Entry e : group) {
                JsonNode r = e.value();
                r.path("fingerprints").forEach(f -> fingerprints.add(f.asText()));
                text.append(String.format("  %s delivery %-9s %s %s %s%s%n", Instant.ofEpochMilli(r.path("at").asLong()),
                        r.path("outcome").asText(), r.path("delivery_key").asText(), r.path("reason").asText(),
                        r.path("fingerprints"), committed.contains(id(e)) ? "" : " (ABORTED transaction)"));
            }
            alerts.stream().filter(e -> fingerprints.contains(e.value().path("fingerprint").asText()))
                    .sorted(Comparator.comparingLong(e -> e.value().path("processed_at").asLong()))
                    .forEach(e -> {
                        JsonNode a = e.value();
                        long start = a.path("episode_start").asLong();
                        long at = a.path("event_time").asLong();
                        text.append(String.format("  %s alert    %-9s %s %s, event time %s + %s%n",
                                Instant.ofEpochMilli(a.path("processed_at").asLong()), a.path("state").asText(),
                                a.path("fingerprint").asText(), a.path("rule").asText(), Instant.ofEpochMilli(start),
                                Duration.ofMillis(at - start)));
                    });
        }
        return text.toString();
    }

    /**
     * Delivery key → the alerts of its notification, from every record (aborted ones too: the
     * message may have gone out before its transaction was aborted) made in {@code [from, to)}.
     */
    static Map<String, Set<String>> fingerprintsByDeliveryKey(String bootstrapServers, Instant from, Instant to) {
        Map<String, Set<String>> byKey = new java.util.HashMap<>();
        for (Entry e : read(bootstrapServers, Topics.DELIVERIES, "read_uncommitted")) {
            long at = e.value().path("at").asLong();
            if (at >= from.toEpochMilli() && at < to.toEpochMilli() && e.value().hasNonNull("notification_key")) {
                Set<String> alerts = byKey.computeIfAbsent(e.value().path("delivery_key").asText(), k -> new java.util.TreeSet<>());
                e.value().path("fingerprints").forEach(f -> alerts.add(f.asText()));
            }
        }
        return byKey;
    }

    /** Committed delivery records from {@code from} on: outcome → how many. */
    static Map<String, Long> outcomesSince(String bootstrapServers, Instant from) {
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (Entry e : read(bootstrapServers, Topics.DELIVERIES, "read_committed")) {
            if (e.value().path("at").asLong() >= from.toEpochMilli()) {
                outcomes.merge(e.value().path("outcome").asText(), 1L, Long::sum);
            }
        }
        return outcomes;
    }

    private static String id(Entry e) {
        return e.partition() + "@" + e.offset();
    }

    private static List<Entry> read(String bootstrapServers, String topic, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        entries.add(new Entry(new TopicPartition(record.topic(), record.partition()), record.offset(),
                                JSON.readTree(record.value())));
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable record on " + topic + " at " + record.offset(), e);
                    }
                }
            }
        }
        return entries;
    }
}
