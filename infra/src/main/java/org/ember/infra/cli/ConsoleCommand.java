package org.ember.infra.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ember.console.ConsoleConfig;
import org.ember.console.ConsoleServer;
import org.ember.deployment.Deployment;
import org.ember.infra.EmberPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ember console}: the live map, alert inbox, acknowledgements, silences and CAP feed of a
 * deployment, against an existing Kafka (a running job writes what it shows; it writes acks and
 * silences back). Serves {@code /metrics} and {@code /healthz} too.
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the console (live map, alerts, acknowledgements, silences, CAP feed) against an existing Kafka,",
            "until Ctrl-C. People reach it at the deployment's public_url (put a TLS proxy in front for others)."
        })
public final class ConsoleCommand implements Callable<Integer> {
    @Mixin
    DeploymentOption deployment;

    @Option(names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: the deployment's kafka.bootstrap_servers, else the running demo's broker).")
    String bootstrapServers;

    @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @Option(names = "--bind", defaultValue = ConsoleConfig.LOOPBACK, description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", description = "Port to listen on (default: the port of the deployment's public_url).")
    Integer port;

    @Option(names = "--audit-log", description = "Audit trail file (default: .ember/console/audit.jsonl).")
    Path auditLog;

    @Option(names = "--users", description = "Users file: who may log in, with roles (see docs/console.md). "
            + "Without it the console is open and listens on loopback only.")
    Path users;

    @Override
    public Integer call() throws Exception {
        Deployment d = deployment.load(dataDir);
        String servers = KafkaLocation.bootstrapServers(bootstrapServers, d);
        int listen = port != null ? port : d.publicUrl().getPort() > 0 ? d.publicUrl().getPort() : 8080;
        Path audit = auditLog != null ? auditLog : EmberPaths.home().resolve(".ember/console/audit.jsonl");
        java.nio.file.Files.createDirectories(audit.toAbsolutePath().getParent());
        ConsoleConfig config = new ConsoleConfig(bind, listen, servers, d.dataDir(), d.coverage(), d.suppressionThreshold(),
                audit, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .withPublicUrl(d.publicUrl()).withUsersFile(users);
        CountDownLatch stopped = new CountDownLatch(1);
        try (ConsoleServer console = ConsoleServer.start(config)) {
            System.out.println("Deployment: " + d.name() + " (" + d.file() + ")");
            System.out.println("Console: " + console.localUrl() + " (public " + d.publicUrl() + ") · Kafka " + servers);
            System.out.println("Metrics: " + console.localUrl().resolve("/metrics") + " · health " + console.localUrl().resolve("/healthz"));
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-ctrl-c"));
            stopped.await();
        }
        return 0;
    }
}
