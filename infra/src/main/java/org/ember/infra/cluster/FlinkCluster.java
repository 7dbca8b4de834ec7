package org.ember.infra.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Flink standalone session cluster on loopback from the jars on Maven Central (there is no
 * flink-dist there): one JobManager and N TaskManagers, each its own JVM, checkpoints and
 * savepoints on the local file system, Flink's Prometheus reporter in every JVM.
 */
public final class FlinkCluster {
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String MEMORY_UTIL_MAIN = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    private final Path dir;
    private final String classpath;
    private final ClusterPorts ports;

    /**
     * @param dir       the cluster's folder: conf/, log/, checkpoints/, savepoints/
     * @param classpath Flink's jars (the job module's cluster-classpath.txt)
     */
    public FlinkCluster(Path dir, String classpath, ClusterPorts ports) {
        this.dir = dir.toAbsolutePath();
        this.classpath = classpath;
        this.ports = ports;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + ports.rest();
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path savepoints() {
        return dir.resolve("savepoints");
    }

    /**
     * Where jobs on this cluster record delivered notifications ({@code --delivery-ledger}): on
     * loopback every TaskManager shares this machine's disk, as it shares the checkpoints.
     */
    public Path deliveryLedger() {
        return dir.resolve("delivery-ledger");
    }

    public Path conf() {
        return dir.resolve("conf");
    }

    /** Writes conf/config.yaml and conf/log4j.properties. */
    public void configure(int slotsPerTaskManager) {
        try {
            Files.createDirectories(conf());
            Files.createDirectories(dir.resolve("log"));
            Files.createDirectories(checkpoints());
            Files.createDirectories(savepoints());
            Files.writeString(conf().resolve("config.yaml"), FlinkConfig.yaml(ports, checkpoints(), savepoints(),
                    slotsPerTaskManager));
            Files.writeString(conf().resolve("log4j.properties"), FlinkConfig.log4j());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + conf(), e);
        }
    }

    public ChildJvm startJobManager() {
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx512m"));
        jvm.addAll(logging("jobmanager"));
        jvm.addAll(ChildJvm.FLINK_JAVA_OPENS);
        return ChildJvm.start("jobmanager", jvm, classpath, JOB_MANAGER_MAIN,
                List.of("--configDir", conf().toString(), "-D", "metrics.reporter.prom.port=" + ports.jobManagerMetrics()),
                dir.resolve("log/jobmanager.out"));
    }

    /** Starts TaskManager {@code index} with the heap and memory settings Flink's scripts would give it. */
    public ChildJvm startTaskManager(int index) {
        String resources = ChildJvm.runToCompletion(ChildJvm.FLINK_JAVA_OPENS, classpath, MEMORY_UTIL_MAIN,
                List.of("GET_TM_RESOURCE_PARAMS", "--configDir", conf().toString()), 120);
        List<String> results = resources.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("Flink's memory calculation gave no result:\n" + resources);
        }
        List<String> jvm = new ArrayList<>(List.of(results.get(results.size() - 2).trim().split("\\s+")));
        jvm.addAll(logging("taskmanager-" + index));
        jvm.addAll(ChildJvm.FLINK_JAVA_OPENS);
        List<String> args = new ArrayList<>(List.of("--configDir", conf().toString()));
        args.addAll(List.of(results.get(results.size() - 1).trim().split("\\s+")));
        args.addAll(List.of("-D", "metrics.reporter.prom.port=" + ports.taskManagerMetrics(index),
                "-D", "taskmanager.resource-id=taskmanager-" + index));
        return ChildJvm.start("taskmanager-" + index, jvm, classpath, TASK_MANAGER_MAIN, args,
                dir.resolve("log/taskmanager-" + index + ".out"));
    }

    private List<String> logging(String name) {
        return List.of("-Dlog.file=" + dir.resolve("log/" + name + ".log"),
                "-Dlog4j.configurationFile=" + conf().resolve("log4j.properties"),
                "-Dlog4j2.configurationFile=" + conf().resolve("log4j.properties"));
    }
}
