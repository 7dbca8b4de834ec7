package org.ember.jobs;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.jobs.bounded.InMemoryJobSinks;
import org.ember.jobs.bounded.InMemoryJobSources;
import org.ember.jobs.bounded.MemorySink;
import org.ember.jobs.kafka.KafkaJobSinks;
import org.ember.jobs.kafka.KafkaJobSources;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Alert;
import org.ember.model.Incident;
import org.ember.model.Topics;
import org.ember.rules.snapshot.RuleEvent;

/**
 * Starts Ember's job against Kafka, on Flink's local cluster in this JVM (the embedded default) or
 * on whatever execution environment the process was launched in. Checkpointing is always on and a
 * failed task restarts from the last checkpoint.
 */
public final class EmberJobRunner {
    private EmberJobRunner() {}

    /**
     * How to run the job.
     *
     * @param bootstrapServers   Kafka bootstrap servers
     * @param consumerGroup      Kafka consumer group of the feed sources
     * @param transactionalIdPrefix prefix of the exactly-once sinks' transactional ids (unique per job)
     * @param checkpointDir      where checkpoints are kept
     * @param checkpointInterval how often; alerts become visible to read_committed readers at each checkpoint
     * @param parallelism        parallel tasks per operator
     * @param restoreFrom        a retained checkpoint to resume from (see {@link #latestCheckpoint}), or null
     */
    public record RunSettings(String bootstrapServers, String consumerGroup, String transactionalIdPrefix,
            Path checkpointDir, Duration checkpointInterval, int parallelism, Path restoreFrom) {

        /** A fresh start, restoring nothing. */
        public RunSettings(String bootstrapServers, String consumerGroup, String transactionalIdPrefix,
                Path checkpointDir, Duration checkpointInterval, int parallelism) {
            this(bootstrapServers, consumerGroup, transactionalIdPrefix, checkpointDir, checkpointInterval, parallelism,
                    null);
        }

        public RunSettings restoringFrom(Path checkpoint) {
            return new RunSettings(bootstrapServers, consumerGroup, transactionalIdPrefix, checkpointDir,
                    checkpointInterval, parallelism, checkpoint);
        }
    }

    /**
     * The newest completed checkpoint under a checkpoint directory (Flink writes
     * {@code <dir>/<job id>/chk-<n>/_metadata} once a checkpoint is complete), if any.
     */
    public static java.util.Optional<Path> latestCheckpoint(Path checkpointDir) throws java.io.IOException {
        if (!java.nio.file.Files.isDirectory(checkpointDir)) {
            return java.util.Optional.empty();
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(checkpointDir, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(java.util.Comparator.comparingLong(EmberJobRunner::lastModified));
        }
    }

    private static long lastModified(Path path) {
        try {
            return java.nio.file.Files.getLastModifiedTime(path.resolve("_metadata")).toMillis();
        } catch (java.io.IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Network buffer flush interval of the job, milliseconds. */
    public static final long LATENCY_BUFFER_TIMEOUT_MS = 5;

    public static RunningJob startLocal(JobSettings settings, RunSettings run) throws Exception {
        return startLocal(settings, run, Map.of());
    }

    /** As {@link #startLocal(JobSettings, RunSettings)}, with extra Kafka client properties (TLS, SASL). */
    public static RunningJob startLocal(JobSettings settings, RunSettings run, Map<String, String> kafkaClientProperties)
            throws Exception {
        Configuration config = LocalClusterConfig.closed(new Configuration());
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, run.checkpointDir().toUri().toString());
        // Keep the last checkpoint when the job is cancelled or the process stops, so it can resume.
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (run.restoreFrom() != null) {
            // Ignoring unclaimed state (below) would also start the areas' counts and rules empty from a
            // checkpoint of the version that kept them in two operators: refused here, saying why.
            org.ember.jobs.area.RetiredOperators.check(run.restoreFrom());
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, run.restoreFrom().toUri().toString());
            // Every operator has a stable uid, so the stages both programs run get their state back;
            // the state of a stage this run leaves out (the demo's notifications when `ember job` runs
            // without routing) is dropped instead of refusing the whole checkpoint.
            config.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        }
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(run.parallelism(), config);
        env.enableCheckpointing(run.checkpointInterval().toMillis());
        // A network buffer waits up to this long to fill: at a force's ~100 records/s the default 100 ms,
        // paid at each of the four shuffles, would be most of the record → alert latency (docs/benchmarks-realtime.md).
        env.setBufferTimeout(LATENCY_BUFFER_TIMEOUT_MS);
        EmberJob.build(env,
                new KafkaJobSources(run.bootstrapServers(), run.consumerGroup(), kafkaClientProperties),
                new KafkaJobSinks(run.bootstrapServers(), run.transactionalIdPrefix(), kafkaClientProperties),
                settings);
        JobClient client = env.executeAsync("ember");
        return new RunningJob() {
            @Override
            public String id() {
                return client.getJobID().toString();
            }

            @Override
            public String status() {
                try {
                    return client.getJobStatus().get(10, TimeUnit.SECONDS).name();
                } catch (Exception e) {
                    return "UNKNOWN (" + e.getClass().getSimpleName() + ")";
                }
            }

            @Override
            public void close() {
                try {
                    client.cancel().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // Already finished or failed: nothing left to cancel.
                }
            }
        };
    }

    /** Which incidents a bounded run keeps (for example the serious ones a backtest scores against). */
    public interface IncidentFilter extends Predicate<Incident>, Serializable {}

    /**
     * What a bounded run produced.
     *
     * @param alerts     every alert transition, in the order the job emitted them
     * @param incidents  the incidents the filter kept (every version, as ingested)
     * @param ruleEvents what the job did with rule snapshots in the input
     * @param records    input records read
     * @param wallMillis wall-clock time of the run, job start to finish
     * @param deadLetterReasons the reason of every record the job dead-lettered
     */
    public record BoundedRun(List<Alert> alerts, List<Incident> incidents, List<RuleEvent> ruleEvents, long records,
            long wallMillis, List<String> deadLetterReasons) {
        public BoundedRun(List<Alert> alerts, List<Incident> incidents, List<RuleEvent> ruleEvents, long records,
                long wallMillis) {
            this(alerts, incidents, ruleEvents, records, wallMillis, List.of());
        }
    }

    /**
     * Runs the same job graph over bounded input, at full speed, on a local environment in this JVM,
     * and returns what it produced once every source is exhausted and event time has run to the end
     * (so every window closes and every count drains).
     *
     * @param input          topic → records in the order they are read (feed topics, or {@code ember.rules})
     * @param incidentFilter which incidents to keep, or null for none
     * @param progress       told about every 200 ms how many input records have been read
     */
    public static BoundedRun runBounded(JobSettings settings, Map<String, List<RawFeedRecord>> input, int parallelism,
            IncidentFilter incidentFilter, LongConsumer progress) throws Exception {
        Configuration config = LocalClusterConfig.closed(new Configuration());
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        long started = System.currentTimeMillis();
        try (InMemoryJobSources sources = new InMemoryJobSources(input);
                InMemoryJobSinks sinks = new InMemoryJobSinks(Set.of(Topics.ALERTS, Topics.RULE_EVENTS, Topics.DEAD_LETTER));
                MemorySink<Incident> incidents = new MemorySink<>()) {
            EmberJob.Outputs outputs = EmberJob.build(env, sources, sinks, settings);
            if (incidentFilter != null) {
                outputs.incidents().filter(incidentFilter::test).uid("bounded-incident-filter").name("Incidents kept")
                        .sinkTo(incidents).uid("bounded-incidents").name("Incidents (memory)");
            }
            JobClient client = env.executeAsync("ember-bounded");
            CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
            while (true) {
                try {
                    result.get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException stillRunning) {
                    progress.accept(sources.read());
                }
            }
            progress.accept(sources.read());
            return new BoundedRun(sinks.received(OutputTopic.ALERTS), incidents.received(),
                    sinks.received(OutputTopic.RULE_EVENTS), sources.read(), System.currentTimeMillis() - started,
                    sinks.received(OutputTopic.DEAD_LETTERS).stream().map(org.ember.model.DeadLetter::reason).toList());
        }
    }
}
