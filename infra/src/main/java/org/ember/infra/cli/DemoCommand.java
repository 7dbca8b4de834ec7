package org.ember.infra.cli;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ember.console.ConsoleConfig;
import org.ember.console.ConsoleServer;
import org.ember.deployment.Deployment;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.Coverage;
import org.ember.infra.EmberPaths;
import org.ember.infra.demo.AlertPrinter;
import org.ember.infra.demo.DeadLetterReasons;
import org.ember.infra.demo.DeadLetterSummary;
import org.ember.infra.demo.FusionWatch;
import org.ember.infra.demo.PipelineCounts;
import org.ember.infra.kafka.KafkaBroker;
import org.ember.infra.simulator.FeedSimulator;
import org.ember.infra.simulator.SimulatedArea;
import org.ember.infra.simulator.SimulationSettings;
import org.ember.infra.simulator.SimulatorRunner;
import org.ember.jobs.DeploymentJobs;
import org.ember.jobs.EmberJobRunner;
import org.ember.jobs.JobSettings;
import org.ember.jobs.RunningJob;
import org.ember.model.privacy.PseudonymKeys;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ember demo}: the whole system on one machine. A real single-node Kafka broker, the job
 * on Flink's local cluster, the simulator replaying real police.uk records as five partner feeds,
 * and the console's live map. Prints alerts as they are committed and a reconciling summary.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Ember end to end on this machine: Kafka broker, Flink job, feed simulator and live map.",
            "Every alert is printed as a line starting 'ALERT ', every rise of an area's tension to critical",
            "as a line starting 'TENSION '; on exit (Ctrl-C or --for) a line 'LINKAGE precision=…' scores the",
            "cross-agency linkage against the simulator's truth, and a line",
            "'SUMMARY in=N processed=N dead_lettered=N alerts=N' reconciles the counts."
        })
public final class DemoCommand implements Callable<Integer> {
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final DateTimeFormatter SIMULATED =
            DateTimeFormatter.ofPattern("d MMM yyyy HH:mm").withZone(ZoneId.of("Europe/London"));

    @Option(names = "--port", defaultValue = "8080", description = "Port of the live map (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--speed", defaultValue = "3600",
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE} = one hour per second).")
    double speed;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed: same seed, same feeds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--for", converter = SimulateCommand.DurationConverter.class,
            description = "Stop after this long, e.g. 90s or 10m (default: run until Ctrl-C).")
    Duration runFor;

    @Option(names = "--from", defaultValue = "2025-01", converter = SimulateCommand.YearMonthConverter.class,
            description = "First month of police.uk data to replay (default: ${DEFAULT-VALUE}).")
    YearMonth from;

    @Option(names = "--data-dir", description = "Shared data directory (default: $EMBER_DATA_DIR, else ../shared/data).")
    Path dataDir;

    @CommandLine.Mixin
    DeploymentOption deployment;

    @Option(names = "--rules", description = "Rule file or directory (default: the deployment's rules).")
    Path rules;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Kafka client port (default: a free port).")
    int kafkaPort;

    @Option(names = "--work-dir", description = "Where the broker, checkpoints, logs and audit trail go "
            + "(default: .ember/demo of this checkout; kept unless --fresh).")
    Path workDir;

    @Option(names = "--resume", description = "Continue the previous demo in the work directory: its broker data and "
            + "its newest checkpoint (e.g. after kill -9).")
    boolean resume;

    @Option(names = "--fresh", description = "Wipe the work directory first (the previous demo's topics and checkpoints).")
    boolean fresh;

    @Option(names = "--routing", description = "Routing directory: routes.yaml and oncall.yaml "
            + "(default: the deployment's routing).")
    Path routing;

    @Option(names = "--smtp", description = "Send e-mail notifications through this SMTP server, HOST:PORT "
            + "(default: none: every notification is written to the outbox directory instead, nothing is sent).")
    String smtp;

    @Option(names = "--mail-from", defaultValue = "ember@localhost", description = "Sender of e-mail notifications "
            + "(default: ${DEFAULT-VALUE}).")
    String mailFrom;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path data = EmberPaths.dataDir(dataDir, System.getenv());
        String problem = EmberPaths.problemWith(data);
        if (problem != null) {
            throw new UserError(problem);
        }
        Deployment d = deployment.load(dataDir);
        data = d.dataDir();
        Path ruleFiles = rules != null ? rules : d.rules();
        RuleSet ruleSet;
        try {
            ruleSet = new RuleFileLoader(DeploymentJobs.areas(d)).load(ruleFiles);
        } catch (RuleFileException e) {
            throw new UserError("rule files are invalid:\n" + e.getMessage());
        }
        Path work = workDir != null ? workDir : EmberPaths.home().resolve(".ember/demo");
        if (resume && fresh) {
            throw new UserError("ember demo: give --resume or --fresh, not both");
        }
        if (fresh) {
            wipe(work);
        } else if (!resume && Files.isDirectory(work.resolve("kafka"))) {
            throw new UserError("ember demo: " + work + " holds a previous demo; add --resume to continue it or --fresh "
                    + "to wipe it");
        }
        Files.createDirectories(work);
        java.util.Optional<Path> checkpoint = resume ? EmberJobRunner.latestCheckpoint(work.resolve("checkpoints"))
                : java.util.Optional.empty();

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);

        SimulationSettings simulation = SimulationSettings.defaults().withSeed(seed).withMonths(from,
                SimulationSettings.DEFAULT_TO.isBefore(from) ? from : SimulationSettings.DEFAULT_TO)
                .withForces(d.simulator().policeFolders().stream().map(p -> p.getFileName().toString()).toList());
        java.util.List<YearMonth> missing = FeedSimulator.missingMonths(data, simulation);
        FeedSimulator simulator;
        try {
            simulator = FeedSimulator.create(data, simulation, null, SimulatedArea.of(d), true);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (setting simulator.police of " + d.file() + ")", e);
        }
        out.println("Ember demo · deployment " + d.name() + " · data " + data + " · rules " + ruleFiles + " (" + ruleSet.rules().size()
                + " rules, version " + ruleSet.version() + ")");
        out.println("Starting Kafka broker…");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.globalRegistry.add(registry);
        String[] brokerServers = new String[1];
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), kafkaPort)) {
            broker.createTopics();
            brokerServers[0] = broker.bootstrapServers();
            out.println("Kafka:   " + broker.bootstrapServers() + " (log " + broker.dataDir().resolve("broker.log") + ")");
            KafkaLocation.rememberDemoBroker(broker.bootstrapServers());
            Coverage coverage = d.coverage();
            org.ember.infra.health.DeferredHealth jobHealth = new org.ember.infra.health.DeferredHealth();
            try (ConsoleServer console = ConsoleServer.start(new ConsoleConfig(ConsoleConfig.LOOPBACK, port,
                    broker.bootstrapServers(), data, coverage, d.suppressionThreshold(),
                    work.resolve("audit.jsonl"), registry).withHealth(jobHealth))) {
                out.println("Map:     " + console.url());
                out.println("Metrics: " + console.url().resolve("/metrics") + " (Prometheus)");
                JobSettings settings = DeploymentJobs.settings(d, PseudonymKeys.resolve(System.getenv(), false), ruleSet,
                        Duration.ofSeconds(5), org.ember.geo.fusion.FusionSettings.defaults(),
                        DemoDelivery.settings(routing != null ? routing : d.routing(), smtp, mailFrom, work, console.url(), out));
                // A stable transactional id prefix: a resumed demo must own the transactions its checkpoint knows.
                EmberJobRunner.RunSettings run = new EmberJobRunner.RunSettings(broker.bootstrapServers(), "ember-demo",
                        "ember-demo", work.resolve("checkpoints"), CHECKPOINT_INTERVAL, parallelism);
                if (checkpoint.isPresent()) {
                    run = run.restoringFrom(checkpoint.get());
                    out.println("Resuming from " + checkpoint.get());
                }
                out.println("Starting the Flink job on the local cluster…");
                try (RunningJob job = EmberJobRunner.startLocal(settings, run);
                        AlertPrinter alerts = new AlertPrinter(broker.bootstrapServers(), out,
                                AreaCatalogue.load(data, coverage)::ladName);
                        FusionWatch fusion = new FusionWatch(broker.bootstrapServers(), out,
                                AreaCatalogue.load(data, coverage)::ladName)) {
                    out.println("Job:     " + job.id() + " " + job.status());
                    if (!missing.isEmpty()) {
                        out.println("Data:    no police.uk files for " + missing.stream().map(YearMonth::toString)
                                .collect(java.util.stream.Collectors.joining(", ")) + " in " + simulation.forces()
                                + "; those months are skipped (replayed as silence)");
                    }
                    org.ember.infra.health.JobHealthWatch health = new org.ember.infra.health.JobHealthWatch(job::status,
                            work.resolve("checkpoints"), CHECKPOINT_INTERVAL.multipliedBy(15), broker.bootstrapServers(),
                            "ember-demo", Duration.ofSeconds(2), Duration.ofSeconds(30),
                            new org.ember.infra.health.StallAlert(broker.bootstrapServers(), coverage.name(),
                                    java.time.Clock.systemUTC()), java.time.Clock.systemUTC());
                    jobHealth.set(health);
                    SimulatorRunner runner = new SimulatorRunner(fusion.recording(simulator.iterator()),
                            producer(broker.bootstrapServers()),
                            speed, SimulatorRunner.Limits.none());
                    Thread feeding = new Thread(runner::run, "simulator");
                    feeding.setDaemon(true);
                    feeding.start();
                    out.println("Simulating partner feeds from " + from + " at " + (long) speed + "× real time, seed "
                            + seed + (runFor == null ? "; Ctrl-C to stop" : "; stopping after " + runFor));

                    waitForStop(stop, feeding, runner, registry, alerts, out);

                    runner.stop();
                    feeding.join(10_000);
                    long sent = runner.stats().snapshot().totalSent();
                    runner.close();
                    drain(registry, sent, out);
                    // Alerts become visible at the next checkpoint; give two to commit and print.
                    Thread.sleep(CHECKPOINT_INTERVAL.multipliedBy(2).plusMillis(1_500).toMillis());
                    PipelineCounts counts = PipelineCounts.read(registry);
                    health.close();
                    // Reconciled against what the simulator SENT, not only what the job read: a job that
                    // stopped reading must not pass.
                    boolean reconciles = counts.reconciles() && counts.in() == sent;
                    out.println("Simulator sent " + sent + " records; the job read " + counts.in()
                            + (reconciles ? " (sent = in = processed + dead_lettered)"
                                    : " (COUNTS DO NOT RECONCILE: " + (sent - counts.in()) + " sent but not read)")
                            + "; late reports counted in their own hour: " + counts.late());
                    out.println(fusion.linkageLine());
                    if (counts.deadLettered() * 2 > counts.in()) {
                        DeadLetterSummary.warning(counts.in(), DeadLetterReasons.read(broker.bootstrapServers(),
                                Duration.ofSeconds(20))).ifPresent(out::println);
                    }
                    out.println(counts.summaryLine(alerts.firing()) + " sent=" + sent);
                    out.flush();
                    return reconciles ? 0 : 1;
                }
            }
        } finally {
            KafkaLocation.forgetDemoBroker(String.valueOf(brokerServers[0]));
            Metrics.globalRegistry.remove(registry);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what let us finish.
            }
        }
    }

    private void waitForStop(CountDownLatch stop, Thread feeding, SimulatorRunner runner, PrometheusMeterRegistry registry,
            AlertPrinter alerts, PrintStream out) throws InterruptedException {
        Instant started = Instant.now();
        Instant deadline = runFor == null ? Instant.MAX : started.plus(runFor);
        Instant nextProgress = started.plus(PROGRESS_EVERY);
        while (Instant.now().isBefore(deadline) && feeding.isAlive()) {
            long wait = Math.min(500, Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            if (stop.await(wait, TimeUnit.MILLISECONDS)) {
                out.println("Stopping (Ctrl-C)…");
                return;
            }
            if (Instant.now().isAfter(nextProgress)) {
                nextProgress = nextProgress.plus(PROGRESS_EVERY);
                var snapshot = runner.stats().snapshot();
                PipelineCounts counts = PipelineCounts.read(registry);
                out.printf("[%3ds] simulated to %s · sent %d · read %d · processed %d · dead-lettered %d · alerts %d%n",
                        Duration.between(started, Instant.now()).toSeconds(),
                        snapshot.lastEmitTime() == null ? "-" : SIMULATED.format(Instant.ofEpochMilli(snapshot.lastEmitTime())),
                        snapshot.totalSent(), counts.in(), counts.processed(), counts.deadLettered(), alerts.firing());
            }
        }
        out.println(feeding.isAlive() ? "Time is up; stopping…" : "The simulation has replayed all its months; stopping…");
    }

    /** Waits until the job has read everything the simulator sent, so the summary counts it all. */
    private static void drain(PrometheusMeterRegistry registry, long sent, PrintStream out) throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        while (PipelineCounts.read(registry).in() < sent && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        long in = PipelineCounts.read(registry).in();
        if (in < sent) {
            out.println("Warning: the job read " + in + " of " + sent + " records within " + DRAIN_TIMEOUT);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ember-demo-simulator");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
}
