package org.ember.infra.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ember.jobs.testing.TestFeeds.CARDIFF_CENTRE;
import static org.ember.jobs.testing.TestFeeds.SWANSEA_CENTRE;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.ember.console.ConsoleConfig;
import org.ember.console.ConsoleServer;
import org.ember.console.auth.PasswordHash;
import org.ember.console.auth.Users;
import org.ember.infra.demo.PipelineCounts;
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
 * The hostile corpus through the real broker and the job (fusion on): each record on its own, then
 * all of them at once. After every single one the job still runs and its dead letter is committed;
 * valid reports keep raising their alert; counts reconcile with what was sent; no personal
 * identifier of the corpus reaches an output topic or the log.
 */
class HostileInputEndToEndTest {
    private static final int LARGE = 16 * 1024 * 1024;

    @TempDir
    static Path work;

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(work.resolve("kafka"), 0);
        broker.createTopics();
        // Let 10 MB records reach the feed topics at all, so the job (not the broker) must cope with them.
        try (Admin admin = broker.admin()) {
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> changes = new java.util.HashMap<>();
            for (Feed feed : Feed.values()) {
                changes.put(new ConfigResource(ConfigResource.Type.TOPIC, feed.topic()), List.of(new AlterConfigOp(
                        new ConfigEntry("max.message.bytes", Integer.toString(LARGE)), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void noRecordStopsBlindsOrFoolsTheJob() throws Exception {
        StringWriter log = new StringWriter();
        WriterAppender appender = captureLog(log);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(registry);
        PipelineCounts before = PipelineCounts.read(Metrics.globalRegistry);
        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-hostile",
                "ember-hostile-" + UUID.randomUUID(), work.resolve("checkpoints"), Duration.ofMillis(500), 1);
        List<HostileCorpus.Hostile> singles = HostileCorpus.all("S");
        List<HostileCorpus.Hostile> burst = HostileCorpus.all("B");
        long sent = 0;
        long valid = 0;
        try (RunningJob job = EmberJobRunner.startLocal(TestFeeds.settings(TestFeeds.weaponRule(3)), run);
                ConsoleServer console = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, 0,
                        broker.bootstrapServers(), TestFeeds.dataDir(), TestFeeds.coverage(), 5,
                        work.resolve("audit.jsonl"), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                        .withUsersFile(officerOfCardiff()));
                KafkaProducer<byte[], byte[]> producer = producer();
                KafkaConsumer<byte[], byte[]> dlq = committedReader(Topics.DEAD_LETTER)) {
            List<DeadLetter> deadLetters = new ArrayList<>();
            // Each on its own: its dead letter is committed and the job is still running before the next goes.
            for (HostileCorpus.Hostile h : singles) {
                send(producer, h.feed(), h.value(), TestFeeds.SENT_AT);
                sent++;
                awaitDeadLetters(dlq, deadLetters, sent - valid, h.label());
                assertThat(job.status()).as("job after %s", h.label()).isEqualTo("RUNNING");
            }
            // Valid reports still raise their alert; a repeated record is not counted twice. They come
            // after the hostile records on the arrival clock, as they would live: a record that ingest
            // rejects still arrived, and moved the clock. Each is sent once the job has read the one
            // before, as a partner's records arrive live: these are stamped minutes and hours apart
            // but sent milliseconds apart, and a feed that has been read to the end cannot know that a
            // record stamped before another feed's newest is about to be appended to it.
            Instant afterTheSingles = Instant.ofEpochMilli(TestFeeds.SENT_AT);
            List<Report> reports = List.of(
                    new Report(Feed.POLICE, Json.toBytes(TestFeeds.knifeCrime("CR-1", afterTheSingles.plusSeconds(300),
                            CARDIFF_CENTRE))),
                    new Report(Feed.POLICE, Json.toBytes(TestFeeds.knifeCrime("CR-1", afterTheSingles.plusSeconds(300),
                            CARDIFF_CENTRE))),
                    new Report(Feed.AMBULANCE, Json.toBytes(TestFeeds.stabbingCallout("AMB-1",
                            afterTheSingles.plusSeconds(400), CARDIFF_CENTRE))),
                    new Report(Feed.AE, Json.toBytes(TestFeeds.knifeAttendance("AE-1", afterTheSingles.plusSeconds(300),
                            Duration.ofMinutes(50), CARDIFF_CENTRE))),
                    new Report(Feed.POLICE, Json.toBytes(TestFeeds.assault("CR-2",
                            afterTheSingles.plus(Duration.ofHours(3)), SWANSEA_CENTRE))));
            for (Report report : reports) {
                send(producer, report.feed(), report.value());
                sent++;
                valid++;
                assertThat(awaitCounts(before, sent).in() - before.in()).as("read before the next is sent").isEqualTo(sent);
            }
            // All together, as fast as the producer goes.
            for (HostileCorpus.Hostile h : burst) {
                send(producer, h.feed(), h.value(), TestFeeds.SENT_AT);
                sent++;
            }
            awaitDeadLetters(dlq, deadLetters, singles.size() + burst.size(), "the burst");
            List<Alert> alerts = readAll(Topics.ALERTS, true, Alert.class, l -> !l.isEmpty(), Duration.ofSeconds(120));
            PipelineCounts after = awaitCounts(before, sent);
            assertThat(job.status()).isEqualTo("RUNNING");

            assertThat(alerts).as("alerts; uncommitted: %s", alerts.isEmpty()
                    ? readAll(Topics.ALERTS, false, String.class, l -> false, Duration.ofSeconds(3)) : "-")
                    .singleElement().satisfies(a -> {
                assertThat(a.rule()).isEqualTo("weapon-reports");
                assertThat(a.value()).isEqualTo(3);
            });
            assertThat(deadLetters).hasSize(singles.size() + burst.size()).allSatisfy(d -> {
                assertThat(d.reason()).isNotBlank();
                assertThat(d.originalSha256()).hasSize(64);
                assertThat(d.redactedOriginal().length()).isLessThanOrEqualTo(1024);
            });
            assertThat(after.in() - before.in()).as("records read = records sent").isEqualTo(sent);
            assertThat(after.processed() - before.processed()).isEqualTo(valid);
            assertThat(after.deadLettered() - before.deadLettered()).isEqualTo(sent - valid);

            for (String topic : outputTopics()) {
                String text = readAll(topic, false, String.class, l -> false, Duration.ofSeconds(3)).toString();
                for (String personal : HostileCorpus.PERSONAL) {
                    assertThat(text.toLowerCase(Locale.ROOT)).as("topic %s", topic)
                            .doesNotContain(personal.toLowerCase(Locale.ROOT));
                }
            }
            // What people see: the duty officer's console (the most any role sees) and every text export.
            ConsoleSession officer = ConsoleSession.login(console.url(), OFFICER, OFFICER_PASSWORD);
            officer.awaitContaining("/api/state", "weapon-reports", Duration.ofSeconds(60));
            for (String path : List.of("/api/state", "/api/alerts", "/api/export.csv", "/api/export.geojson", "/cap/feed")) {
                String shown = officer.get(path).toLowerCase(Locale.ROOT);
                for (String personal : HostileCorpus.PERSONAL) {
                    assertThat(shown).as("console %s", path).doesNotContain(personal.toLowerCase(Locale.ROOT));
                }
            }
        } finally {
            Metrics.globalRegistry.remove(registry);
            release(appender);
        }
        String logged = log.toString().toLowerCase(Locale.ROOT);
        for (String personal : HostileCorpus.PERSONAL) {
            assertThat(logged).as("the log").doesNotContain(personal.toLowerCase(Locale.ROOT));
        }
    }

    private static final String OFFICER = "officer";
    private static final String OFFICER_PASSWORD = "officer-pass";

    /** A users file with one duty officer for Cardiff, the area the valid reports are in. */
    private static Path officerOfCardiff() throws java.io.IOException {
        return java.nio.file.Files.writeString(work.resolve("users.yaml"), "users:\n  - name: " + OFFICER
                + "\n    display_name: Duty Officer\n    role: duty_officer\n    lads: [W06000015]\n    password_hash: \""
                + PasswordHash.hash(OFFICER_PASSWORD.toCharArray(), Users.MIN_ITERATIONS) + "\"\n");
    }

    private static PipelineCounts awaitCounts(PipelineCounts before, long sent) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        PipelineCounts now = PipelineCounts.read(Metrics.globalRegistry);
        while (now.in() - before.in() < sent && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            now = PipelineCounts.read(Metrics.globalRegistry);
        }
        return now;
    }

    private record Report(Feed feed, byte[] value) {}

    /** A well-formed record, sent a minute after the time it records (the job's clock is arrival time). */
    private static void send(KafkaProducer<byte[], byte[]> producer, Feed feed, byte[] value) throws Exception {
        send(producer, feed, value, TestFeeds.sentAt(value));
    }

    /** Hostile records all at one fixed time, so that their own event times are judged against it. */
    private static void send(KafkaProducer<byte[], byte[]> producer, Feed feed, byte[] value, long sentAt)
            throws Exception {
        producer.send(new ProducerRecord<>(feed.topic(), null, sentAt, null, value)).get(30, TimeUnit.SECONDS);
    }

    private static void awaitDeadLetters(KafkaConsumer<byte[], byte[]> dlq, List<DeadLetter> into, long count, String what) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (into.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(200))) {
                into.add(Json.fromBytes(r.value(), DeadLetter.class));
            }
        }
        assertThat(into).as("dead letters after %s", what).hasSize((int) count);
    }

    private static Set<String> outputTopics() throws Exception {
        try (Admin admin = broker.admin()) {
            Set<String> topics = new java.util.TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            topics.removeIf(t -> t.startsWith("feed."));
            return topics;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, LARGE);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * LARGE);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(true), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    private static Properties consumerProps(boolean committedOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "hostile-reader-" + UUID.randomUUID());
        return props;
    }

    /** Every record of a topic (keys and values as text when {@code type} is String). */
    @SuppressWarnings("unchecked")
    private static <T> List<T> readAll(String topic, boolean committedOnly, Class<T> type,
            java.util.function.Predicate<List<T>> done, Duration timeout) {
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(committedOnly),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !done.test(out)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (type == String.class) {
                        out.add((T) ((r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8)) + " "
                                + (r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8))));
                    } else {
                        out.add(Json.fromBytes(r.value(), type));
                    }
                }
            }
        }
        return out;
    }

    private static WriterAppender captureLog(StringWriter target) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        WriterAppender appender = WriterAppender.newBuilder().setName("hostile-capture").setTarget(target)
                .setLayout(PatternLayout.newBuilder().withPattern("%p %c %m %ex%n").build()).build();
        appender.start();
        context.getConfiguration().addAppender(appender);
        context.getConfiguration().getRootLogger().addAppender(appender, null, null);
        context.getConfiguration().getLoggerConfig("org.ember").addAppender(appender, null, null);
        context.updateLoggers();
        return appender;
    }

    private static void release(WriterAppender appender) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.getConfiguration().getLoggerConfig("org.ember").removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
