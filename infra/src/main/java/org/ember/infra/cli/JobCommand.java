package org.ember.infra.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ember.infra.EmberPaths;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.jobs.compose.JobArguments;
import org.ember.jobs.compose.JobComposition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember job}: runs the job alone on Flink's local cluster against a Kafka you already have
 * (the topics must exist). With {@code --production} the pseudonymisation key must be configured:
 * a missing key is an error at start, never a silently generated one.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Ember job on Flink's local cluster against an existing Kafka, until Ctrl-C.",
            "Reads feed.*, writes ember.dlq, ember.hotspots and ember.alerts."
        })
public final class JobCommand implements Callable<Integer> {
    private final java.util.Map<String, String> environment;

    public JobCommand() {
        this(System.getenv());
    }

    /** With a given environment, so tests do not depend on the shell they run in. */
    JobCommand(java.util.Map<String, String> environment) {
        this.environment = environment;
    }

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (with --cluster: the cluster's brokers).")
    String bootstrapServers;

    @Option(names = "--production", description = "Production mode: EMBER_PSEUDONYM_KEY must be set (≥ 16 characters).")
    boolean production;

    @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @Option(names = "--rules", description = "Rule file or directory (default: alert-rules/rules of this checkout).")
    Path rules;

    @Option(names = "--checkpoint-dir", description = "Checkpoint directory (default: .ember/job/checkpoints).")
    Path checkpointDir;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = SimulateCommand.DurationConverter.class,
            description = "How often to checkpoint; alerts are committed at each checkpoint (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--fresh", description = "Start from scratch instead of resuming from the newest checkpoint.")
    boolean fresh;

    @Option(names = "--cluster", description = "Submit the job jar to `ember cluster` over Flink's REST API instead of running it here.")
    boolean cluster;

    @Option(names = "--from-savepoint", description = "With --cluster: restore from this savepoint or retained checkpoint (execution.state-recovery.path).")
    String fromSavepoint;

    @Option(names = "--deployment", description = "The VRU's deployment file (passed to the job's composition).")
    Path deployment;

    @Option(names = "--consumer-group", defaultValue = "ember-job", description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String consumerGroup;

    /** The arguments the job's one composition function takes, here and in the job jar's main. */
    JobArguments arguments(String bootstrap, Path data) {
        return new JobArguments(deployment, bootstrap, data,
                rules != null ? rules.toAbsolutePath() : EmberPaths.home().resolve("alert-rules/rules"), consumerGroup,
                checkpointInterval, production);
    }

    @Override
    public Integer call() throws Exception {
        Path data = EmberPaths.dataDir(dataDir, environment);
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            throw new UserError(problem);
        }
        if (cluster) {
            return ClusterSubmit.submit(this, data, environment);
        }
        if (bootstrapServers == null) {
            throw new UserError("--bootstrap-servers is required (or --cluster)");
        }
        JobArguments arguments = arguments(bootstrapServers, data);
        JobSettings settings;
        try {
            settings = JobComposition.settings(arguments, environment);
        } catch (JobComposition.CompositionException e) {
            throw new UserError(e.getMessage());
        }
        Path checkpoints = checkpointDir != null ? checkpointDir : EmberPaths.home().resolve(".ember/job/checkpoints");
        // A stable transactional id prefix: a resumed job must own the transactions its checkpoint knows.
        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(bootstrapServers, consumerGroup,
                "ember-job-" + consumerGroup, checkpoints, checkpointInterval, parallelism);
        java.util.Optional<Path> checkpoint = fresh ? java.util.Optional.empty() : EmberJobRunner.latestCheckpoint(checkpoints);
        if (checkpoint.isPresent()) {
            System.out.println("Resuming from checkpoint " + checkpoint.get());
            run = run.restoringFrom(checkpoint.get());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (RunningJob job = EmberJobRunner.startLocal(settings, run)) {
            System.out.println("Ember job " + job.id() + " " + job.status() + " against " + bootstrapServers
                    + (production ? " (production mode)" : " (demo key: pseudonyms change at every start)"));
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "job-ctrl-c"));
            stopped.await();
        }
        return 0;
    }
}
