package org.ember.infra.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.deployment.Deployment;
import org.ember.infra.demo.PipelineCounts;
import org.ember.infra.simulator.FeedSimulator;
import org.ember.infra.simulator.SimulatedArea;
import org.ember.infra.simulator.SimulatedRecord;
import org.ember.infra.simulator.SimulationSettings;

/**
 * Publishes {@code count} fuzzed feed records (the deployment's simulated replay, mangled by
 * {@link FeedFuzzer}) to a running job, waits until the job has read them all, and measures:
 * in = processed + dead-lettered, and no value of an unknown field in any output topic, the
 * notifications written or the log.
 */
public final class FuzzCampaign {
    private FuzzCampaign() {}

    /**
     * @param counts the job's record counters now (a job in this JVM: the Micrometer registry)
     * @param log    what the job logged so far
     * @param outbox where the job writes notifications, or null
     */
    public static FuzzFigures run(String bootstrapServers, Deployment deployment, long count, long seed,
            Supplier<PipelineCounts> counts, Supplier<String> log, Path outbox, Duration timeout) throws Exception {
        PipelineCounts before = counts.get();
        String logBefore = log.get();
        Map<FuzzKind, Long> byKind = new EnumMap<>(FuzzKind.class);
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            FeedFuzzer fuzzer = new FeedFuzzer(replay(deployment, seed), seed);
            for (long i = 0; i < count; i++) {
                if (!fuzzer.hasNext()) {
                    fuzzer = new FeedFuzzer(replay(deployment, seed + i), seed + i);
                }
                FeedFuzzer.Fuzzed f = fuzzer.next();
                byKind.merge(f.kind(), 1L, Long::sum);
                producer.send(new ProducerRecord<>(f.feed().topic(), null, f.timestamp(),
                        f.key().getBytes(StandardCharsets.UTF_8), f.value()), (meta, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else {
                                acked.incrementAndGet();
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a fuzzed record", failure.get());
        }
        long sent = acked.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        PipelineCounts now = counts.get();
        while ((now.in() - before.in() < sent || now.processed() + now.deadLettered() - before.processed()
                - before.deadLettered() < sent) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = counts.get();
        }
        Thread.sleep(5_000); // let what the last records cause reach the output topics before they are read
        now = counts.get();
        String logged = log.get();
        return new FuzzFigures(sent, now.in() - before.in(), now.processed() - before.processed(),
                now.deadLettered() - before.deadLettered(), byKind, OutputScan.scan(bootstrapServers),
                logged.length() - logBefore.length(), Canary.count(logged) - Canary.count(logBefore),
                outbox == null ? 0 : leaksIn(outbox));
    }

    /** The deployment's simulated feeds over 2025 (the months the data has), every force it covers. */
    static Iterator<SimulatedRecord> replay(Deployment deployment, long seed) {
        List<String> forces = deployment.simulator().policeFolders().stream().map(p -> p.getFileName().toString()).toList();
        SimulationSettings settings = SimulationSettings.defaults().withSeed(seed)
                .withMonths(YearMonth.of(2025, 1), YearMonth.of(2025, 12)).withForces(forces);
        List<YearMonth> missing = FeedSimulator.missingMonths(deployment.dataDir(), settings);
        if (!missing.isEmpty()) {
            settings = settings.withMonths(YearMonth.of(2025, 3), YearMonth.of(2025, 3));
        }
        return FeedSimulator.create(deployment.dataDir(), settings, SimulatedArea.of(deployment)).start();
    }

    private static long leaksIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        long leaks = 0;
        for (Path file : files) {
            leaks += Canary.count(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        }
        return leaks;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TimeUnit.MINUTES.toMillis(5));
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
