package org.ember.infra.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.console.health.HealthReport;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.model.codec.Json;

/**
 * Raises "Ember's job has stalled" on {@code ember.alerts}, where the console's alert list and
 * CAP feed read it. It is written from outside the job, because a stalled job cannot raise an
 * alert about itself; e-mail for it needs the delivery stage and so only follows once the job is
 * back (see docs/security.md).
 */
public final class StallAlert implements Consumer<HealthReport> {
    public static final String RULE = "ember-job-stalled";
    private static final System.Logger LOG = System.getLogger(StallAlert.class.getName());
    private final String bootstrapServers;
    private final String deployment;
    private final Clock clock;

    public StallAlert(String bootstrapServers, String deployment, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.deployment = deployment;
        this.clock = clock;
    }

    @Override
    public void accept(HealthReport report) {
        Alert alert = alert(report, clock.millis());
        LOG.log(System.Logger.Level.ERROR, alert.summary());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERTS, null, clock.millis(),
                    alert.fingerprint().getBytes(StandardCharsets.UTF_8), Json.toBytes(alert))).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "could not publish the stall alert: " + e);
        }
    }

    Alert alert(HealthReport report, long now) {
        String problem = report.details().getOrDefault("problem", "the job is unhealthy");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", RULE);
        labels.put("severity", "critical");
        labels.put("layer", "deployment");
        labels.put("area", deployment);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("description", "Ember is not processing partner records, so it raises no alerts: " + problem
                + ". Check the job (ember job status, logs) and restart it; it resumes from its last checkpoint.");
        annotations.putAll(report.details());
        return new Alert(fingerprint(deployment + "@" + now), RULE, Alert.FIRING, "critical", "deployment", deployment,
                "Ember itself (" + deployment + ")", "", now, now, "ember_job_healthy", 0, 1,
                "Ember's job has stalled: " + problem, labels, annotations);
    }

    private static String fingerprint(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
