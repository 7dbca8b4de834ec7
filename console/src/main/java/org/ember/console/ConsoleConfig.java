package org.ember.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Objects;
import org.ember.geo.area.Coverage;
import org.ember.model.privacy.SmallCountSuppression;

/**
 * How to run the console.
 *
 * @param bindHost             address to listen on; 127.0.0.1 unless a proxy in front handles access
 * @param port                 port to listen on; 0 picks a free one
 * @param bootstrapServers     Kafka to read {@code ember.hotspots} and {@code ember.alerts} from; null = no reader
 *                             (the state is then fed by the caller, as in tests)
 * @param dataDir              the shared data directory holding the boundary files
 * @param coverage             the local authorities drawn
 * @param suppressionThreshold smallest count shown as it is (see {@link SmallCountSuppression}); default 5
 * @param auditLog             file every page view, state read and export is appended to
 * @param registry             registry served at /metrics; the demo passes the one the job also writes to
 */
public record ConsoleConfig(
        String bindHost,
        int port,
        String bootstrapServers,
        Path dataDir,
        Coverage coverage,
        int suppressionThreshold,
        Path auditLog,
        PrometheusMeterRegistry registry) {

    public static final String LOOPBACK = "127.0.0.1";

    public ConsoleConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(auditLog, "auditLog (the audit trail is not optional)");
        Objects.requireNonNull(registry, "registry");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        new SmallCountSuppression(suppressionThreshold); // validates the threshold
    }

    /**
     * The usual local set-up: loopback, a free port, no Kafka, the given deployment's coverage,
     * the default suppression threshold and a registry of the console's own.
     */
    public static ConsoleConfig local(Path dataDir, Coverage coverage, Path auditLog) {
        return new ConsoleConfig(LOOPBACK, 0, null, dataDir, coverage,
                SmallCountSuppression.DEFAULT_THRESHOLD, auditLog, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public ConsoleConfig withBootstrapServers(String servers) {
        return new ConsoleConfig(bindHost, port, servers, dataDir, coverage, suppressionThreshold, auditLog, registry);
    }

    public SmallCountSuppression suppression() {
        return new SmallCountSuppression(suppressionThreshold);
    }
}
