package org.ember.infra.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ember.infra.EmberPaths;
import org.ember.infra.cluster.ClusterFiles;
import org.ember.infra.cluster.ClusterPorts;
import org.ember.infra.cluster.FlinkRest;
import org.ember.infra.cluster.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ember cluster up|down|status}: a Flink standalone cluster and a three-broker Kafka on loopback. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = "A Flink cluster (JobManager + TaskManagers) and a 3-broker KRaft Kafka on 127.0.0.1, each its own JVM.",
        subcommands = {ClusterCommand.Up.class, ClusterCommand.Down.class, ClusterCommand.Status.class})
public final class ClusterCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts the cluster in .ember/cluster and leaves it running (ports from --base-port).")
    static final class Up implements Callable<Integer> {
        @Option(names = "--base-port", defaultValue = "" + ClusterPorts.DEFAULT_BASE,
                description = "First of 40 ports: REST here, brokers at +20..+22 (default: ${DEFAULT-VALUE}).")
        int basePort;

        @Option(names = "--taskmanagers", defaultValue = "2", description = "TaskManagers, 2 slots each (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Override
        public Integer call() {
            Path home = EmberPaths.home();
            Path dir = ClusterFiles.clusterDir(home);
            if (LocalCluster.find(dir, "", "").map(c -> c.processes().containsValue(true)).orElse(false)) {
                throw new UserError("a cluster is already up in " + dir + "; `ember cluster status` or `ember cluster down`");
            }
            if (!ClusterPorts.allFree(basePort, 40)) {
                throw new UserError("ports " + basePort + "–" + (basePort + 39) + " are not all free; pass --base-port");
            }
            System.out.println("Starting 3 Kafka brokers, a Flink JobManager and " + taskManagers + " TaskManagers…");
            LocalCluster cluster;
            try {
                cluster = LocalCluster.start(new LocalCluster.Layout(dir, new ClusterPorts(basePort),
                        ClusterFiles.flinkClasspath(home), ClusterFiles.kafkaClasspath(), taskManagers));
            } catch (IllegalStateException e) {
                throw new UserError(e.getMessage(), e);
            }
            cluster.detach();
            System.out.println("Flink     " + cluster.restUrl() + "  (web UI and REST)");
            System.out.println("Kafka     " + cluster.bootstrapServers() + "  (RF 3, min.insync.replicas 2)");
            System.out.println("Metrics   http://127.0.0.1:" + cluster.ports().jobManagerMetrics() + "/metrics (JobManager), :"
                    + cluster.ports().taskManagerMetrics(0) + ".. (TaskManagers)");
            System.out.println("Next      ember job --cluster");
            return 0;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stops every JVM of the cluster (data stays).")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() {
            Path dir = ClusterFiles.clusterDir(EmberPaths.home());
            LocalCluster cluster = LocalCluster.find(dir, "", "").orElseThrow(() -> new UserError("no cluster in " + dir));
            cluster.close();
            System.out.println("Cluster stopped; checkpoints and savepoints stay in " + dir.resolve("flink"));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Which JVMs run, TaskManagers registered, jobs.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            Path dir = ClusterFiles.clusterDir(EmberPaths.home());
            LocalCluster cluster = LocalCluster.find(dir, "", "").orElseThrow(() -> new UserError("no cluster in " + dir));
            for (Map.Entry<String, Boolean> process : cluster.processes().entrySet()) {
                System.out.printf("%-14s %s%n", process.getKey(), process.getValue() ? "running" : "stopped");
            }
            FlinkRest rest = cluster.rest();
            if (!rest.reachable()) {
                System.out.println("Flink REST " + cluster.restUrl() + " not answering");
                return 1;
            }
            System.out.println("TaskManagers registered: " + rest.taskManagersRegistered());
            for (FlinkRest.JobStatus job : rest.jobs()) {
                System.out.println("job " + job.id() + " " + job.name() + " " + job.state());
            }
            System.out.println("Kafka " + cluster.bootstrapServers());
            return cluster.processes().containsValue(false) ? 1 : 0;
        }
    }
}
