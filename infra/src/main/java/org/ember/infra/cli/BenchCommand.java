package org.ember.infra.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ember.geo.fusion.FusionSettings;
import org.ember.infra.EmberPaths;
import org.ember.infra.bench.BenchFeed;
import org.ember.infra.bench.CpuByKind;
import org.ember.infra.bench.DrainDetector;
import org.ember.infra.bench.LatencySample;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.model.Alert;
import org.ember.model.Feed;
import org.ember.model.Topics;
import org.ember.model.codec.Json;
import org.ember.model.privacy.Pseudonymiser;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.SourceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember bench}: the job on Flink's local cluster against a real Kafka broker (a child
 * process), fed police reports at a given rate or flat out, measuring what an operator cares about:
 * sustained records/s, record → alert latency as a consumer of {@code ember.alerts} sees it, CPU,
 * heap and checkpointed state. See docs/benchmarks-realtime.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Benchmarks the job through a real Kafka broker: records/s, record -> alert latency (p50/p99/max),",
            "CPU, heap and state size. --rate 0 runs flat out (records are written first, then the job reads them;",
            "with --concurrent they are written while the job reads)."
        })
public final class BenchCommand implements Callable<Integer> {
    /**
     * Fires on the first report in an LSOA's hour, so at a rate most records tip an alert and latency
     * has samples. Flat out only the last hour of event time is live by the arrival clock (older
     * reports are late for the 1 h window), so those alerts all come at the end of the backlog.
     */
    static final String BENCH_RULE = """
            groups:
              - name: bench
                rules:
                  - name: bench-first-report-in-hour
                    areas: {layer: lsoa}
                    when: count{window=1h,feed=any,category=any} >= 1
                    severity: info
                    annotations:
                      summary: "{{ .value }} reports in {{ .area_name }}"
            """;

    /** How far back the reports reach: days of event time, so windows fill and empty during a run. */
    static final Duration SPREAD = Duration.ofDays(6);

    @Option(names = "--rate", defaultValue = "100", description = "Records per second; 0 = flat out (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", converter = SimulateCommand.DurationConverter.class,
            description = "How long to send at --rate (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--records", defaultValue = "100000", description = "Records for a flat-out run (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--counts-only", description = "Leave the fusion stage out (counts and rules only).")
    boolean countsOnly;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--event-step", defaultValue = "60s", converter = SimulateCommand.DurationConverter.class,
            description = "Event time between consecutive reports, at most (default: ${DEFAULT-VALUE}).")
    Duration eventStep;

    @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @picocli.CommandLine.Mixin
    DeploymentOption deployment;

    private org.ember.deployment.Deployment deploymentLoaded;

    @Option(names = "--warmup", defaultValue = "5s", converter = SimulateCommand.DurationConverter.class,
            description = "Rate mode: records sent in this first period are not measured (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--concurrent", description = "Flat out: write the records while the job runs instead of before.")
    boolean concurrent;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Partitions of the police feed topic; 0 = one per parallel task (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--port", defaultValue = "0", description = "Kafka client port, 0 = any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        Path data = EmberPaths.dataDir(dataDir, System.getenv());
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            throw new UserError(problem);
        }
        deploymentLoaded = deployment.load(dataDir);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(meters);
        Path work = Files.createTempDirectory("ember-bench");
        // The deployment's first police force, replayed from one month it has; the reports spread
        // evenly over the days before now, ending now (one event step apart, or closer when there are many).
        String force = deploymentLoaded.simulator().policeFolders().get(0).getFileName().toString();
        long count = rate <= 0 ? records : (long) rate * duration.toSeconds();
        long step = Math.min(eventStep.toMillis(), SPREAD.toMillis() / Math.max(1, count));
        BenchFeed feed = new BenchFeed(data, force, "2025-03", Instant.now().minusMillis(step * count), step, 42);
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), port)) {
            createFeedTopic(broker, partitions > 0 ? partitions : parallelism);
            broker.createTopics();
            return run(broker, feed, data, meters, work);
        } finally {
            Metrics.globalRegistry.remove(meters);
        }
    }

    private int run(KafkaBroker broker, BenchFeed feed, Path data, SimpleMeterRegistry meters, Path work) throws Exception {
        RuleSet rules = new RuleFileLoader().load(List.of(new SourceFile("bench.yaml", BENCH_RULE)), 0);
        JobSettings settings = new JobSettings(data.toString(), deploymentLoaded.coverage(), 250,
                Pseudonymiser.withKey("bench-key-0123456789abcdef"), rules, JobSettings.defaultOutOfOrderness(),
                Duration.ofMinutes(1), countsOnly ? null : FusionSettings.defaults(), null)
                // March 2025's records arrive today: their times are not judged against arrival.
                .withIngestLimits(org.ember.model.ingest.IngestLimits.replay());
        EmberJobRunner.RunSettings runSettings = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-bench",
                "ember-bench", work.resolve("checkpoints"), Duration.ofSeconds(10), parallelism);
        boolean flatOut = rate <= 0;
        long total = flatOut ? records : (long) rate * duration.toSeconds();
        if (flatOut && !concurrent) {
            produce(broker, feed, total, 0, 0);
        }
        LatencySample latency = new LatencySample();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
        Thread reader = new Thread(() -> readAlerts(broker, latency, measureFrom, stop), "bench-alert-reader");
        reader.start();
        ResourceWatch resources = new ResourceWatch(broker.processHandle());
        Thread producer = null;
        long started;
        long finished;
        long read;
        long halfway;
        try (RunningJob job = EmberJobRunner.startLocal(settings, runSettings)) {
            if (!flatOut) {
                // One priming record: the clock starts once the job is deployed and reading.
                produce(broker, feed, 1, 0, -1);
                awaitIngested(meters, 1, System.nanoTime(), () -> { });
            }
            started = System.nanoTime();
            if (!flatOut) {
                resources.start();
            }
            measureFrom.set(flatOut ? 0 : System.currentTimeMillis() + warmup.toMillis());
            if (!flatOut) {
                produce(broker, feed, total, rate, 0);
            } else if (concurrent) {
                producer = new Thread(() -> produce(broker, feed, total, 0, 0), "bench-producer");
                producer.start();
            }
            // Flat out, CPU is counted from the first record read, like the rate: job start-up is not the job's cost per record.
            Reading reading = awaitIngested(meters, flatOut ? total : total + 1, started, flatOut ? resources::start : () -> { });
            long firstSeen = reading.firstSeen();
            halfway = reading.halfway();
            finished = System.nanoTime();
            read = finished;
            if (flatOut) {
                // Read is not done: the later stages may still be working through what was read.
                finished = awaitDrained(resources);
            }
            Thread.sleep(2_000); // the last alerts reach the reader
            resources.stop();
            started = flatOut ? firstSeen : started;
            System.out.println("job " + job.status());
        } finally {
            stop.set(true);
            reader.join(10_000);
            if (producer != null) {
                producer.join(10_000);
            }
        }
        double seconds = (finished - started) / 1e9;
        long stateBytes = checkpointBytes(work.resolve("checkpoints"));
        System.out.printf(Locale.ROOT, "%n%s, %s, parallelism %d, %d records%n",
                flatOut ? (concurrent ? "flat out, written while the job reads" : "flat out") : "rate " + rate + "/s",
                countsOnly ? "counts and rules only" : "every layer on", parallelism, total);
        System.out.printf(Locale.ROOT, "  dead-lettered      %,.0f%n",
                meters.find("ember.records.dead_lettered").counters().stream().mapToDouble(Counter::count).sum());
        if (flatOut) {
            double readSeconds = (read - started) / 1e9;
            System.out.printf(Locale.ROOT, "  sustained          %,.0f records/s read (every record read after %.1f s)%n",
                    total / readSeconds, readSeconds);
            System.out.printf(Locale.ROOT, "  until quiet        %,.0f records/s (the job's task threads below 0.2 cores for 3 s"
                    + " after %.1f s)%n", total / seconds, seconds);
            long secondHalf = total - total / 2;
            System.out.printf(Locale.ROOT, "  second half        %,.0f records/s read, %,.0f until quiet (the job warm: the rates"
                    + " from the moment half the records had been read)%n",
                    secondHalf / ((read - halfway) / 1e9), secondHalf / ((finished - halfway) / 1e9));
        } else {
            System.out.printf(Locale.ROOT, "  sustained          %,.0f records/s (%.1f s)%n", total / seconds, seconds);
        }
        System.out.printf(Locale.ROOT, "  record -> alert    p50 %d ms, p99 %d ms, max %d ms (%d alerts, through ember.alerts)%n",
                latency.quantile(0.5), latency.quantile(0.99), latency.max(), latency.size());
        if (!flatOut) {
            // By when the record was sent: a short run's tail is mostly the job's start (catalogues, the JIT).
            long period = Math.max(10_000, duration.toMillis() / 6 / 1_000 * 1_000);
            long offset = warmup.toMillis();
            for (LatencySample.Period p : latency.byPeriod(measureFrom.get(), period)) {
                System.out.printf(Locale.ROOT, "    sent %3d-%3d s   p50 %d ms, p99 %d ms, max %d ms (%d alerts)%n",
                        (offset + p.fromMillis()) / 1_000, Math.min(offset + p.toMillis(), duration.toMillis()) / 1_000, p.p50(), p.p99(), p.max(),
                        p.count());
            }
        }
        io.micrometer.core.instrument.Timer inJob = meters.find("ember.alert.latency").timer();
        if (inJob != null) {
            StringBuilder line = new StringBuilder();
            for (io.micrometer.core.instrument.distribution.ValueAtPercentile p : inJob.takeSnapshot().percentileValues()) {
                line.append(String.format(Locale.ROOT, "p%.0f %.0f ms, ", p.percentile() * 100,
                        p.value(java.util.concurrent.TimeUnit.MILLISECONDS)));
            }
            System.out.printf(Locale.ROOT, "  in the job         %smax %.0f ms (record appended -> alert leaves the evaluator,"
                    + " warm-up included)%n", line, inJob.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        System.out.printf(Locale.ROOT, "  cpu                %.2f cores of %d (this JVM; the broker is a child process)%n",
                resources.cores(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  cpu by thread      %s (cores)%n", resources.coresByKind());
        System.out.printf(Locale.ROOT, "  cpu per record     %.0f us in this JVM + %.0f us in the broker (%.2f cores)%n",
                resources.cpuNanos() / 1e3 / total, resources.brokerCpuNanos() / 1e3 / total, resources.brokerCores());
        System.out.printf(Locale.ROOT, "  heap               max %,d MiB used%n", resources.maxHeap() >> 20);
        System.out.printf(Locale.ROOT, "  state              %,d KiB in the newest checkpoint%n", stateBytes >> 10);
        System.out.printf(Locale.ROOT, "  load               %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        return 0;
    }

    /**
     * The police feed topic with one partition per parallel task, so the job's ingest runs on every
     * task as it would on a production topic with several partitions (with one, half the source tasks idle).
     */
    private static void createFeedTopic(KafkaBroker broker, int partitions) {
        try (org.apache.kafka.clients.admin.Admin admin = broker.admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Feed.POLICE.topic(), partitions, (short) 1)))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + Feed.POLICE.topic() + ": " + e.getMessage(), e);
        }
    }

    /** Sends records {@code first} … {@code first + total − 1}, paced at {@code rate} per second (0: unpaced). */
    private static void produce(KafkaBroker broker, BenchFeed feed, long total, int rate, long first) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, rate > 0 ? "0" : "20");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            long begin = System.nanoTime();
            for (long n = 0; n < total; n++) {
                if (rate > 0) {
                    long due = begin + n * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                producer.send(new ProducerRecord<>(Feed.POLICE.topic(), feed.record(first + n)));
            }
            producer.flush();
        }
    }

    /**
     * Waits until the job's task threads use less than 0.2 cores for 3 s (the job has done what its
     * input caused, {@link DrainDetector}); returns when that quiet began (nanoTime).
     */
    private static long awaitDrained(ResourceWatch resources) throws InterruptedException {
        DrainDetector drained = new DrainDetector(0.2, Duration.ofSeconds(3).toNanos());
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (!drained.add(System.nanoTime(), resources.taskCpuNow())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not go quiet within 30 minutes of reading every record");
            }
            Thread.sleep(100);
        }
        return drained.drainedAt();
    }

    /** Waits until the job has ingested every record; returns when it first had (nanoTime). */
    /**
     * When the job read its first record and when it had read half of {@code total} (nanoTime): the
     * second half's rate is the job's once warm (a short run spends a third of its CPU in the JIT
     * compiler at the start).
     */
    private record Reading(long firstSeen, long halfway) {}

    private static Reading awaitIngested(SimpleMeterRegistry meters, long total, long startedAt, Runnable onFirst)
            throws InterruptedException {
        long firstSeen = 0;
        long halfway = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            double done = meters.find("ember.records.in").counters().stream().mapToDouble(Counter::count).sum();
            if (done > 0 && firstSeen == 0) {
                firstSeen = System.nanoTime();
                onFirst.run();
            }
            if (done >= total / 2.0 && halfway == 0) {
                halfway = System.nanoTime();
            }
            if (done >= total) {
                return new Reading(firstSeen == 0 ? startedAt : firstSeen, halfway);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the job did not read every record within 30 minutes");
    }

    private static void readAlerts(KafkaBroker broker, LatencySample latency, AtomicLong measureFrom, AtomicBoolean stop) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ember-bench-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            AtomicLong seen = new AtomicLong();
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    Alert alert = Json.fromBytes(r.value(), Alert.class);
                    seen.incrementAndGet();
                    if (Alert.FIRING.equals(alert.state()) && alert.recordAppendedAt() >= measureFrom.get()) {
                        latency.add(alert.recordAppendedAt(), now - alert.recordAppendedAt());
                    }
                }
            }
        }
    }

    private static long checkpointBytes(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        java.util.Optional<Path> latest = EmberJobRunner.latestCheckpoint(dir);
        if (latest.isEmpty()) {
            return 0;
        }
        Path chk = latest.get().getParent() != null && latest.get().getFileName().toString().equals("_metadata")
                ? latest.get().getParent() : latest.get();
        Path jobDir = chk.getParent();
        long bytes = 0;
        // Heap state backend checkpoints write one file per operator state into the chk directory;
        // the shared directory of the job holds incremental parts (none for the heap backend).
        try (java.util.stream.Stream<Path> files = Files.walk(jobDir.resolve(chk.getFileName()))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    bytes += Files.size(f);
                }
            }
        }
        return bytes;
    }

    /** CPU time and heap of this JVM, sampled while the job runs. */
    private static final class ResourceWatch {
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final AtomicLong maxHeap = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean();
        private final ProcessHandle broker;
        private long cpuStart;
        private long wallStart;
        private long cpuEnd;
        private long wallEnd;
        private long brokerStart;
        private long brokerEnd;
        private Map<Long, Long> javaCpuStart = Map.of();
        private Map<CpuByKind.Kind, Long> nativeStart = Map.of();
        private Map<CpuByKind.Kind, Long> byKind = Map.of();

        ResourceWatch(ProcessHandle broker) {
            this.broker = broker;
        }

        void start() {
            javaCpuStart = javaThreadCpu();
            nativeStart = nativeTicks();
            cpuStart = os.getProcessCpuTime();
            brokerStart = brokerCpu();
            wallStart = System.nanoTime();
            running.set(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    maxHeap.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() {
            cpuEnd = os.getProcessCpuTime();
            brokerEnd = brokerCpu();
            wallEnd = System.nanoTime();
            running.set(false);
            Map<CpuByKind.Kind, Long> java = new EnumMap<>(CpuByKind.Kind.class);
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                CpuByKind.Kind kind = t == null ? null : CpuByKind.ofJavaThread(t.getThreadName());
                long now = kind == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
                if (now >= 0) {
                    java.merge(kind, Math.max(0, now - javaCpuStart.getOrDefault(t.getThreadId(), 0L)), Long::sum);
                }
            }
            byKind = CpuByKind.split(cpuEnd - cpuStart, java, nativeStart, nativeTicks());
        }

        /** The process's CPU between start and stop by kind of thread, in cores. */
        String coresByKind() {
            double wall = Math.max(1, wallEnd - wallStart);
            StringBuilder line = new StringBuilder();
            for (Map.Entry<CpuByKind.Kind, Long> e : byKind.entrySet()) {
                line.append(line.isEmpty() ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.2f", e.getKey().label(), e.getValue() / wall));
            }
            return line.toString();
        }

        private static Map<Long, Long> javaThreadCpu() {
            Map<Long, Long> cpu = new java.util.HashMap<>();
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (long id : threads.getAllThreadIds()) {
                cpu.put(id, Math.max(0, threads.getThreadCpuTime(id)));
            }
            return cpu;
        }

        private static Map<CpuByKind.Kind, Long> nativeTicks() {
            return CpuByKind.nativeTicks(Path.of("/proc/self/task"), Path.of("/proc/self/stat"));
        }

        double cores() {
            return (cpuEnd - cpuStart) / (double) Math.max(1, wallEnd - wallStart);
        }

        long maxHeap() {
            return maxHeap.get();
        }

        long cpuNanos() {
            return cpuEnd - cpuStart;
        }

        /**
         * CPU time so far of the job's task threads (Flink names them "{@code <operators> (i/n)#a}"):
         * not the checkpoints' own threads, which snapshot the whole heap state every interval whether
         * or not anything changed, nor the bench's.
         */
        long taskCpuNow() {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long total = 0;
            for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t != null && CpuByKind.namedAfterTask(t.getThreadName())) {
                    total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
                }
            }
            return total;
        }

        long brokerCpuNanos() {
            return brokerEnd - brokerStart;
        }

        double brokerCores() {
            return brokerCpuNanos() / (double) Math.max(1, wallEnd - wallStart);
        }

        private long brokerCpu() {
            return broker.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }
}
