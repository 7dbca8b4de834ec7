package org.ember.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ember.model.Alert;
import org.ember.model.AreaCountsView;
import org.ember.model.Topics;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.codec.Json;

/**
 * Feeds the {@link LiveState} from {@code ember.hotspots} and {@code ember.alerts}. Every console
 * reads both topics whole, from the beginning, with its partitions assigned by hand and no consumer
 * group: the state is rebuilt from the log at each start, there are no offsets worth committing,
 * and two consoles never share the records out between them. Only committed records are read
 * ({@code read_committed}): the job writes exactly-once, in transactions.
 *
 * <p>A record that does not decode is logged and counted, never fatal: one bad record must not
 * blank the map.
 */
public final class KafkaFeedReader implements AutoCloseable {
    static final List<String> TOPICS = List.of(Topics.HOTSPOTS, Topics.ALERTS, Topics.TENSION);
    /** Topics read when they exist at start; the others are waited for. */
    static final List<String> OPTIONAL = List.of(Topics.TENSION);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(KafkaFeedReader.class.getName());

    private final Consumer<byte[], byte[]> consumer;
    private final LiveState state;
    private final MeterRegistry registry;
    private final Map<String, Counter> undecodable = new ConcurrentHashMap<>();
    private final Counter read;
    private final Thread thread;
    private volatile boolean running = true;

    KafkaFeedReader(Consumer<byte[], byte[]> consumer, LiveState state, MeterRegistry registry) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.state = Objects.requireNonNull(state, "state");
        this.registry = registry;
        this.read = Counter.builder("ember.console.records.read")
                .description("Records read from ember.hotspots and ember.alerts")
                .register(registry);
        this.thread = new Thread(this::run, "ember-console-kafka-reader");
        this.thread.setDaemon(true);
    }

    /** Starts reading from the given brokers on a daemon thread. */
    public static KafkaFeedReader start(String bootstrapServers, LiveState state, MeterRegistry registry) {
        return start(new KafkaConsumer<>(consumerProperties(bootstrapServers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()), state, registry);
    }

    static KafkaFeedReader start(Consumer<byte[], byte[]> consumer, LiveState state, MeterRegistry registry) {
        KafkaFeedReader reader = new KafkaFeedReader(consumer, state, registry);
        reader.thread.start();
        return reader;
    }

    static Properties consumerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ember-console");
        return props;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            LOG.log(System.Logger.Level.INFO, "console reading {0} partitions of {1} from the beginning",
                    partitions.size(), TOPICS);
            while (running) {
                pollOnce();
            }
        } catch (WakeupException | InterruptException e) {
            if (running) {
                LOG.log(System.Logger.Level.ERROR, "console feed reader stopped unexpectedly", e);
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private void pollOnce() {
        try {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                handle(record.topic(), record.value(), record.partition(), record.offset());
            }
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.log(System.Logger.Level.WARNING, "console cannot poll Kafka; retrying", e);
            pause();
        }
    }

    /** Every partition of both topics; waits (until closed) for topics that do not exist yet. */
    private List<TopicPartition> waitForPartitions() {
        boolean told = false;
        while (running) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos;
                try {
                    infos = consumer.partitionsFor(topic, METADATA_WAIT);
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    infos = List.of();
                }
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic);
                } else {
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                }
            }
            if (missing.isEmpty() || OPTIONAL.containsAll(missing)) {
                if (!missing.isEmpty()) {
                    // A job without the fusion stage publishes no tension: draw what there is rather than wait for ever.
                    LOG.log(System.Logger.Level.INFO, "console reads without {0} (not there at start)", missing);
                }
                return partitions;
            }
            if (!told) {
                LOG.log(System.Logger.Level.INFO, "console waiting for topics {0}", missing);
                told = true;
            }
            pause();
        }
        return List.of();
    }

    /** Decodes one record and applies it; a bad record is logged and counted. */
    void handle(String topic, byte[] value, int partition, long offset) {
        read.increment();
        if (value == null) {
            return; // a tombstone carries nothing to draw
        }
        try {
            if (Topics.HOTSPOTS.equals(topic)) {
                // Two message types share the topic, told apart by "type" (one sealed type per topic is issue 10's to add;
                // when it lands, switch on it here).
                String type = Json.fromBytes(value, com.fasterxml.jackson.databind.JsonNode.class).path("type").asText("");
                if (type.isEmpty() || AreaCountsView.TYPE.equals(type)) {
                    state.apply(Json.fromBytes(value, AreaCountsView.class));
                } else {
                    state.apply(Json.fromBytes(value, HotspotUpdate.class));
                }
            } else if (Topics.ALERTS.equals(topic)) {
                state.apply(Json.fromBytes(value, Alert.class));
            } else if (Topics.TENSION.equals(topic)) {
                // One message type per topic (TensionUpdate); when the job's topics become sealed types, switch on them here.
                TensionUpdate tension = Json.fromBytes(value, TensionUpdate.class);
                if (tension.type() == null || TensionUpdate.TYPE.equals(tension.type())) {
                    state.apply(tension);
                }
            }
        } catch (RuntimeException e) {
            undecodable.computeIfAbsent(topic, t -> Counter.builder("ember.console.records.undecodable")
                    .description("Records the console could not decode or apply")
                    .tag("topic", t)
                    .register(registry)).increment();
            LOG.log(System.Logger.Level.WARNING, "skipping undecodable record " + topic + "-" + partition + "@" + offset
                    + ": " + e.getMessage());
        }
    }

    /** Waits before a retry, in short steps so that close() is not kept waiting. */
    private void pause() {
        long until = System.nanoTime() + RETRY_PAUSE.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
