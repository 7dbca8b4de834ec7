package org.ember.infra.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ember.geo.area.Coverage;
import org.ember.infra.EmberPaths;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.model.privacy.PseudonymKeys;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
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

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
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

    @Option(names = "--consumer-group", defaultValue = "ember-job", description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String consumerGroup;

    @Override
    public Integer call() throws Exception {
        Pseudonymiser pseudonymiser;
        try {
            pseudonymiser = PseudonymKeys.resolve(environment, production);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        Path data = EmberPaths.dataDir(dataDir, environment);
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            throw new UserError(problem);
        }
        RuleSet ruleSet;
        try {
            ruleSet = new RuleFileLoader().load(rules != null ? rules : EmberPaths.home().resolve("alert-rules/rules"));
        } catch (RuleFileException e) {
            throw new UserError("rule files are invalid:\n" + e.getMessage());
        }
        JobSettings settings = new JobSettings(data.toString(), Coverage.southWalesAndGwent(), 250, pseudonymiser, ruleSet,
                JobSettings.defaultOutOfOrderness(), Duration.ofMinutes(1), org.ember.geo.fusion.FusionSettings.defaults(), null);
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
