package org.ember.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;
import java.time.Duration;
import org.ember.infra.chaos.ClusterCampaign;
import org.ember.infra.chaos.FuzzFigures;
import org.ember.infra.cluster.ClusterFiles;
import org.ember.infra.cluster.ClusterPorts;
import org.ember.infra.cluster.LocalCluster;
import org.ember.infra.chaos.FuzzRun;
import org.ember.infra.chaos.InvalidRulePush;
import org.ember.rules.snapshot.RuleEvent;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ember chaos}: the fault campaign, one subcommand per fault, each printing its figures. */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "The fault campaign (docs/reliability.md): fuzzed feeds, killed TaskManagers, a stopped broker.",
        subcommands = {ChaosCommand.Fuzz.class, ChaosCommand.TaskManagers.class, ChaosCommand.Broker.class})
public final class ChaosCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "fuzz", mixinStandardHelpOptions = true,
            description = "Publishes fuzzed feed records to a job on its own broker; checks in = processed + dead-lettered"
                    + " and that no value of an unknown field reaches an output topic, a notification or the log.")
    static final class Fuzz implements Callable<Integer> {
        @Mixin
        DeploymentOption deployment;

        @Option(names = "--data-dir", description = "Data directory (default: $EMBER_DATA_DIR or ../shared/data).")
        Path dataDir;

        @Option(names = "--count", defaultValue = "100000", description = "Records to publish (default: ${DEFAULT-VALUE}).")
        long count;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the replay and the fuzzing (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--work-dir", description = "Broker data, checkpoints, outbox (default: .ember/chaos/fuzz).")
        Path workDir;

        @Override
        public Integer call() throws Exception {
            Deployment d = deployment.load(dataDir);
            Path work = workDir != null ? workDir : EmberPaths.home().resolve(".ember/chaos/fuzz-" + System.currentTimeMillis());
            FuzzFigures figures = FuzzRun.run(work, deployment.file(), d, count, seed, System.out);
            System.out.print(figures.report());
            return figures.clean() ? 0 : 1;
        }
    }

    @Command(name = "taskmanagers", mixinStandardHelpOptions = true,
            description = "On a cluster of its own: the replay undisturbed, then with TaskManagers killed (SIGKILL) after"
                    + " completed checkpoints; compares the alert transitions committed (alerts lost, transitions twice).")
    static final class TaskManagers implements Callable<Integer> {
        @Option(names = "--kills", defaultValue = "10", description = "TaskManager kills (default: ${DEFAULT-VALUE}).")
        int kills;

        @Option(names = "--data-dir", description = "Data directory (default: $EMBER_DATA_DIR or ../shared/data).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            return onOwnCluster(dataDir, new ClusterCampaign.Faults(kills, Duration.ZERO));
        }
    }

    @Command(name = "broker", mixinStandardHelpOptions = true,
            description = "On a cluster of its own: the replay undisturbed, then with one of the three brokers stopped"
                    + " mid-replay and started again; compares the alert transitions committed.")
    static final class Broker implements Callable<Integer> {
        @Option(names = "--stop", defaultValue = "30s", converter = SimulateCommand.DurationConverter.class,
                description = "How long the broker stays down (default: ${DEFAULT-VALUE}).")
        Duration stop;

        @Option(names = "--data-dir", description = "Data directory (default: $EMBER_DATA_DIR or ../shared/data).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            return onOwnCluster(dataDir, new ClusterCampaign.Faults(0, stop));
        }
    }

    private static int onOwnCluster(Path dataDir, ClusterCampaign.Faults faults) throws Exception {
        Path home = EmberPaths.home();
        Path data = EmberPaths.dataDir(dataDir, System.getenv());
        Path dir = home.resolve(".ember/chaos/cluster-" + System.currentTimeMillis());
        System.out.println("chaos: starting a JobManager, 2 TaskManagers and 3 brokers in " + dir);
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Layout(dir, ClusterPorts.free(),
                ClusterFiles.flinkClasspath(home), ClusterFiles.kafkaClasspath(), 2))) {
            Path deployment = home.resolve("deployments/south-wales-gwent/deployment.yaml");
            ClusterCampaign campaign = ClusterCampaign.prepare(cluster, home, deployment, data, ClusterCampaign.WEEK, System.out);
            ClusterCampaign.Run undisturbed = campaign.run("undisturbed", ClusterCampaign.Faults.NONE, null);
            // Halfway through the faulted run, an invalid rule set too: rejected, the rules in force stay.
            long version = 1_000_000 + System.currentTimeMillis() % 1_000_000;
            ClusterCampaign.Faults withRules = new ClusterCampaign.Faults(faults.taskManagerKills(), faults.brokerStop(),
                    () -> System.out.println("  invalid rules pushed as version " + version + " (" + InvalidRulePush.publish(
                            cluster.bootstrapServers(), home.resolve("alert-rules/rules"), version) + " broken)"));
            ClusterCampaign.Run faulted = campaign.run("faulted", withRules, null);
            ClusterCampaign.Comparison comparison = campaign.compare(undisturbed, faulted);
            System.out.print(comparison.report());
            Optional<RuleEvent> event = InvalidRulePush.awaitEvent(cluster.bootstrapServers(), version, Duration.ofSeconds(30));
            System.out.println("invalid rules: " + event.map(e -> e.outcome() + ", version in force " + e.inForce() + ", "
                    + e.problems()).orElse("no event from the job"));
            boolean rejected = event.filter(e -> RuleEvent.REJECTED.equals(e.outcome())).isPresent();
            return comparison.lost().isEmpty() && comparison.extra().isEmpty() && rejected ? 0 : 1;
        }
    }
}
