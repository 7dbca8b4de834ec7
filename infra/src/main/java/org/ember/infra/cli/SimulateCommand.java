package org.ember.infra.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ember.infra.simulator.FeedSimulator;
import org.ember.infra.simulator.SimulatedRecord;
import org.ember.infra.simulator.SimulationSettings;
import org.ember.infra.simulator.SimulatorRunner;
import org.ember.model.codec.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember simulate}: replays real police.uk records of South Wales and Gwent as Ember's five
 * partner feeds and publishes them to Kafka at a chosen speed, or prints the first records with
 * {@code --dry-run}. The shares and the determinism guarantee are described in docs/simulator.md.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulates the five partner feeds (police, ambulance, A&E, navigator, intel) from real police.uk",
            "records and publishes them to their Kafka topics. Same seed, same records, byte for byte."
        })
public final class SimulateCommand implements java.util.concurrent.Callable<Integer> {
    static final int DEFAULT_DRY_RUN_LIMIT = 20;
    private static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: the deployment's, else the "
            + "running demo's broker).")
    String bootstrapServers;

    @Option(names = "--speed", defaultValue = "3600",
            description = "Seconds of simulated time per wall-clock second; 0 or less: as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--from", defaultValue = "2025-01", converter = YearMonthConverter.class,
            description = "First simulated month, YYYY-MM (default: ${DEFAULT-VALUE}).")
    YearMonth from;

    @Option(names = "--to", defaultValue = "2025-12", converter = YearMonthConverter.class,
            description = "Last simulated month, YYYY-MM, inclusive (default: ${DEFAULT-VALUE}).")
    YearMonth to;

    @Option(names = "--force", split = ",",
            description = "police.uk force folders to replay, comma-separated (default: the deployment's simulator.police).")
    List<String> forces;

    @picocli.CommandLine.Mixin
    DeploymentOption deployment;

    private org.ember.deployment.Deployment loaded;

    @Option(names = "--data-dir", defaultValue = "${env:EMBER_DATA_DIR:-../shared/data}",
            description = "Shared data directory with police/ and event_streams/ (default: $EMBER_DATA_DIR or ../shared/data).")
    Path dataDir;

    @Option(names = "--for", converter = DurationConverter.class,
            description = "Stop after this much wall-clock time, e.g. 90s, 10m, 2h (default: run to the end).")
    Duration wallLimit;

    @Option(names = "--sim-duration", converter = DurationConverter.class,
            description = "Stop after this much simulated time, e.g. 7d, 12h (default: the whole span).")
    Duration simulatedLimit;

    @Option(names = "--dry-run", description = "Print records as JSON lines to stdout instead of sending them to Kafka.")
    boolean dryRun;

    @Option(names = "--limit",
            description = "Number of records to print with --dry-run (default: " + DEFAULT_DRY_RUN_LIMIT + "), or to send otherwise (default: all).")
    Long limit;

    @Override
    public Integer call() {
        if (limit != null && limit <= 0) {
            throw new UserError("--limit must be positive, was " + limit);
        }
        FeedSimulator simulator = simulator();
        return dryRun ? dryRun(simulator) : publish(simulator);
    }

    private FeedSimulator simulator() {
        if (!Files.isDirectory(dataDir)) {
            throw new UserError("data directory " + dataDir.toAbsolutePath().normalize()
                    + " not found (set --data-dir or EMBER_DATA_DIR)");
        }
        try {
            org.ember.deployment.Deployment d = deployment.load(dataDir);
            loaded = d;
            List<String> folders = forces != null && !forces.isEmpty() ? forces
                    : d.simulator().policeFolders().stream().map(p -> p.getFileName().toString()).toList();
            SimulationSettings settings = SimulationSettings.defaults()
                    .withSeed(seed)
                    .withMonths(from, to)
                    .withForces(folders);
            forces = folders;
            return FeedSimulator.create(d.dataDir(), settings, org.ember.infra.simulator.SimulatedArea.of(d));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private int dryRun(FeedSimulator simulator) {
        PrintWriter out = spec.commandLine().getOut();
        long max = limit != null ? limit : DEFAULT_DRY_RUN_LIMIT;
        Iterator<SimulatedRecord> records = simulator.start();
        for (long i = 0; i < max && records.hasNext(); i++) {
            out.println(Json.toText(envelope(records.next())));
        }
        out.flush();
        return 0;
    }

    /** One dry-run line: where the record would go and the record itself (as text when it is not JSON). */
    static ObjectNode envelope(SimulatedRecord record) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("topic", record.feed().topic());
        line.put("timestamp", Instant.ofEpochMilli(record.emitTime()).toString());
        line.put("key", record.key());
        line.put("malformed", record.malformed());
        if (record.truthIncidentId() != null) {
            line.put("truth_incident_id", record.truthIncidentId());
        }
        try {
            JsonNode value = Json.mapper().readTree(record.value());
            line.set("value", value);
        } catch (JsonProcessingException e) {
            line.put("value_text", record.valueText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return line;
    }

    private int publish(FeedSimulator simulator) {
        PrintWriter out = spec.commandLine().getOut();
        bootstrapServers = KafkaLocation.bootstrapServers(bootstrapServers, loaded);
        checkBroker();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ember-simulator");
        SimulatorRunner.Limits limits = new SimulatorRunner.Limits(simulatedLimit, wallLimit, limit == null ? 0 : limit);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        out.printf(Locale.ROOT, "ember simulate: %s .. %s, forces %s, seed %d, speed %s, to %s%n", from, to,
                String.join(",", forces), seed, speed > 0 ? speed + "x" : "as fast as possible", bootstrapServers);
        out.flush();
        try (SimulatorRunner runner = new SimulatorRunner(simulator.start(), producer, speed, limits)) {
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                runner.stop();
                try {
                    done.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "ember-simulate-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            SimulatorRunner.Result result;
            try {
                result = runner.run();
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping: the hook is running and waits for us
                }
            }
            out.printf(Locale.ROOT, "ember simulate: %s after %d s; sent %d records (%d malformed): %s%n",
                    result.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), result.wallMillis() / 1000,
                    result.stats().totalSent(), result.stats().totalMalformedSent(), result.stats().summary());
            out.flush();
            return result.stats().failed() > 0 ? 1 : 0;
        }
    }

    /** Fails fast with one line when no broker answers, instead of every send timing out. */
    private void checkBroker() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_CHECK_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_CHECK_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(BROKER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("no Kafka broker answered at " + bootstrapServers + " within "
                    + BROKER_CHECK_TIMEOUT.toSeconds() + " s (start one with the demo, or set --bootstrap-servers)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while looking for a Kafka broker", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserError("cannot use --bootstrap-servers " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** YYYY-MM. */
    static final class YearMonthConverter implements CommandLine.ITypeConverter<YearMonth> {
        @Override
        public YearMonth convert(String value) {
            try {
                return YearMonth.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a month like 2025-01");
            }
        }
    }

    /** A duration like 500ms, 90s, 10m, 2h, 7d, or ISO-8601 (PT90S). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 90s, 10m or 2h");
            }
        }
    }
}
