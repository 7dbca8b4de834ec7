package org.ember.infra.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.model.codec.Json;

/**
 * Prints every alert transition committed to {@code ember.alerts} as one line starting
 * {@code ALERT }, the way a duty officer's terminal would show it: what, where, when, how strong.
 */
public final class AlertPrinter implements AutoCloseable {
    private static final DateTimeFormatter LONDON_TIME =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz").withZone(ZoneId.of("Europe/London"));

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final Thread thread;
    private final AtomicLong firing = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();
    private volatile boolean running = true;

    private final java.util.function.UnaryOperator<String> ladName;

    /**
     * @param ladName turns a local authority code into its name, for the printed line
     */
    public AlertPrinter(String bootstrapServers, PrintStream out, java.util.function.UnaryOperator<String> ladName) {
        this.ladName = ladName;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.out = out;
        TopicPartition partition = new TopicPartition(Topics.ALERTS, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.thread = new Thread(this::loop, "alert-printer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    Alert alert = Json.fromBytes(record.value(), Alert.class);
                    (Alert.FIRING.equals(alert.state()) ? firing : resolved).incrementAndGet();
                    out.println(format(alert, ladName));
                }
            }
        } catch (WakeupException stopping) {
            // close() woke us up.
        } finally {
            consumer.close();
        }
    }

    static String format(Alert alert, java.util.function.UnaryOperator<String> ladName) {
        return String.format(java.util.Locale.ROOT, "ALERT %-8s %-8s %s · %s (%s) · %s · %s=%.0f (threshold %.0f) · %s",
                alert.state(), alert.severity(), alert.rule(), alert.areaName(), ladName.apply(alert.lad()),
                LONDON_TIME.format(Instant.ofEpochMilli(alert.eventTime())), alert.metric(), alert.value(),
                alert.threshold(), alert.summary());
    }

    public long firing() {
        return firing.get();
    }

    public long resolved() {
        return resolved.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
