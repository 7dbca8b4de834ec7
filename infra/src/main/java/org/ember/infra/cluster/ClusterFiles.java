package org.ember.infra.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the CLI finds the job jar, the Flink cluster's classpath and the cluster's folder in a checkout. */
public final class ClusterFiles {
    private ClusterFiles() {}

    public static Path clusterDir(Path home) {
        return home.resolve(".ember/cluster");
    }

    public static Path jobJar(Path home) {
        Path jar = home.resolve("job/target/ember-job-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("job jar " + jar + " not built; run `mvn -B -DskipTests package` (the ember script does)");
        }
        return jar;
    }

    /** Flink's jars: the job module's provided dependencies, listed at package time. */
    public static String flinkClasspath(Path home) {
        Path file = home.resolve("job/target/cluster-classpath.txt");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Flink classpath " + file + " not built; run `mvn -B -DskipTests package`", e);
        }
    }

    /** The Kafka server jars (not on the CLI's own classpath: see {@link org.ember.infra.kafka.BrokerClasspath}). */
    public static String kafkaClasspath() {
        return org.ember.infra.kafka.BrokerClasspath.get();
    }

    public static LocalCluster running(Path home) {
        return LocalCluster.find(clusterDir(home), flinkClasspath(home), kafkaClasspath())
                .orElseThrow(() -> new IllegalStateException("no cluster is up in " + clusterDir(home)
                        + "; start one with `ember cluster up`"));
    }
}
