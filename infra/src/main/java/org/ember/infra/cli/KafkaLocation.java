package org.ember.infra.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;

/**
 * Where the commands that talk to Kafka find it: {@code --bootstrap-servers}, else the deployment's
 * {@code kafka.bootstrap_servers}, else the broker of the demo running from this checkout, which
 * writes its address to {@code .ember/demo-broker} while it runs.
 */
public final class KafkaLocation {
    private KafkaLocation() {}

    /** The file a running demo leaves its broker's address in. */
    public static Path demoBrokerFile() {
        return EmberPaths.home().resolve(".ember/demo-broker");
    }

    public static String bootstrapServers(String explicit, Deployment deployment) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        if (deployment != null && deployment.kafka().bootstrapServers() != null) {
            return deployment.kafka().bootstrapServers();
        }
        Path file = demoBrokerFile();
        if (Files.isRegularFile(file)) {
            try {
                String servers = Files.readString(file).trim();
                if (!servers.isEmpty()) {
                    return servers;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        throw new UserError("no Kafka to talk to: start `ember demo`, set kafka.bootstrap_servers in the deployment"
                + (deployment == null ? "" : " (" + deployment.file() + ")") + ", or pass --bootstrap-servers HOST:PORT");
    }

    /** Records the demo's broker for the other commands; removed again by {@link #forgetDemoBroker}. */
    static void rememberDemoBroker(String servers) throws IOException {
        Path file = demoBrokerFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, servers + "\n");
    }

    static void forgetDemoBroker(String servers) {
        Path file = demoBrokerFile();
        try {
            // Only our own: a second demo started since owns the file now.
            if (Files.isRegularFile(file) && Files.readString(file).trim().equals(servers)) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // Stale file: the next demo overwrites it.
        }
    }
}
