package org.ember.infra.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ember.console.health.HealthReport;
import org.ember.console.health.HealthSource;
import org.ember.jobs.EmberJobRunner;
import org.ember.model.Feed;

/**
 * Watches the job behind a console and says the truth about it: whether it runs, how old its last
 * completed checkpoint is, and per feed how far its committed read position is behind what the
 * partners offered. A task stuck in a loop keeps the job "RUNNING" while checkpoints stop, so the
 * checkpoint age, not the status, is what catches it.
 *
 * <p>Checks run on a thread of their own every {@code interval}; {@link #check()} returns the
 * latest at once (so /healthz answers fast whatever Kafka does) and reports unhealthy if the
 * watcher itself fell behind. When the job has been unhealthy for {@code alertAfter}, {@code onStall}
 * is told once per episode (the demo publishes an alert on Ember's own topic).
 */
public final class JobHealthWatch implements HealthSource, AutoCloseable {
    private final Supplier<String> jobStatus;
    private final Path checkpointDir;
    private final Duration maxCheckpointAge;
    private final String consumerGroup;
    private final Duration interval;
    private final Duration alertAfter;
    private final Consumer<HealthReport> onStall;
    private final Clock clock;
    private final Admin admin;
    private final Instant started;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> offeredBefore = new HashMap<>();
    private volatile HealthReport latest;
    private volatile Instant latestAt;
    private Instant unhealthySince;
    private boolean stallReported;

    /**
     * @param jobStatus        the job's status as Flink names it (RUNNING, RESTARTING, FAILED, …)
     * @param checkpointDir    where the job's checkpoints are written
     * @param maxCheckpointAge older than this and the job is not checkpointing (a few intervals)
     * @param onStall          told once when the job stays unhealthy for {@code alertAfter}
     */
    public JobHealthWatch(Supplier<String> jobStatus, Path checkpointDir, Duration maxCheckpointAge,
            String bootstrapServers, String consumerGroup, Duration interval, Duration alertAfter,
            Consumer<HealthReport> onStall, Clock clock) {
        this.jobStatus = jobStatus;
        this.checkpointDir = checkpointDir;
        this.maxCheckpointAge = maxCheckpointAge;
        this.consumerGroup = consumerGroup;
        this.interval = interval;
        this.alertAfter = alertAfter;
        this.onStall = onStall;
        this.clock = clock;
        this.started = clock.instant();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ember-health");
        this.admin = Admin.create(props);
        this.latest = new HealthReport(false, false, Map.of("job", "not checked yet"));
        this.latestAt = started;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ember-job-health");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public HealthReport check() {
        HealthReport report = latest;
        Duration age = Duration.between(latestAt, clock.instant());
        if (age.compareTo(interval.multipliedBy(5).plusSeconds(10)) > 0) {
            Map<String, String> details = new LinkedHashMap<>(report.details());
            details.put("watch", "no check for " + age.toSeconds() + " s");
            return new HealthReport(false, false, details);
        }
        return report;
    }

    private void refresh() {
        try {
            HealthReport report = measure();
            latest = report;
            latestAt = clock.instant();
            if (report.healthy()) {
                unhealthySince = null;
                stallReported = false;
            } else {
                unhealthySince = unhealthySince == null ? clock.instant() : unhealthySince;
                if (!stallReported && Duration.between(unhealthySince, clock.instant()).compareTo(alertAfter) >= 0) {
                    stallReported = true;
                    onStall.accept(report);
                }
            }
        } catch (RuntimeException e) {
            latest = new HealthReport(false, false, Map.of("watch", "check failed: " + e.getClass().getSimpleName()));
            latestAt = clock.instant();
        }
    }

    HealthReport measure() {
        Map<String, String> details = new LinkedHashMap<>();
        String status = jobStatus.get();
        details.put("job_status", status);
        boolean running = "RUNNING".equals(status);
        Instant now = clock.instant();
        Optional<Instant> checkpoint = lastCheckpoint();
        Duration age = Duration.between(checkpoint.orElse(started), now);
        details.put("last_checkpoint", checkpoint.map(Instant::toString).orElse("none yet"));
        details.put("last_checkpoint_age_s", Long.toString(age.toSeconds()));
        boolean checkpointing = age.compareTo(maxCheckpointAge) <= 0;
        boolean healthy = running && checkpointing;
        boolean readsEveryFeed = true;
        try {
            Map<String, long[]> feeds = readVersusOffered();
            for (Map.Entry<String, long[]> feed : feeds.entrySet()) {
                long read = feed.getValue()[0];
                long offered = feed.getValue()[1];
                details.put(feed.getKey() + ".read", Long.toString(read));
                details.put(feed.getKey() + ".offered", Long.toString(offered));
                // Ready: the job has read at least what was offered one check ago (it keeps up with each feed).
                long mustHave = offeredBefore.getOrDefault(feed.getKey(), 0L);
                if (read < Math.min(mustHave, offered)) {
                    readsEveryFeed = false;
                }
                offeredBefore.put(feed.getKey(), offered);
            }
        } catch (Exception e) {
            details.put("kafka", "unreachable: " + e.getClass().getSimpleName());
            readsEveryFeed = false;
        }
        if (!running) {
            details.put("problem", "the job is " + status);
        } else if (!checkpointing) {
            details.put("problem", "no checkpoint for " + age.toSeconds() + " s: a task is stuck or failing");
        } else if (!readsEveryFeed) {
            details.put("problem", "the job is not keeping up with every feed");
        }
        return new HealthReport(healthy, healthy && readsEveryFeed, details);
    }

    private Optional<Instant> lastCheckpoint() {
        try {
            return EmberJobRunner.latestCheckpoint(checkpointDir)
                    .map(p -> p.resolve("_metadata"))
                    .filter(Files::exists)
                    .map(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant();
                        } catch (java.io.IOException e) {
                            return null;
                        }
                    });
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Per feed topic: {committed read position of the job's group, end offset}, summed over partitions. */
    private Map<String, long[]> readVersusOffered() throws Exception {
        List<String> topics = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            topics.add(feed.topic());
        }
        Collection<TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(2, TimeUnit.SECONDS).values();
        Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
        for (TopicDescription d : descriptions) {
            d.partitions().forEach(p -> latestSpec.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latestSpec).all()
                .get(2, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
                .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
        Map<String, long[]> out = new java.util.TreeMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
            long[] sums = out.computeIfAbsent(e.getKey().topic(), t -> new long[2]);
            OffsetAndMetadata c = committed.get(e.getKey());
            sums[0] += c == null ? 0 : c.offset();
            sums[1] += e.getValue().offset();
        }
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
