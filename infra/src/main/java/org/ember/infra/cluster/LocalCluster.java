package org.ember.infra.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * Ember's loopback cluster: a Flink JobManager, N TaskManagers and three KRaft brokers, each its own
 * JVM, remembered in {@code <dir>/cluster.properties} so that {@code ember cluster status|down} (a
 * later process) find them again. Tests use it as an AutoCloseable: {@link #close()} stops every
 * JVM it started, also when the test failed.
 */
public final class LocalCluster implements AutoCloseable {
    private static final String STATE_FILE = "cluster.properties";

    /**
     * @param dir             the cluster's folder (Flink under flink/, brokers under kafka/)
     * @param flinkClasspath  Flink's jars (job/target/cluster-classpath.txt)
     * @param kafkaClasspath  jars holding the Kafka server
     */
    public record Layout(Path dir, ClusterPorts ports, String flinkClasspath, String kafkaClasspath, int taskManagers) {}

    private final Layout layout;
    private final FlinkCluster flink;
    private final KafkaCluster kafka;
    private final Map<String, ChildJvm> processes = new LinkedHashMap<>();

    private LocalCluster(Layout layout) {
        this.layout = layout;
        this.flink = new FlinkCluster(layout.dir().resolve("flink"), layout.flinkClasspath(), layout.ports());
        this.kafka = new KafkaCluster(layout.dir().resolve("kafka"), layout.kafkaClasspath(), layout.ports());
    }

    /** Starts everything and waits until three brokers answer and every TaskManager registered. */
    public static LocalCluster start(Layout layout) {
        LocalCluster cluster = new LocalCluster(layout);
        try {
            Files.createDirectories(layout.dir());
            cluster.kafka.configure(Uuid.randomUuid().toString());
            for (int i = 0; i < KafkaCluster.NODES; i++) {
                cluster.track(cluster.kafka.startBroker(i));
            }
            cluster.flink.configure(2);
            cluster.track(cluster.flink.startJobManager());
            for (int i = 0; i < layout.taskManagers(); i++) {
                cluster.track(cluster.flink.startTaskManager(i));
            }
            cluster.kafka.awaitBrokers(KafkaCluster.NODES, Duration.ofMinutes(3));
            cluster.kafka.createTopics();
            cluster.awaitTaskManagers();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The cluster {@code ember cluster up} left running in {@code dir}, if any. */
    public static Optional<LocalCluster> find(Path dir, String flinkClasspath, String kafkaClasspath) {
        Path state = dir.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(state)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + state, e);
        }
        int taskManagers = Integer.parseInt(props.getProperty("taskmanagers", "2"));
        LocalCluster cluster = new LocalCluster(new Layout(dir, new ClusterPorts(Integer.parseInt(props.getProperty("base-port"))),
                flinkClasspath, kafkaClasspath, taskManagers));
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("pid.")) {
                String process = name.substring(4);
                cluster.processes.put(process, new ChildJvm(process, Long.parseLong(props.getProperty(name))));
            }
        }
        return Optional.of(cluster);
    }

    /**
     * Waits for every TaskManager, starting again (up to twice) a JobManager or TaskManager that died
     * while starting: on a busy machine Flink's RPC system can time out during start-up.
     */
    private void awaitTaskManagers() {
        for (int attempt = 0; ; attempt++) {
            try {
                rest().awaitTaskManagers(layout.taskManagers(), Duration.ofMinutes(2));
                return;
            } catch (IllegalStateException notAll) {
                if (attempt == 2) {
                    throw notAll;
                }
                ChildJvm jobManager = processes.get("jobmanager");
                if (jobManager == null || !jobManager.alive()) {
                    track(flink.startJobManager());
                }
                for (int i = 0; i < layout.taskManagers(); i++) {
                    ChildJvm jvm = processes.get("taskmanager-" + i);
                    if (jvm == null || !jvm.alive()) {
                        startTaskManager(i);
                    }
                }
            }
        }
    }

    /** Writes the state file so that a later {@code ember cluster status|down} finds these JVMs. */
    public void remember() {
        Properties props = new Properties();
        props.setProperty("base-port", Integer.toString(layout.ports().base()));
        props.setProperty("taskmanagers", Integer.toString(layout.taskManagers()));
        processes.forEach((name, jvm) -> props.setProperty("pid." + name, Long.toString(jvm.pid())));
        try (Writer out = Files.newBufferedWriter(layout.dir().resolve(STATE_FILE))) {
            props.store(out, "ember cluster up");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String restUrl() {
        return flink.restUrl();
    }

    public FlinkRest rest() {
        return new FlinkRest(flink.restUrl());
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public FlinkCluster flink() {
        return flink;
    }

    public ClusterPorts ports() {
        return layout.ports();
    }

    /** Each JVM by name with whether it is alive. */
    public Map<String, Boolean> processes() {
        Map<String, Boolean> alive = new LinkedHashMap<>();
        processes.forEach((name, jvm) -> alive.put(name, jvm.alive()));
        return alive;
    }

    /** SIGKILL TaskManager {@code index}, as a crashed machine. */
    public void killTaskManager(int index) {
        ChildJvm jvm = processes.get("taskmanager-" + index);
        if (jvm != null) {
            jvm.kill();
        }
    }

    public void startTaskManager(int index) {
        track(flink.startTaskManager(index));
    }

    /** Stops broker {@code index} cleanly (SIGTERM). */
    public void stopBroker(int index) {
        ChildJvm jvm = processes.get("broker-" + index);
        if (jvm != null) {
            jvm.stop(60);
        }
    }

    public void startBroker(int index) {
        track(kafka.startBroker(index));
    }

    /** Stops every JVM: TaskManagers and JobManager first (so the job stops writing), brokers last. */
    @Override
    public void close() {
        List<ChildJvm> order = new ArrayList<>();
        processes.values().stream().filter(p -> p.name().startsWith("taskmanager")).forEach(order::add);
        processes.values().stream().filter(p -> p.name().equals("jobmanager")).forEach(order::add);
        processes.values().stream().filter(p -> p.name().startsWith("broker")).forEach(order::add);
        for (ChildJvm jvm : order) {
            jvm.stop(30);
        }
        try {
            Files.deleteIfExists(layout.dir().resolve(STATE_FILE));
        } catch (IOException ignored) {
            // The JVMs are gone; a stale state file only makes `status` report them as stopped.
        }
    }

    private void track(ChildJvm jvm) {
        processes.put(jvm.name(), jvm);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!remembered) {
                jvm.kill();
            }
        }, "stop-" + jvm.name()));
    }

    private volatile boolean remembered;

    /** Lets the JVMs outlive this process (ember cluster up); without it they die with it (tests). */
    public void detach() {
        remembered = true;
        remember();
    }
}
