package org.ember.infra.chaos;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.ember.deployment.Deployment;
import org.ember.infra.demo.PipelineCounts;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.jobs.compose.JobArguments;
import org.ember.jobs.compose.JobComposition;

/**
 * The fuzz campaign on its own broker and an in-process job of the deployment (notifications to an
 * outbox in {@code work}): what {@code ember chaos fuzz} and its test run.
 */
public final class FuzzRun {
    private FuzzRun() {}

    public static FuzzFigures run(Path work, Path deploymentFile, Deployment deployment, long count, long seed,
            PrintStream out) throws Exception {
        Map<String, String> environment = System.getenv();
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), 0)) {
            broker.createTopics();
            String servers = broker.bootstrapServers();
            String group = "ember-chaos-fuzz-" + UUID.randomUUID();
            JobArguments args = new JobArguments(deploymentFile, servers, deployment.dataDir(), null, group,
                    Duration.ofSeconds(2), false);
            Path outbox = work.resolve("outbox");
            JobSettings settings = JobComposition.settings(args, environment, deployment,
                    JobComposition.delivery(deployment, work.resolve("delivery-ledger"), outbox));
            EmberJobRunner.RunSettings runSettings = new EmberJobRunner.RunSettings(servers, group,
                    args.transactionalIdPrefix(), work.resolve("checkpoints"), args.checkpointInterval(), 1);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Metrics.globalRegistry.add(registry);
            try (LogCapture log = new LogCapture("chaos-fuzz-" + UUID.randomUUID());
                    RunningJob job = EmberJobRunner.startLocal(settings, runSettings, deployment.kafka().properties())) {
                out.println("chaos fuzz: job " + job.id() + " " + job.status() + " on " + servers + "; publishing " + count
                        + " fuzzed records of " + deployment.name());
                FuzzFigures figures = FuzzCampaign.run(servers, deployment, count, seed,
                        () -> PipelineCounts.read(Metrics.globalRegistry), log::text, outbox,
                        Duration.ofMinutes(Math.max(3, count / 2_000)));
                out.println("job after the run: " + job.status());
                return figures;
            } finally {
                Metrics.globalRegistry.remove(registry);
            }
        }
    }
}
