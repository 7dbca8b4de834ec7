package org.ember.jobs.compose;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.geo.area.Coverage;
import org.ember.geo.fusion.FusionSettings;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSettings;
import org.ember.jobs.kafka.KafkaJobSinks;
import org.ember.jobs.kafka.KafkaJobSources;
import org.ember.model.privacy.PseudonymKeys;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;

/**
 * The one place that turns {@link JobArguments} into the job's settings, used by {@code ember job}
 * (local cluster in the CLI's JVM) and by the job jar's {@code main} on a Flink cluster, so both run
 * the same job.
 *
 * <p>Seam for the deployment file: {@link #settings} is where the deployment's coverage, routing,
 * rotas and channels become {@link JobSettings}. Until deployment files exist it composes what
 * {@code ember job} always did (South Wales and Gwent, fusion on, no delivery).
 */
public final class JobComposition {
    private JobComposition() {}

    /** A job argument or file that cannot make a job; the message says which and why. */
    public static final class CompositionException extends Exception {
        public CompositionException(String message) {
            super(message);
        }
    }

    /** The job's settings, from the arguments and the process environment (pseudonymisation key). */
    public static JobSettings settings(JobArguments args, Map<String, String> environment) throws CompositionException {
        if (args.deployment() != null && !Files.isRegularFile(args.deployment())) {
            throw new CompositionException("deployment file " + args.deployment() + " not found");
        }
        if (!Files.isDirectory(args.dataDir())) {
            throw new CompositionException("data directory " + args.dataDir() + " not found");
        }
        Pseudonymiser pseudonymiser;
        try {
            pseudonymiser = PseudonymKeys.resolve(environment, args.production());
        } catch (IllegalStateException e) {
            throw new CompositionException(e.getMessage());
        }
        RuleSet ruleSet;
        try {
            ruleSet = new RuleFileLoader().load(args.rules());
        } catch (RuleFileException e) {
            throw new CompositionException("rule files are invalid:\n" + e.getMessage());
        }
        return new JobSettings(args.dataDir().toString(), Coverage.southWalesAndGwent(), 250, pseudonymiser, ruleSet,
                JobSettings.defaultOutOfOrderness(), Duration.ofMinutes(1), FusionSettings.defaults(), null);
    }

    /**
     * Builds the job against Kafka on {@code env} (whatever environment the process was given: a
     * local cluster, or the cluster a submitted jar runs in) with checkpointing on.
     */
    public static void attach(StreamExecutionEnvironment env, JobArguments args, JobSettings settings) {
        env.enableCheckpointing(args.checkpointInterval().toMillis());
        EmberJob.build(env,
                new KafkaJobSources(args.bootstrapServers(), args.consumerGroup()),
                new KafkaJobSinks(args.bootstrapServers(), args.transactionalIdPrefix()),
                settings);
    }
}
