package org.ember.infra.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.ember.model.Topics;

/**
 * A three-node KRaft Kafka on loopback (each node broker and controller), replication factor 3 and
 * min.insync.replicas 2: one broker may be down and exactly-once writes still commit.
 */
public final class KafkaCluster {
    public static final int NODES = 3;
    static final short REPLICATION = 3;
    static final int PARTITIONS = 2;

    private final Path dir;
    private final String classpath;
    private final ClusterPorts ports;

    /** @param classpath jars holding the Kafka server (the CLI's own runtime classpath) */
    public KafkaCluster(Path dir, String classpath, ClusterPorts ports) {
        this.dir = dir.toAbsolutePath();
        this.classpath = classpath;
        this.ports = ports;
    }

    public String bootstrapServers() {
        return IntStream.range(0, NODES).mapToObj(i -> "127.0.0.1:" + ports.brokerClient(i))
                .collect(Collectors.joining(","));
    }

    /** Writes every node's server.properties and formats its storage with one cluster id (first start only). */
    public void configure(String clusterId) {
        String voters = IntStream.range(0, NODES).mapToObj(i -> (i + 1) + "@127.0.0.1:" + ports.brokerController(i))
                .collect(Collectors.joining(","));
        try {
            for (int i = 0; i < NODES; i++) {
                Path node = nodeDir(i);
                Files.createDirectories(node);
                Files.writeString(node.resolve("server.properties"), serverProperties(i, voters));
                Files.writeString(node.resolve("log4j2.properties"), log4j(node));
                if (!Files.exists(node.resolve("data/meta.properties"))) {
                    ChildJvm.runToCompletion(jvmArgs(i), classpath, "kafka.tools.StorageTool",
                            List.of("format", "-t", clusterId, "-c", node.resolve("server.properties").toString()), 120);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure Kafka in " + dir, e);
        }
    }

    public ChildJvm startBroker(int index) {
        return ChildJvm.start("broker-" + index, jvmArgs(index), classpath, "kafka.Kafka",
                List.of(nodeDir(index).resolve("server.properties").toString()), nodeDir(index).resolve("broker.out"));
    }

    /** Waits until {@code expected} brokers are registered. */
    public void awaitBrokers(int expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try (Admin admin = admin()) {
                if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() >= expected) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(1000);
        }
        throw new IllegalStateException(expected + " Kafka brokers did not answer within " + timeout + "; see "
                + dir + "/broker-*/broker.out", last);
    }

    /** Creates Ember's topics that do not exist: RF 3, two partitions, ember.rules compacted. */
    public void createTopics() {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : Topics.all()) {
                if (!existing.contains(topic)) {
                    NewTopic newTopic = new NewTopic(topic, Topics.isCompacted(topic) ? 1 : PARTITIONS, REPLICATION);
                    if (Topics.isCompacted(topic)) {
                        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    topics.add(newTopic);
                }
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics: " + e.getMessage(), e);
        }
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }

    private Path nodeDir(int index) {
        return dir.resolve("broker-" + index);
    }

    private List<String> jvmArgs(int index) {
        return List.of("-Xms128m", "-Xmx384m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + nodeDir(index).resolve("log4j2.properties"));
    }

    private String serverProperties(int index, String voters) {
        int client = ports.brokerClient(index);
        int controller = ports.brokerController(index);
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + (index + 1),
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + client + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + client,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + nodeDir(index).resolve("data"),
                "num.partitions=" + PARTITIONS,
                "default.replication.factor=" + REPLICATION,
                "min.insync.replicas=2",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=3",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "transaction.state.log.num.partitions=3",
                "group.initial.rebalance.delay.ms=0",
                "unclean.leader.election.enable=false",
                "log.retention.hours=-1",
                "");
    }

    private static String log4j(Path node) {
        return String.join("\n",
                "status = error",
                "appender.file.type = File",
                "appender.file.name = file",
                "appender.file.fileName = " + node.resolve("broker.log"),
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.file.ref = file",
                "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
