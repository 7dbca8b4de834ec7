package org.ember.infra.e2e;

import org.ember.infra.cli.CliRun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.RunningJob;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.model.feeds.GeoLocation;
import org.ember.model.feeds.PoliceIncident;
import org.ember.rules.SourceFile;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload, end to end: the job runs against a real broker with the rules it was started with;
 * {@code ember rules push} publishes a changed set and its new rule fires without a restart; an
 * invalid set published next is rejected with its problems while the pushed set keeps firing; and
 * {@code ember rules status} tells which version is in force.
 */
class LiveRuleReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Instant FRIDAY_22H = TestFeeds.FRIDAY_22H;
    private static final GeoLocation CARDIFF = GeoLocation.lsoa("W01001694");
    private static final GeoLocation SWANSEA = GeoLocation.lsoa("W01000736");
    private static final GeoLocation NEWPORT = GeoLocation.lsoa("W01001600");
    private static final GeoLocation MERTHYR = GeoLocation.lsoa("W01001289");
    /** A second rule, indented to follow the first one's list. */
    private static final String VIOLENCE_RULE = String.join("\n",
            "      - name: violence-in-neighbourhood",
            "        areas: {layer: lsoa}",
            "        when: count{window=24h,feed=any,category=violence} >= 2",
            "        severity: warning",
            "        annotations: {summary: \"{{ .value }} violence reports in {{ .area_name }}\"}",
            "");

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
    void aPushedRuleFiresWithoutARestartAndAnInvalidSetIsRejectedWhileThePushedOneKeepsFiring() throws Exception {
        String started = """
                groups:
                  - name: test
                    rules:
                      - name: weapon-reports
                        areas: {layer: lsoa}
                        when: count{window=24h,feed=any,category=weapon} >= 3
                        severity: critical
                """;
        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-reload",
                "ember-reload-" + UUID.randomUUID(), work.resolve("checkpoints"), Duration.ofSeconds(1), 2);
        try (RunningJob job = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.rules(started)), run);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            // 1. The rules the job started with: three knife reports in Cardiff fire weapon-reports.
            for (int i = 0; i < 3; i++) {
                send(producer, knife("CR-" + i, FRIDAY_22H.plusSeconds(300 + 300L * i), CARDIFF));
            }
            send(producer, tick("TICK-1", FRIDAY_22H.plus(Duration.ofMinutes(105))));
            List<Alert> alerts = readUntil(Topics.ALERTS, Alert.class, true, l -> l.size() >= 1);
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("weapon-reports");
                assertThat(a.state()).isEqualTo(Alert.FIRING);
            });

            // 2. Push a set with the same weapon rule and a new violence rule; the job accepts it.
            Path dir = Files.createDirectories(work.resolve("rules-v1"));
            Files.writeString(dir.resolve("rules.yaml"), started + VIOLENCE_RULE);
            CliRun push = CliRun.of("rules", "push", dir.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                    "--data-dir", TestFeeds.dataDir().toString(), "--wait", "90s");
            assertThat(push.exitCode()).as(push.out() + push.err()).isZero();
            assertThat(push.out()).contains("Pushed version 1 (").contains("The job accepted version 1");

            // Two assaults in Swansea after the push: the new rule fires there, no restart.
            send(producer, assault("CR-10", FRIDAY_22H.plus(Duration.ofMinutes(110)), SWANSEA));
            send(producer, assault("CR-11", FRIDAY_22H.plus(Duration.ofMinutes(115)), SWANSEA));
            send(producer, tick("TICK-2", FRIDAY_22H.plus(Duration.ofMinutes(165))));
            alerts = readUntil(Topics.ALERTS, Alert.class, true, l -> fired(l, "violence-in-neighbourhood", "W01000736"));
            assertThat(fired(alerts, "violence-in-neighbourhood", "W01000736")).as(alerts.toString()).isTrue();

            // 3. An invalid set (published past the check, as a broken tool might) is rejected with its problems.
            RuleSnapshot invalid = RuleSnapshot.of(2, List.of(new SourceFile("rules.yaml",
                    (started + VIOLENCE_RULE).replace("severity: warning", "sevrity: warning"))), Instant.now(), "a broken tool");
            producer.send(new ProducerRecord<>(Topics.RULES, RuleSnapshot.KEY.getBytes(StandardCharsets.UTF_8), invalid.toBytes()))
                    .get();
            List<RuleEvent> events = readUntil(Topics.RULE_EVENTS, RuleEvent.class, false,
                    l -> l.stream().anyMatch(e -> e.version() == 2));
            RuleEvent rejected = events.stream().filter(e -> e.version() == 2).findFirst().orElseThrow();
            assertThat(rejected.outcome()).isEqualTo(RuleEvent.REJECTED);
            assertThat(rejected.inForce()).isEqualTo(1);
            assertThat(rejected.problems()).anyMatch(p -> p.startsWith("rules.yaml:11:") && p.contains("unknown key 'sevrity'"));

            // ... and version 1 keeps firing: two assaults in Newport.
            send(producer, assault("CR-20", FRIDAY_22H.plus(Duration.ofMinutes(170)), NEWPORT));
            send(producer, assault("CR-21", FRIDAY_22H.plus(Duration.ofMinutes(175)), NEWPORT));
            send(producer, tick("TICK-3", FRIDAY_22H.plus(Duration.ofMinutes(225))));
            alerts = readUntil(Topics.ALERTS, Alert.class, true, l -> fired(l, "violence-in-neighbourhood", "W01001600"));
            assertThat(fired(alerts, "violence-in-neighbourhood", "W01001600")).as(alerts.toString()).isTrue();
            assertThat(alerts).filteredOn(a -> a.rule().equals("weapon-reports"))
                    .as("the untouched rule kept its state through both reloads: fired once, never resolved nor repeated")
                    .singleElement().satisfies(a -> assertThat(a.state()).isEqualTo(Alert.FIRING));
            assertThat(job.status()).isEqualTo("RUNNING");

            CliRun status = CliRun.of("rules", "status", "--bootstrap-servers", broker.bootstrapServers());
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("Latest pushed: version 2").contains("In force:      version 1 (2 rules")
                    .contains("Last rejected: version 2").contains("unknown key 'sevrity'")
                    .contains("Note: the latest pushed version is not in force (rejected)");
        }
    }

    private static boolean fired(List<Alert> alerts, String rule, String area) {
        return alerts.stream().anyMatch(a -> a.rule().equals(rule) && a.areaId().equals(area) && Alert.FIRING.equals(a.state()));
    }

    private static PoliceIncident knife(String id, Instant at, GeoLocation where) {
        return new PoliceIncident(id, 1, "active", at, "Violence with injury", null, true, false, where);
    }

    private static PoliceIncident assault(String id, Instant at, GeoLocation where) {
        return new PoliceIncident(id, 1, "active", at, "Violence without injury", null, false, false, where);
    }

    /** A public-order report far away: it only moves event time on, so the hour before closes. */
    private static PoliceIncident tick(String id, Instant at) {
        return new PoliceIncident(id, 1, "active", at, "Public order", null, false, false, MERTHYR);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, PoliceIncident incident) throws Exception {
        producer.send(new ProducerRecord<>(Feed.POLICE.topic(), null, TestFeeds.sentAt(Json.toBytes(incident)), null, Json.toBytes(incident))).get();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return TestTopics.producer(broker.bootstrapServers());
    }

    /** Reads a topic from the start until the condition holds or {@link #WAIT} runs out. */
    private static <T> List<T> readUntil(String topic, Class<T> type, boolean committedOnly, Predicate<List<T>> done) {
        return TestTopics.read(broker.bootstrapServers(), topic, type, committedOnly, done, WAIT);
    }
}
