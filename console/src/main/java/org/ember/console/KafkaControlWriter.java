package org.ember.console;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ember.model.Topics;
import org.ember.rules.delivery.ControlMessage;

/** Writes operator decisions to {@code ember.acks}, waiting for the broker to confirm each. */
public final class KafkaControlWriter implements ControlWriter {
    private static final Duration CONFIRM = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;

    public KafkaControlWriter(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(CONFIRM.toMillis()));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void write(ControlMessage message) {
        try {
            producer.send(new ProducerRecord<>(Topics.ACKS, message.key(), message.toBytes()))
                    .get(CONFIRM.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.ACKS, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + Topics.ACKS + ": " + e.getMessage(), e);
        }
    }

    /** Copies one audit line to {@code ember.audit}, waiting for the broker: an action that cannot be audited fails. */
    public void writeAudit(String line) {
        try {
            producer.send(new ProducerRecord<>(Topics.AUDIT, null, line.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .get(CONFIRM.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.AUDIT, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + Topics.AUDIT + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
