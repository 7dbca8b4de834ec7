package org.ember.jobs.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What starting the job takes, whoever starts it: {@code ember job} in this JVM, or the job jar's
 * {@code main} on a Flink cluster ({@code --deployment <file> --bootstrap-servers … --data-dir …}).
 *
 * @param deployment            the VRU's deployment file (required to compose a job)
 * @param bootstrapServers      Kafka bootstrap servers
 * @param dataDir               directory holding the boundary files (must be readable by every TaskManager)
 * @param rules                 rule file or directory, or null for the deployment's
 * @param consumerGroup         Kafka consumer group of the feed sources
 * @param checkpointInterval    how often to checkpoint (alerts become visible to read_committed readers then)
 * @param production            the pseudonymisation key must be configured
 * @param deliveryLedger        where delivered notifications are recorded, a directory or file-system URI
 *                              every TaskManager reaches (required by the job jar), or null
 */
public record JobArguments(Path deployment, String bootstrapServers, Path dataDir, Path rules, String consumerGroup,
        Duration checkpointInterval, boolean production, String deliveryLedger) {

    /** Without a delivery ledger (a job in this JVM keeps its ledger in its work directory). */
    public JobArguments(Path deployment, String bootstrapServers, Path dataDir, Path rules, String consumerGroup,
            Duration checkpointInterval, boolean production) {
        this(deployment, bootstrapServers, dataDir, rules, consumerGroup, checkpointInterval, production, null);
    }

    /** The same arguments, delivered notifications recorded at {@code location}. */
    public JobArguments withDeliveryLedger(String location) {
        return new JobArguments(deployment, bootstrapServers, dataDir, rules, consumerGroup, checkpointInterval, production,
                location);
    }

    public static final String DEFAULT_CONSUMER_GROUP = "ember-job";

    /** A stable prefix: a job restored from a savepoint must own the transactions its state knows. */
    public String transactionalIdPrefix() {
        return "ember-job-" + consumerGroup;
    }

    /**
     * Parses the job jar's arguments ({@code --name value} pairs, {@code --production} alone).
     *
     * @throws IllegalArgumentException naming the argument that is missing or unknown
     */
    public static JobArguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean production = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--production")) {
                production = true;
            } else if (KNOWN.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + KNOWN + " --production");
            }
        }
        return new JobArguments(
                path(values.get("--deployment")),
                required(values, "--bootstrap-servers"),
                Path.of(required(values, "--data-dir")),
                path(values.get("--rules")),
                values.getOrDefault("--consumer-group", DEFAULT_CONSUMER_GROUP),
                Duration.ofMillis(Long.parseLong(values.getOrDefault("--checkpoint-interval-ms", "10000"))),
                production,
                values.get("--delivery-ledger"));
    }

    /** The same arguments as {@link #parse} reads, for a submitter that starts the job jar. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        if (deployment != null) {
            args.addAll(List.of("--deployment", deployment.toString()));
        }
        if (rules != null) {
            args.addAll(List.of("--rules", rules.toString()));
        }
        args.addAll(List.of("--bootstrap-servers", bootstrapServers, "--data-dir", dataDir.toString(),
                "--consumer-group", consumerGroup,
                "--checkpoint-interval-ms", Long.toString(checkpointInterval.toMillis())));
        if (deliveryLedger != null) {
            args.addAll(List.of("--delivery-ledger", deliveryLedger));
        }
        if (production) {
            args.add("--production");
        }
        return args;
    }

    private static final List<String> KNOWN = List.of("--deployment", "--bootstrap-servers", "--data-dir", "--rules",
            "--consumer-group", "--checkpoint-interval-ms", "--delivery-ledger");

    private static Path path(String value) {
        return value == null ? null : Path.of(value);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
