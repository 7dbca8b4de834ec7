package org.ember.infra.cli;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.jobs.compose.JobArguments;
import org.ember.jobs.compose.JobComposition;
import org.ember.jobs.delivery.DeliverySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ember job}: runs the job alone on Flink's local cluster against a Kafka you already have
 * (the topics must exist), built from the deployment: its areas, rules, routing, rotas and
 * channels, links to its public URL, its Kafka client properties. With {@code --production} the
 * pseudonymisation key must be configured: a missing key is an error at start, never a silently
 * generated one.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Ember job on Flink's local cluster against an existing Kafka, until Ctrl-C: ingest, counts,",
            "fusion, rules, and routing, escalation and delivery of notifications as the deployment says.",
            "Serves /metrics and /healthz (see --ops-port)."
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

    @Mixin
    DeploymentOption deployment;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: the deployment's "
            + "kafka.bootstrap_servers, else the running demo's broker; with --cluster: the cluster's brokers).")
    String bootstrapServers;

    @Option(names = "--production", description = "Production mode: EMBER_PSEUDONYM_KEY must be set (≥ 16 characters).")
    boolean production;

    @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @Option(names = "--rules", description = "Rule file or directory (default: the deployment's rules).")
    Path rules;

    @Option(names = "--work-dir", description = "Checkpoints, the delivery ledger and the outbox (default: .ember/job).")
    Path workDir;

    @Option(names = "--checkpoint-dir", description = "Checkpoint directory (default: <work-dir>/checkpoints).")
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

    @Option(names = "--consumer-group", defaultValue = "ember-job", description = "Kafka consumer group (default: ${DEFAULT-VALUE}).")
    String consumerGroup;

    @Option(names = "--no-notifications", description = "Evaluate rules but route and deliver nothing.")
    boolean noNotifications;

    @Option(names = "--ops-host", defaultValue = "127.0.0.1", description = "Address of /metrics and /healthz (default: ${DEFAULT-VALUE}).")
    String opsHost;

    @Option(names = "--ops-port", defaultValue = "0", description = "Port of /metrics and /healthz (default: a free port, printed).")
    int opsPort;

    /** The arguments the job's one composition function takes, here and in the job jar's main. */
    JobArguments arguments(String bootstrap, Path data) {
        return new JobArguments(DeploymentOption.file(deployment.deployment, environment), bootstrap, data,
                rules != null ? rules.toAbsolutePath() : null, consumerGroup, checkpointInterval, production);
    }

    @Override
    public Integer call() throws Exception {
        try { // a production start without its key is the first thing to refuse, whatever else is missing
            org.ember.model.privacy.PseudonymKeys.resolve(environment, production);
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        Path data = EmberPaths.dataDir(dataDir, environment);
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            throw new UserError(problem);
        }
        if (cluster) {
            return ClusterSubmit.submit(this, data, environment);
        }
        Deployment d = DeploymentOption.load(deployment.deployment, dataDir, environment);
        String servers = KafkaLocation.bootstrapServers(bootstrapServers, d);
        JobArguments arguments = arguments(servers, data);
        Path work = workDir != null ? workDir : EmberPaths.home().resolve(".ember/job");
        DeliverySettings delivery;
        JobSettings settings;
        try {
            delivery = noNotifications ? null
                    : JobComposition.delivery(d, work.resolve("delivery-ledger"), work.resolve("outbox"));
            settings = JobComposition.settings(arguments, environment, d, delivery);
        } catch (JobComposition.CompositionException e) {
            throw new UserError(e.getMessage());
        }
        Path checkpoints = checkpointDir != null ? checkpointDir : work.resolve("checkpoints");
        // A stable transactional id prefix: a resumed job must own the transactions its checkpoint knows.
        EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(servers, consumerGroup,
                arguments.transactionalIdPrefix(), checkpoints, checkpointInterval, parallelism);
        java.util.Optional<Path> checkpoint = fresh ? java.util.Optional.empty() : EmberJobRunner.latestCheckpoint(checkpoints);
        if (checkpoint.isPresent()) {
            System.out.println("Resuming from checkpoint " + checkpoint.get());
            run = run.restoringFrom(checkpoint.get());
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.globalRegistry.add(registry);
        CountDownLatch stopped = new CountDownLatch(1);
        try (RunningJob job = EmberJobRunner.startLocal(settings, run, d.kafka().properties());
                OpsEndpoints ops = OpsEndpoints.start(opsHost, opsPort, registry, job::status)) {
            System.out.println("Deployment: " + d.name() + " (" + d.file() + "), " + d.spokes().size() + " spokes, "
                    + settings.rules().rules().size() + " rules");
            System.out.println("Notify:  " + (delivery == null ? "off (--no-notifications)"
                    : delivery.live() ? "e-mail through " + d.mail() + ", links to " + d.publicUrl()
                    : "no SMTP server in the deployment: messages are written to " + work.resolve("outbox")));
            System.out.println("Metrics: " + ops.url().resolve("/metrics") + " · health " + ops.url().resolve("/healthz"));
            System.out.println("Ember job " + job.id() + " " + job.status() + " against " + servers
                    + (production ? " (production mode)" : " (demo key: pseudonyms change at every start)"));
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "job-ctrl-c"));
            stopped.await();
        } finally {
            Metrics.globalRegistry.remove(registry);
        }
        return 0;
    }
}
