package org.ember.infra.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ember.infra.cli.EmberCli;
import org.ember.infra.cluster.ClusterFiles;
import org.ember.infra.cluster.FlinkRest;
import org.ember.infra.cluster.LocalCluster;
import org.ember.jobs.compose.JobArguments;
import org.ember.model.Feed;
import org.ember.model.Topics;

/**
 * The fault campaign on a loopback cluster: a week of the South Wales replay published once, then
 * the job jar run over it under fresh consumer groups, undisturbed and with faults (TaskManagers
 * SIGKILLed after completed checkpoints, a broker stopped and started again), and the alert
 * transitions each run committed to {@code ember.alerts} compared.
 */
public final class ClusterCampaign {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The operator whose output clock says every record read has been applied (AreaStage names it). */
    private static final String RULES_OPERATOR = "Evaluate rules per area";
    /** How long a run may take to apply what it read once the group committed it; then it fails. */
    private static final Duration APPLIED_TIMEOUT = Duration.ofMinutes(8);
    /** Days replayed by `ember chaos`: a week of March, every weekday's and the weekend's peaks. */
    public static final int WEEK = 7;

    /**
     * What to break during a run: TaskManager kills, how long broker 1 is stopped (zero: not at all),
     * and what else to do halfway (push invalid rules, stop SMTP; null: nothing).
     */
    public record Faults(int taskManagerKills, Duration brokerStop, MidRun midRun) {
        public static final Faults NONE = new Faults(0, Duration.ZERO, null);

        public Faults(int taskManagerKills, Duration brokerStop) {
            this(taskManagerKills, brokerStop, null);
        }
    }

    /** Another fault, injected halfway through a faulted run while the job is RUNNING. */
    public interface MidRun {
        void inject() throws Exception;
    }

    /**
     * One run: its committed alert transitions ({@code fingerprint|state} → times on the topic),
     * Flink's restarts of the job, and what a probe saw while the job was still running.
     */
    public record Run(String name, Map<String, Integer> transitions, Map<String, String> rules, long restarts) {
        public long repeated() {
            return transitions.values().stream().filter(n -> n > 1).count();
        }
    }

    /** A faulted run against the undisturbed one. */
    public record Comparison(Run undisturbed, Run faulted, List<String> lost, List<String> extra) {
        public String report() {
            return "alert transitions: undisturbed " + undisturbed.transitions().size() + ", faulted "
                    + faulted.transitions().size() + "; alerts lost " + lost.size() + ", transitions only after faults "
                    + extra.size() + ", transitions on the topic more than once " + faulted.repeated()
                    + "; job restarts " + faulted.restarts() + "\n"
                    + (lost.isEmpty() ? "" : "  lost by rule: " + byRule(lost, undisturbed) + "\n")
                    + (extra.isEmpty() ? "" : "  extra by rule: " + byRule(extra, faulted) + "\n")
                    + (lost.isEmpty() ? "" : "  lost: " + lost.stream().limit(20).toList() + "\n")
                    + (extra.isEmpty() ? "" : "  extra: " + extra.stream().limit(20).toList() + "\n");
        }

        private static Map<String, Long> byRule(List<String> keys, Run run) {
            return keys.stream().collect(Collectors.groupingBy(k -> run.rules().getOrDefault(k, "?"), TreeMap::new,
                    Collectors.counting()));
        }
    }

    /** Called while a run's job is still RUNNING, after it consumed the replay (e.g. to scrape its metrics). */
    public interface Probe {
        void whileRunning(String job) throws Exception;
    }

    private final LocalCluster cluster;
    private final Path deployment;
    private final Path dataDir;
    private final PrintStream out;
    private final String jarId;

    private ClusterCampaign(LocalCluster cluster, Path deployment, Path dataDir, PrintStream out, String jarId) {
        this.cluster = cluster;
        this.deployment = deployment;
        this.dataDir = dataDir;
        this.out = out;
        this.jarId = jarId;
    }

    /**
     * Uploads the job jar and publishes the deployment's replay (the first {@code days} days of March
     * 2025, seed 42) to the cluster's feeds.
     */
    public static ClusterCampaign prepare(LocalCluster cluster, Path home, Path deployment, Path dataDir, int days,
            PrintStream out) {
        if (days < 1 || days > 31) {
            throw new IllegalArgumentException("a replay of " + days + " days: March has 1 to 31");
        }
        String jarId = cluster.rest().upload(ClusterFiles.jobJar(home));
        int status = EmberCli.run("simulate", "--bootstrap-servers", cluster.bootstrapServers(), "--speed", "0",
                "--from", "2025-03", "--to", "2025-03", "--sim-duration", days + "d", "--data-dir", dataDir.toString(),
                "--deployment", deployment.toString());
        if (status != 0) {
            throw new IllegalStateException("ember simulate failed with status " + status);
        }
        return new ClusterCampaign(cluster, deployment, dataDir, out, jarId);
    }

    public Comparison compare(Run undisturbed, Run faulted) {
        List<String> lost = undisturbed.transitions().keySet().stream()
                .filter(k -> !faulted.transitions().containsKey(k)).toList();
        List<String> extra = faulted.transitions().keySet().stream()
                .filter(k -> !undisturbed.transitions().containsKey(k)).toList();
        return new Comparison(undisturbed, faulted, lost, extra);
    }

    /** Runs the job over the whole replay under its own consumer group; stops it with a savepoint. */
    public Run run(String name, Faults faults, Probe probe) throws Exception {
        Map<TopicPartition, Long> alertsBefore = endOffsets(Topics.ALERTS);
        // A ledger per run: the faulted run must send what the undisturbed one sent, once.
        JobArguments args = new JobArguments(deployment, cluster.bootstrapServers(), dataDir, null,
                "ember-" + name, Duration.ofSeconds(5), false,
                cluster.flink().deliveryLedger().resolve("ember-" + name + "-" + System.currentTimeMillis()).toUri().toString());
        FlinkRest rest = cluster.rest();
        String job = rest.run(jarId, args.toArgs(), 2, null);
        awaitRunning(rest, job);
        out.println(Instant.now() + " " + name + ": job " + job + " RUNNING");
        if (faults.taskManagerKills() > 0 || !faults.brokerStop().isZero() || faults.midRun() != null) {
            inject(rest, job, faults);
        }
        awaitConsumed(args.consumerGroup(), Duration.ofMinutes(25));
        awaitApplied(rest, job, newestArrival(), APPLIED_TIMEOUT);
        if (probe != null) {
            probe.whileRunning(job);
        }
        Map<String, String> rules = new HashMap<>();
        Map<String, Integer> alerts = committedAlerts(alertsBefore, rules);
        Run run = new Run(name, alerts, rules, rest.restarts(job));
        out.printf("%s %s: restarts %d, alert transitions %d (%d on the topic more than once)%n", Instant.now(), name, run.restarts(),
                alerts.size(), run.repeated());
        rest.savepoint(job, null, true, Duration.ofMinutes(3));
        return run;
    }

    /**
     * Waits until the job has applied every record it read, then three more checkpoints (so the
     * alerts those records raised are committed to the topic), and fails after {@code timeout}
     * saying what was still pending. Records read and committed by the consumer group may still wait
     * in the stages' arrival buffers until the clock passes their arrival (docs/rules.md,
     * "Determinism"); once the rule evaluator's output clock, in every subtask, has reached the
     * newest arrival on any feed, nothing read can still raise or resolve an alert. If the job
     * restarts meanwhile (its clocks start over), it waits again.
     */
    private void awaitApplied(FlinkRest rest, String job, long newestArrival, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Double> clocks = Map.of();
        long lastPrinted = 0;
        while (Instant.now().isBefore(deadline)) {
            long restarts = rest.restarts(job);
            clocks = rulesClocks(rest, job);
            if (passed(clocks, newestArrival)) {
                long checkpoints = rest.completedCheckpoints(job);
                while (rest.completedCheckpoints(job) < checkpoints + 3 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(1000);
                }
                // Read again: a value fetched just after a restart may still be the previous attempt's.
                if (rest.completedCheckpoints(job) >= checkpoints + 3 && rest.restarts(job) == restarts
                        && passed(rulesClocks(rest, job), newestArrival)) {
                    out.printf("  %s every record applied: the rule evaluator's clock passed the newest arrival (%s) in "
                            + "every subtask, then 3 checkpoints%n", Instant.now(), Instant.ofEpochMilli(newestArrival));
                    return;
                }
            } else if (System.nanoTime() - lastPrinted > Duration.ofSeconds(30).toNanos()) {
                lastPrinted = System.nanoTime();
                out.println("  waiting for the rule evaluator's clock to pass the newest arrival " + newestArrival
                        + ": " + clocks);
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("job " + job + " did not apply what it read within " + timeout
                + ": the consumer group committed the end of every feed, but the rule evaluator's clock (output "
                + "watermark per subtask, NaN: not reported) " + clocks + " is not past the newest arrival "
                + newestArrival + " (" + Instant.ofEpochMilli(newestArrival) + "); records wait in arrival buffers");
    }

    private static Map<String, Double> rulesClocks(FlinkRest rest, String job) {
        return "RUNNING".equals(rest.state(job)) ? rest.operatorMetric(job, RULES_OPERATOR, "currentOutputWatermark")
                : Map.of();
    }

    private static boolean passed(Map<String, Double> clocks, long newestArrival) {
        return !clocks.isEmpty() && clocks.values().stream().allMatch(c -> c >= newestArrival);
    }

    /** The newest arrival (Kafka timestamp) on any partition of any feed. */
    private long newestArrival() throws Exception {
        long newest = Long.MIN_VALUE;
        try (Admin admin = cluster.kafka().admin()) {
            for (Feed feed : Feed.values()) {
                var partitions = admin.describeTopics(List.of(feed.topic())).allTopicNames().get().get(feed.topic())
                        .partitions();
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                partitions.forEach(p -> request.put(new TopicPartition(feed.topic(), p.partition()), OffsetSpec.maxTimestamp()));
                for (var info : admin.listOffsets(request).all().get().values()) {
                    newest = Math.max(newest, info.timestamp());
                }
            }
        }
        if (newest <= 0) {
            throw new IllegalStateException("no feed record on the brokers");
        }
        return newest;
    }

    private void inject(FlinkRest rest, String job, Faults faults) throws Exception {
        int kills = faults.taskManagerKills();
        boolean brokerDone = faults.brokerStop().isZero();
        boolean midDone = faults.midRun() == null;
        for (int kill = 0; kill < kills; kill++) {
            awaitNextCheckpoint(rest, job);
            int victim = kill % 2;
            out.println("  " + Instant.now() + " kill -9 TaskManager " + victim + " (" + (kill + 1) + " of " + kills + ")");
            cluster.killTaskManager(victim);
            Thread.sleep(3000);
            cluster.startTaskManager(victim);
            if (!brokerDone && kill == kills / 2) {
                stopBroker(rest, job, faults.brokerStop());
                brokerDone = true;
            }
            if (!midDone && kill == kills / 2) {
                awaitRunning(rest, job);
                faults.midRun().inject();
                midDone = true;
            }
        }
        if (!brokerDone) {
            stopBroker(rest, job, faults.brokerStop());
        }
        if (!midDone) {
            awaitRunning(rest, job);
            faults.midRun().inject();
        }
        awaitRunning(rest, job);
    }

    private void stopBroker(FlinkRest rest, String job, Duration stop) throws Exception {
        awaitRunning(rest, job);
        out.println("  " + Instant.now() + " broker 1 stopped for " + stop.toSeconds() + " s");
        cluster.stopBroker(1);
        Thread.sleep(stop.toMillis());
        cluster.startBroker(1);
    }

    private static void awaitNextCheckpoint(FlinkRest rest, String job) throws InterruptedException {
        awaitRunning(rest, job);
        long checkpoints = rest.completedCheckpoints(job);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (rest.completedCheckpoints(job) <= checkpoints && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    private static void awaitRunning(FlinkRest rest, String job) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (Instant.now().isBefore(deadline)) {
            if ("RUNNING".equals(rest.state(job))) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("job " + job + " not RUNNING within 5 min: " + rest.state(job));
    }

    /** Waits until the job's consumer group has committed (at a checkpoint) the end of every feed topic. */
    private void awaitConsumed(String group, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = cluster.kafka().admin()) {
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, Long> end = new HashMap<>();
                for (Feed feed : Feed.values()) {
                    end.putAll(endOffsets(feed.topic()));
                }
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = end.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (done) {
                    return;
                }
                Thread.sleep(2000);
            }
        }
        throw new IllegalStateException("group " + group + " did not consume the replay within " + timeout);
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = cluster.kafka().admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /**
     * Alert transitions committed after {@code from}: fingerprint|state → how often it is on the
     * topic; {@code rules} gets each one's rule/layer.
     */
    private Map<String, Integer> committedAlerts(Map<TopicPartition, Long> from, Map<String, String> rules) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> alerts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(from.keySet());
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode alert = JSON.readTree(record.value());
                        String key = alert.path("fingerprint").asText() + "|" + alert.path("state").asText();
                        alerts.merge(key, 1, Integer::sum);
                        rules.put(key, alert.path("rule").asText() + "/" + alert.path("layer").asText());
                    } catch (IOException e) {
                        throw new IllegalStateException("unreadable alert at offset " + record.offset(), e);
                    }
                }
            }
        }
        return alerts;
    }
}
