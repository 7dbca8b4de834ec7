package org.ember.infra.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ember.deployment.Deployment;
import org.ember.geo.fusion.FusionSettings;
import org.ember.infra.backtest.History;
import org.ember.infra.demo.PipelineCounts;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.infra.simulator.SimulatedArea;
import org.ember.jobs.DeploymentJobs;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job started on a backlog, the way it starts after an outage: days of the five feeds already
 * wait in Kafka, and the feeds' sources start and are read at whatever pace the machine allows. A
 * feed that is slow to be read must keep holding the clock until it has been read to the end, so
 * the live job raises exactly the alerts the bounded replay of the same records raises, and applies
 * no record late. (With idleness on the wall clock alone, a loaded machine let a feed that had not
 * been read yet go idle, the clock passed its records, and the alerts changed from run to run.)
 */
class LiveBacklogTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @TempDir
    Path work;

    @Test
    void aJobStartedOnABacklogRaisesExactlyTheAlertsOfTheReplayAndAppliesNothingLate() throws Exception {
        startedOnABacklog(1, 1);
    }

    /**
     * Each feed in three partitions read by two readers: a reader's clock is its slowest partition,
     * and a reader waits for the partitions the source assigns it even before it has read from them.
     */
    @Test
    void theSameWithFeedsInThreePartitionsReadByTwoReaders() throws Exception {
        startedOnABacklog(3, 2);
    }

    private void startedOnABacklog(int partitions, int parallelism) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics();
            if (partitions > 1) {
                try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
                    Map<String, org.apache.kafka.clients.admin.NewPartitions> more = new java.util.HashMap<>();
                    for (Feed feed : Feed.values()) {
                        more.put(feed.topic(), org.apache.kafka.clients.admin.NewPartitions.increaseTo(partitions));
                    }
                    admin.createPartitions(more).all().get();
                }
            }
            startedOnABacklog(broker, partitions, parallelism);
        }
    }

    private void startedOnABacklog(KafkaBroker broker, int partitions, int parallelism) throws Exception {
        Deployment d = TestFeeds.southWales();
        RuleSet rules = DeploymentJobs.rules(d);
        // The idleness `ember job` gives (capped at 200 ms live); a bounded replay uses none.
        JobSettings settings = DeploymentJobs.settings(d, Pseudonymiser.withKey(TestFeeds.PSEUDONYM_KEY), rules,
                Duration.ofMinutes(1), FusionSettings.defaults(), null).withForecast(null);
        long from = LocalDate.of(2025, 3, 7).atStartOfDay(LONDON).toInstant().toEpochMilli();
        History history = History.simulate(d.dataDir(), SimulatedArea.of(d), from, from + 4 * 86_400_000L,
                d.simulator().policeFolders().stream().map(p -> p.getFileName().toString()).toList(),
                EnumSet.allOf(Feed.class), 7, n -> {});
        long lastArrival = history.byTopic().values().stream().flatMap(List::stream)
                .mapToLong(RawFeedRecord::timestamp).max().orElseThrow();

        List<String> replayed = upTo(EmberJobRunner.runBounded(settings, history.byTopic(), 1, null, n -> {}).alerts(),
                lastArrival);
        assertThat(replayed).as("the replay raises alerts to compare with").hasSizeGreaterThan(20);

        // The whole backlog is in Kafka before the job starts, feed after feed, each feed's records
        // dealt round the partitions in the order they were sent.
        try (KafkaProducer<byte[], byte[]> producer = TestTopics.producer(broker.bootstrapServers())) {
            for (Map.Entry<String, List<RawFeedRecord>> topic : history.byTopic().entrySet()) {
                int next = 0;
                for (RawFeedRecord r : topic.getValue()) {
                    producer.send(new ProducerRecord<>(topic.getKey(), next++ % partitions, r.timestamp(), null, r.value()));
                }
            }
            producer.flush();
        }

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(registry);
        long lateBefore = lateByArrival();
        PipelineCounts before = PipelineCounts.read(Metrics.globalRegistry);
        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-backlog",
                "ember-backlog-" + UUID.randomUUID(), work.resolve("checkpoints"), Duration.ofSeconds(1), parallelism);
        try (RunningJob job = EmberJobRunner.startLocal(settings, run)) {
            List<Alert> live = TestTopics.read(broker.bootstrapServers(), Topics.ALERTS, Alert.class, true,
                    l -> upTo(l, lastArrival).size() >= replayed.size(), Duration.ofSeconds(180));
            // A few more checkpoints: anything extra would show now.
            Thread.sleep(3_000);
            live = TestTopics.read(broker.bootstrapServers(), Topics.ALERTS, Alert.class, true, l -> false,
                    Duration.ofSeconds(5));
            PipelineCounts after = PipelineCounts.read(Metrics.globalRegistry);
            assertThat(job.status()).isEqualTo("RUNNING");

            assertThat(after.in() - before.in()).as("every record read").isEqualTo(history.records());
            assertThat(lateByArrival() - lateBefore).as("records applied behind the clock, by stage (before: %d): %s",
                    lateBefore, lateByStage()).isZero();
            List<String> published = upTo(live, lastArrival);
            assertThat(published).as("alert transitions up to the last arrival: %d published, %d replayed;"
                    + " only live: %s; only replayed: %s", published.size(), replayed.size(),
                    firstFew(published, replayed), firstFew(replayed, published)).isEqualTo(replayed);
        } finally {
            Metrics.globalRegistry.remove(registry);
        }
    }

    /**
     * Alert transitions up to the last record's arrival, as published (processing time left out),
     * sorted: the replay also fires the timers after its end, which the live job reaches only when
     * the clock does.
     */
    private static List<String> upTo(List<Alert> alerts, long lastArrival) {
        return alerts.stream().filter(a -> a.eventTime() <= lastArrival)
                .map(a -> canonical(a.stamped(0L, a.recordAppendedAt())))
                .sorted().toList();
    }

    /** As published, with labels and annotations in key order (a map read back from Kafka keeps no order). */
    private static String canonical(Alert alert) {
        try {
            return SORTED_KEYS.writeValueAsString(alert);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SORTED_KEYS = Json.mapper().copy()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static List<String> firstFew(List<String> these, List<String> notIn) {
        java.util.Set<String> other = new java.util.HashSet<>(notIn);
        return these.stream().filter(a -> !other.contains(a)).limit(4).toList();
    }

    private static Map<String, Double> lateByStage() {
        Map<String, Double> byStage = new java.util.TreeMap<>();
        Metrics.globalRegistry.find("ember.records.late_by_arrival").counters()
                .forEach(c -> byStage.merge(String.valueOf(c.getId().getTag("stage")), c.count(), Double::sum));
        return byStage;
    }

    private static long lateByArrival() {
        return (long) Metrics.globalRegistry.find("ember.records.late_by_arrival").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
