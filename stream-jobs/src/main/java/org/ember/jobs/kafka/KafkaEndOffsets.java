package org.ember.jobs.kafka;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.ember.jobs.order.FeedClock.PartitionEnds;

/**
 * Asks the broker where a topic's partitions start and end (committed records only), for
 * {@link KafkaArrivalClock} to tell a feed that has been read to the end from one whose records
 * are still waiting. Serializable: it travels with the job graph and opens its admin client in the
 * TaskManager. Every reader of the same cluster in a JVM shares one client, closed a minute after
 * the last question (a restarted task would otherwise leave its client behind).
 */
final class KafkaEndOffsets implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long CLOSE_UNUSED_AFTER_MS = 60_000;
    private static final Map<Map<String, String>, SharedAdmin> ADMINS = new HashMap<>();
    private static final ScheduledExecutorService JANITOR = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ember-end-offsets-janitor");
        thread.setDaemon(true);
        return thread;
    });

    static {
        JANITOR.scheduleWithFixedDelay(KafkaEndOffsets::closeUnused, 10, 10, TimeUnit.SECONDS);
    }

    private final Map<String, String> clientConfig;

    /** @param clientProperties the deployment's client properties (TLS, SASL), as the sources use them */
    KafkaEndOffsets(String bootstrapServers, Map<String, String> clientProperties) {
        Map<String, String> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // An answer that comes late is worthless (the feed goes idle after its longest hold anyway).
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ember-end-offsets");
        this.clientConfig = Map.copyOf(config);
    }

    /** The topic's partitions' first and next offsets; completes exceptionally when the broker cannot say. */
    CompletableFuture<PartitionEnds> ask(String topic) {
        try {
            return askBroker(topic);
        } catch (RuntimeException e) {
            // A client that cannot even be made is an answer too: the clock's longest hold applies.
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<PartitionEnds> askBroker(String topic) {
        Admin admin = admin();
        return admin.describeTopics(List.of(topic)).allTopicNames().toCompletionStage().toCompletableFuture()
                .thenCompose(topics -> {
                    TopicDescription description = topics.get(topic);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                    Map<TopicPartition, OffsetSpec> newest = new HashMap<>();
                    description.partitions().forEach(p -> {
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                        earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                        newest.put(new TopicPartition(topic, p.partition()), OffsetSpec.maxTimestamp());
                    });
                    ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
                    CompletableFuture<Map<Integer, Long>> ends = offsets(admin.listOffsets(latest, committedOnly));
                    CompletableFuture<Map<Integer, Long>> starts = offsets(admin.listOffsets(earliest, committedOnly));
                    // The newest arrivals are a help, not the answer: without them the ends still count.
                    CompletableFuture<Map<Integer, Long>> arrivals = timestamps(admin.listOffsets(newest, committedOnly))
                            .exceptionally(e -> Map.of());
                    return CompletableFuture.allOf(starts, ends, arrivals)
                            .thenApply(done -> new PartitionEnds(starts.join(), ends.join(), arrivals.join()));
                });
    }

    private static CompletableFuture<Map<Integer, Long>> offsets(ListOffsetsResult result) {
        return result.all().toCompletionStage().toCompletableFuture().thenApply(all -> {
            Map<Integer, Long> byPartition = new HashMap<>();
            all.forEach((partition, info) -> byPartition.put(partition.partition(), info.offset()));
            return byPartition;
        });
    }

    /** Each partition's newest timestamp (−1 where it has none the broker will give). */
    private static CompletableFuture<Map<Integer, Long>> timestamps(ListOffsetsResult result) {
        return result.all().toCompletionStage().toCompletableFuture().thenApply(all -> {
            Map<Integer, Long> byPartition = new HashMap<>();
            all.forEach((partition, info) -> byPartition.put(partition.partition(), info.timestamp()));
            return byPartition;
        });
    }

    private Admin admin() {
        synchronized (ADMINS) {
            SharedAdmin shared = ADMINS.computeIfAbsent(clientConfig, config -> {
                Properties properties = new Properties();
                properties.putAll(config);
                return new SharedAdmin(Admin.create(properties));
            });
            shared.lastUsed = System.currentTimeMillis();
            return shared.admin;
        }
    }

    private static void closeUnused() {
        long now = System.currentTimeMillis();
        synchronized (ADMINS) {
            ADMINS.values().removeIf(shared -> {
                if (now - shared.lastUsed < CLOSE_UNUSED_AFTER_MS) {
                    return false;
                }
                shared.admin.close(java.time.Duration.ZERO);
                return true;
            });
        }
    }

    private static final class SharedAdmin {
        private final Admin admin;
        private long lastUsed;

        SharedAdmin(Admin admin) {
            this.admin = admin;
        }
    }
}
