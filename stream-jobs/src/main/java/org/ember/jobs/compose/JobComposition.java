package org.ember.jobs.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ember.deployment.Deployment;
import org.ember.geo.fusion.FusionSettings;
import org.ember.jobs.DeploymentJobs;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSettings;
import org.ember.jobs.delivery.DeliverySettings;
import org.ember.jobs.kafka.KafkaJobSinks;
import org.ember.jobs.kafka.KafkaJobSources;
import org.ember.model.privacy.PseudonymKeys;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.routing.ConfigException;

/**
 * The one place that turns {@link JobArguments} into the job's settings, used by {@code ember job}
 * (local cluster in the CLI's JVM) and by the job jar's {@code main} on a Flink cluster, so both run
 * the same job. Everything force-specific comes from the deployment file, resolved once
 * ({@link #deployment}) and turned into settings by {@link DeploymentJobs}.
 */
public final class JobComposition {
    private JobComposition() {}

    /** A job argument or file that cannot make a job; the message says which and why. */
    public static final class CompositionException extends Exception {
        public CompositionException(String message) {
            super(message);
        }
    }

    /** The deployment the arguments name, loaded and checked once. */
    public static Deployment deployment(JobArguments args, Map<String, String> environment) throws CompositionException {
        if (args.deployment() == null) {
            throw new CompositionException("--deployment is required: the VRU's deployment file (docs/deployment.md)");
        }
        if (!Files.isDirectory(args.dataDir())) {
            throw new CompositionException("data directory " + args.dataDir() + " not found");
        }
        try {
            return Deployment.load(args.deployment(), args.dataDir(), environment);
        } catch (ConfigException e) {
            throw new CompositionException("the deployment " + args.deployment() + " cannot be used:\n" + e.getMessage());
        }
    }

    /**
     * The job's settings, from the arguments and the process environment (pseudonymisation key,
     * secrets the deployment names); notifications as {@link #jarDelivery} makes them.
     */
    public static JobSettings settings(JobArguments args, Map<String, String> environment) throws CompositionException {
        Deployment deployment = deployment(args, environment);
        return settings(args, environment, deployment, jarDelivery(args, deployment));
    }

    /**
     * The job jar's delivery: as the deployment says, the outbox (when the deployment has no SMTP
     * server) under the system's temporary folder, and the delivery ledger the arguments name,
     * which is required: on a cluster a TaskManager can die after a send and before the next
     * checkpoint, and only a ledger every TaskManager reaches stops the restored job sending again.
     */
    public static DeliverySettings jarDelivery(JobArguments args, Deployment deployment) throws CompositionException {
        String ledger = args.deliveryLedger();
        if (ledger == null || ledger.isBlank()) {
            throw new CompositionException("--delivery-ledger is required: a directory every TaskManager can read and "
                    + "write, like the checkpoint directory (a shared volume such as file:///mnt/ember/delivery-ledger, "
                    + "or s3://bucket/ember/delivery-ledger). Delivered notifications are recorded there so that a "
                    + "job restored after a lost TaskManager does not send them again (docs/deployment.md, "
                    + "\"Delivery ledger\").");
        }
        if (!ledger.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !Path.of(ledger).isAbsolute()) {
            throw new CompositionException("--delivery-ledger " + ledger + " is a relative path; on a cluster it would "
                    + "name a different folder in each TaskManager: give an absolute path or a URI");
        }
        Path outbox = Path.of(System.getProperty("java.io.tmpdir"), "ember-outbox");
        return delivery(deployment, null, outbox).withLedger(ledger);
    }

    /** The deployment's delivery: routing, rotas, channels, links to its public URL. */
    public static DeliverySettings delivery(Deployment deployment, Path ledger, Path outbox) throws CompositionException {
        try {
            return DeploymentJobs.delivery(deployment, ledger, outbox);
        } catch (ConfigException e) {
            throw new CompositionException("routing files are invalid (setting routing of " + deployment.file() + "):\n"
                    + e.getMessage());
        }
    }

    /**
     * The job's settings for an already loaded deployment.
     *
     * @param delivery notifications (see {@link #delivery}), or null for none
     */
    public static JobSettings settings(JobArguments args, Map<String, String> environment, Deployment deployment,
            DeliverySettings delivery) throws CompositionException {
        Pseudonymiser pseudonymiser;
        try {
            pseudonymiser = PseudonymKeys.resolve(environment, args.production());
        } catch (IllegalStateException e) {
            throw new CompositionException(e.getMessage());
        }
        RuleSet ruleSet;
        try {
            ruleSet = args.rules() != null ? new RuleFileLoader(DeploymentJobs.areas(deployment)).load(args.rules())
                    : DeploymentJobs.rules(deployment);
        } catch (RuleFileException e) {
            throw new CompositionException("rule files are invalid:\n" + e.getMessage());
        }
        return DeploymentJobs.settings(deployment, pseudonymiser, ruleSet, Duration.ofMinutes(1), FusionSettings.defaults(),
                delivery);
    }

    /**
     * Builds the job against Kafka on {@code env} (whatever environment the process was given: a
     * local cluster, or the cluster a submitted jar runs in) with checkpointing on.
     */
    public static void attach(StreamExecutionEnvironment env, JobArguments args, JobSettings settings) {
        attach(env, args, settings, Map.of());
    }

    /** As {@link #attach(StreamExecutionEnvironment, JobArguments, JobSettings)}, with the deployment's Kafka client properties. */
    public static void attach(StreamExecutionEnvironment env, JobArguments args, JobSettings settings,
            Map<String, String> kafkaClientProperties) {
        env.enableCheckpointing(args.checkpointInterval().toMillis());
        EmberJob.build(env,
                new KafkaJobSources(args.bootstrapServers(), args.consumerGroup(), kafkaClientProperties),
                new KafkaJobSinks(args.bootstrapServers(), args.transactionalIdPrefix(), kafkaClientProperties),
                settings);
    }
}
