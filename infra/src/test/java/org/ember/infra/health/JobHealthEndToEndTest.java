package org.ember.infra.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ember.console.ConsoleConfig;
import org.ember.console.ConsoleServer;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.RunningJob;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz tells the truth about the job: ok while it runs and checkpoints, unhealthy soon after it stops. */
class JobHealthEndToEndTest {
    @TempDir
    Path work;

    @Test
    void stoppingTheJobTurnsHealthzUnhealthyWithin30SecondsAndRaisesAnAlert() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics();
            Path checkpoints = work.resolve("checkpoints");
            EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-health",
                    "ember-health-" + UUID.randomUUID(), checkpoints, Duration.ofMillis(500), 1);
            RunningJob job = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)), run);
            DeferredHealth health = new DeferredHealth();
            try (ConsoleServer console = ConsoleServer.start(ConsoleConfig.local(TestFeeds.dataDir(), TestFeeds.coverage(), work.resolve("audit.jsonl"))
                    .withHealth(health));
                    JobHealthWatch watch = new JobHealthWatch(job::status, checkpoints, Duration.ofSeconds(10),
                            broker.bootstrapServers(), "ember-health", Duration.ofSeconds(1), Duration.ofSeconds(3),
                            new StallAlert(broker.bootstrapServers(), "test", Clock.systemUTC()), Clock.systemUTC())) {
                health.set(watch);
                URI healthz = console.url().resolve("/healthz");
                HttpResponse<String> ok = await(healthz, 200, Duration.ofSeconds(90));
                assertThat(ok.body()).contains("\"healthy\":true", "RUNNING", "feed.police.read");
                assertThat(get(console.url().resolve("/readyz")).statusCode()).isEqualTo(200);

                Instant stopped = Instant.now();
                job.close();
                HttpResponse<String> down = await(healthz, 503, Duration.ofSeconds(30));
                assertThat(Duration.between(stopped, Instant.now())).isLessThan(Duration.ofSeconds(30));
                assertThat(down.body()).contains("\"healthy\":false", "problem");

                Alert stall = awaitStallAlert(broker.bootstrapServers());
                assertThat(stall.severity()).isEqualTo("critical");
                assertThat(stall.summary()).contains("stalled");
            } finally {
                job.close();
            }
        }
    }

    private static HttpResponse<String> await(URI uri, int status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(uri);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(uri + " did not answer " + status + " within " + timeout + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Alert awaitStallAlert(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "stall-reader-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    Alert alert = Json.fromBytes(r.value(), Alert.class);
                    if (StallAlert.RULE.equals(alert.rule())) {
                        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(alert.fingerprint());
                        return alert;
                    }
                }
            }
        }
        throw new AssertionError("no stall alert on " + Topics.ALERTS);
    }
}
