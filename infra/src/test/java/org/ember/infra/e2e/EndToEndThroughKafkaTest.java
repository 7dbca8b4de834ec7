package org.ember.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.FRIDAY_22H;
import static org.ember.jobs.testing.TestFeeds.LONDON;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.RunningJob;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.DeadLetter;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: a real Kafka broker on 127.0.0.1, the job on Flink's local
 * cluster reading and writing real topics with exactly-once sinks, N valid and M malformed records.
 */
class EndToEndThroughKafkaTest {
    @TempDir
    static Path work;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(work.resolve("kafka"), 0);
        broker.createTopics();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void validRecordsRaiseTheExpectedAlertOnceAndEveryMalformedRecordIsDeadLetteredWithItsReason() throws Exception {
        List<ProducerRecord<byte[], byte[]>> valid = new ArrayList<>();
        // Three agencies report the same Friday-night stabbing in Cardiff city centre.
        valid.add(record(Feed.POLICE, Json.toBytes(TestFeeds.knifeCrime("CR-1", FRIDAY_22H.plusSeconds(300), CARDIFF_CENTRE))));
        valid.add(record(Feed.AMBULANCE, Json.toBytes(TestFeeds.stabbingCallout("AMB-1", FRIDAY_22H.plusSeconds(400), CARDIFF_CENTRE))));
        valid.add(record(Feed.AE, Json.toBytes(TestFeeds.knifeAttendance("AE-1", FRIDAY_22H.plusSeconds(300),
                Duration.ofMinutes(50), CARDIFF_CENTRE))));
        // Unrelated reports elsewhere; the last one moves event time on so the hour closes.
        valid.add(record(Feed.POLICE, Json.toBytes(TestFeeds.assault("CR-2", FRIDAY_22H.plusSeconds(1200), SWANSEA_CENTRE))));
        valid.add(record(Feed.NAVIGATOR, Json.toBytes(TestFeeds.referral("NAV-1", FRIDAY_22H.plusSeconds(2000), "NAV-7"))));
        valid.add(record(Feed.POLICE, Json.toBytes(TestFeeds.assault("CR-3", FRIDAY_22H.plus(Duration.ofHours(3)), SWANSEA_CENTRE))));

        // Sent between the valid ones: a record ingest rejects still arrived, and moves the clock.
        long malformedSentAt = FRIDAY_22H.plus(Duration.ofMinutes(58)).toEpochMilli();
        List<ProducerRecord<byte[], byte[]>> malformed = List.of(
                record(Feed.POLICE, "this is not json".getBytes(StandardCharsets.UTF_8), malformedSentAt),
                record(Feed.AE, "{\"attendance_id\":\"AE-9\",\"arrival_time\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8),
                        malformedSentAt),
                record(Feed.INTEL, "[1,2,3]".getBytes(StandardCharsets.UTF_8), malformedSentAt),
                record(Feed.POLICE, Json.toBytes(TestFeeds.assault("CR-4", FRIDAY_22H, LONDON)), malformedSentAt));

        try (KafkaProducer<byte[], byte[]> producer = TestTopics.producer(broker.bootstrapServers())) {
            for (ProducerRecord<byte[], byte[]> r : valid.subList(0, 5)) {
                producer.send(r).get();
            }
            for (ProducerRecord<byte[], byte[]> r : malformed) {
                producer.send(r).get();
            }
            producer.send(valid.get(5)).get();
        }

        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-e2e",
                "ember-e2e-" + UUID.randomUUID(), work.resolve("checkpoints"), Duration.ofSeconds(1), 1);
        try (RunningJob job = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)), run)) {
            List<DeadLetter> deadLetters = TestTopics.read(broker.bootstrapServers(), Topics.DEAD_LETTER, DeadLetter.class,
                    true, l -> l.size() >= malformed.size(), Duration.ofSeconds(90));
            List<Alert> alerts = TestTopics.read(broker.bootstrapServers(), Topics.ALERTS, Alert.class, true,
                    l -> !l.isEmpty(), Duration.ofSeconds(90));

            // Let several more checkpoints commit: nothing may be repeated.
            Thread.sleep(4_000);
            deadLetters = TestTopics.read(broker.bootstrapServers(), Topics.DEAD_LETTER, DeadLetter.class, true, l -> false,
                    Duration.ofSeconds(5));
            alerts = TestTopics.read(broker.bootstrapServers(), Topics.ALERTS, Alert.class, true, l -> false,
                    Duration.ofSeconds(5));
            assertThat(job.status()).isEqualTo("RUNNING");

            assertThat(deadLetters).hasSize(malformed.size());
            assertThat(deadLetters).extracting(DeadLetter::reason)
                    .anyMatch(r -> r.startsWith("not valid JSON"))
                    .anyMatch(r -> r.contains("arrival_time"))
                    .anyMatch(r -> r.equals("not a JSON object"))
                    .anyMatch(r -> r.startsWith("outside coverage"));
            assertThat(deadLetters).allSatisfy(d -> {
                assertThat(d.topic()).startsWith("feed.");
                assertThat(d.offset()).isNotNegative();
            });

            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.state()).isEqualTo(Alert.FIRING);
                assertThat(alert.rule()).isEqualTo("weapon-reports");
                assertThat(alert.value()).isEqualTo(3);
                assertThat(alert.lad()).isEqualTo("W06000015");
                // Raised on the third report, at the arrival clock: when the A&E attendance (at the
                // department 22:55) was sent, a minute later.
                assertThat(alert.episodeStart()).isEqualTo(FRIDAY_22H.plus(Duration.ofMinutes(56)).toEpochMilli());
            });
        }
    }

    private static ProducerRecord<byte[], byte[]> record(Feed feed, byte[] value) {
        return record(feed, value, TestFeeds.sentAt(value));
    }

    private static ProducerRecord<byte[], byte[]> record(Feed feed, byte[] value, long sentAt) {
        return new ProducerRecord<>(feed.topic(), null, sentAt, null, value);
    }
}
