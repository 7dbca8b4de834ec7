package org.ember.console;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.ember.console.health.HealthReport;
import org.ember.console.health.HealthSource;
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
 * @param publicUrl            the URL people reach the console by (links in messages, the only {@code Host} and
 *                             {@code Origin} accepted besides loopback names); null = its own address
 * @param health               what /healthz and /readyz report; null = the console alone, always healthy
 * @param usersFile            the people who may log in ({@link org.ember.console.auth.Users}); null = an open
 *                             console, allowed on loopback only
 */
public record ConsoleConfig(
        String bindHost,
        int port,
        String bootstrapServers,
        Path dataDir,
        Coverage coverage,
        int suppressionThreshold,
        Path auditLog,
        PrometheusMeterRegistry registry,
        URI publicUrl,
        HealthSource health,
        Path usersFile) {

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
        if (publicUrl != null && (publicUrl.getHost() == null
                || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme())))) {
            throw new IllegalArgumentException("the public URL must be http(s)://host[:port]/..., got " + publicUrl);
        }
        if (health == null) {
            health = CONSOLE_ONLY;
        }
    }

    /** What the console says about itself when nobody told it how the job is. */
    private static final HealthSource CONSOLE_ONLY =
            () -> new HealthReport(true, true, Map.of("job", "not watched by this console"));

    /** As before the public URL and health source existed: neither. */
    public ConsoleConfig(String bindHost, int port, String bootstrapServers, Path dataDir, Coverage coverage,
            int suppressionThreshold, Path auditLog, PrometheusMeterRegistry registry) {
        this(bindHost, port, bootstrapServers, dataDir, coverage, suppressionThreshold, auditLog, registry, null, null, null);
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
        return new ConsoleConfig(bindHost, port, servers, dataDir, coverage, suppressionThreshold, auditLog, registry,
                publicUrl, health, usersFile);
    }

    public ConsoleConfig withPublicUrl(URI url) {
        return new ConsoleConfig(bindHost, port, bootstrapServers, dataDir, coverage, suppressionThreshold, auditLog,
                registry, url, health, usersFile);
    }

    public ConsoleConfig withHealth(HealthSource source) {
        return new ConsoleConfig(bindHost, port, bootstrapServers, dataDir, coverage, suppressionThreshold, auditLog,
                registry, publicUrl, source, usersFile);
    }

    public ConsoleConfig withUsersFile(Path file) {
        return new ConsoleConfig(bindHost, port, bootstrapServers, dataDir, coverage, suppressionThreshold, auditLog,
                registry, publicUrl, health, file);
    }

    public SmallCountSuppression suppression() {
        return new SmallCountSuppression(suppressionThreshold);
    }
}
