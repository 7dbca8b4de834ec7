package org.ember.jobs.fusion;

import org.ember.fusion.AreaDelivery;
import org.ember.fusion.FusionFixtures;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.area.AreaPlacer;
import org.ember.jobs.EmberJob;
import org.ember.jobs.JobSettings;
import org.ember.jobs.JobSinks;
import org.ember.jobs.OutputTopic;
import org.ember.jobs.ingest.IngestResult;
import org.ember.jobs.ingest.Ingestor;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.jobs.testing.BoundedJobSources;
import org.ember.jobs.testing.TestFeeds;
import org.ember.model.Feed;
import org.ember.model.Incident;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.ingest.FeedParser;
import org.ember.rules.RuleFileLoader;
import org.ember.fusion.FusionSignal;

/**
 * Throughput of the whole job with every fusion layer on, and the state one busy local authority
 * holds. Not a unit test: run it by hand (docs/benchmarks-fusion.md gives the command and figures).
 *
 * <p>Part 1 runs {@link EmberJob} on a local environment (generic types disabled, as in production)
 * over synthetic feeds of the simulator's shape and volume for the months asked, with counting
 * sinks, and reports records per second of wall time. The run includes the drain at the end of
 * input (every timer of the last 28 days of event time fires), so it slightly understates the
 * sustained rate. Part 2 feeds one month of Cardiff through the linkage and area functions in
 * test harnesses and measures their keyed state as Flink snapshots it.
 *
 * <p>Arguments: {@code from to parallelism [job|state|all]}, e.g. {@code 2025-01 2025-03 2 all}.
 */
public final class FusionBenchmark {
    private static final Map<String, AtomicLong> WRITTEN = new ConcurrentHashMap<>();

    private FusionBenchmark() {}

    public static void main(String[] args) throws Exception {
        YearMonth from = YearMonth.parse(args.length > 0 ? args[0] : "2025-01");
        YearMonth to = YearMonth.parse(args.length > 1 ? args[1] : "2025-03");
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String parts = args.length > 3 ? args[3] : "all";
        Path data = TestFeeds.dataDir();
        JobSettings settings = TestFeeds.settings(new RuleFileLoader().load(Path.of("../alert-rules/rules")));

        if (!"state".equals(parts)) {
            Map<Feed, List<RawFeedRecord>> feeds = SyntheticFeeds.months(data, from, to, 42);
            long records = feeds.values().stream().mapToLong(List::size).sum();
            System.out.printf(Locale.ROOT, "feeds %s..%s: %d records %s%n", from, to, records, sizes(feeds));
            throughput(feeds, records, settings, parallelism);
        }
        if (!"job".equals(parts)) {
            stateOfOneAuthority(data, settings, to, "W06000015");
        }
    }

    private static Map<String, Integer> sizes(Map<Feed, List<RawFeedRecord>> feeds) {
        Map<String, Integer> sizes = new TreeMap<>();
        feeds.forEach((f, l) -> sizes.put(f.code(), l.size()));
        return sizes;
    }

    private static void throughput(Map<Feed, List<RawFeedRecord>> feeds, long records, JobSettings settings,
            int parallelism) throws Exception {
        BoundedJobSources sources = new BoundedJobSources();
        feeds.values().forEach(l -> l.forEach(sources::add));
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        EmberJob.build(env, sources, new CountingSinks(), settings);
        long start = System.nanoTime();
        env.execute("fusion-benchmark");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "job (parallelism %d, all layers on): %d records in %.1f s = %.0f records/s%n",
                parallelism, records, seconds, records / seconds);
        System.out.println("written per output: " + new TreeMap<>(WRITTEN));
    }

    private static void stateOfOneAuthority(Path data, JobSettings settings, YearMonth month, String lad) throws Exception {
        Map<Feed, List<RawFeedRecord>> feeds = SyntheticFeeds.months(data, month, month, 7);
        Ingestor ingestor = new Ingestor(new FeedParser(settings.pseudonymiser()),
                new AreaPlacer(AreaCatalogue.load(data, settings.coverage()), settings.cellSizeMetres()));
        List<Incident> incidents = new ArrayList<>();
        for (Map.Entry<Feed, List<RawFeedRecord>> e : feeds.entrySet()) {
            for (RawFeedRecord r : e.getValue()) {
                IngestResult result = ingestor.ingest(e.getKey(), r.value());
                if (result.isAccepted() && lad.equals(result.incident().lad())) {
                    incidents.add(result.incident());
                }
            }
        }
        incidents.sort(Comparator.comparingLong(Incident::eventTime));
        long end = incidents.get(incidents.size() - 1).eventTime();

        var linkage = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LinkageFunction(settings)),
                BlockReport::block, Types.STRING);
        linkage.open();
        var blocks = LinkageRoute.blocks(settings);
        for (Incident i : incidents) {
            for (String block : blocks.route(org.ember.fusion.Reports.of(i))) {
                linkage.processElement(new BlockReport(block, i), i.eventTime());
            }
        }
        linkage.processWatermark(end);
        List<LinkedIncident> linked = linkage.extractOutputValues();
        long linkageBytes = linkage.snapshot(1, end).getStateSize();
        long linkageEntries = linkage.numKeyedStateEntries();

        KeyedTwoInputStreamOperatorTestHarness<String, AreaDelivery, FusionSignal, HotspotUpdate> area =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new AreaFusionFunction(settings)),
                        AreaDelivery::lad, FusionSignal::targetLad, Types.STRING);
        area.open();
        var shapes = FusionFixtures.SHAPES;
        long started = System.nanoTime();
        for (LinkedIncident li : linked) {
            area.processElement1(AreaDelivery.own(li), li.eventTime());
            for (FusionSignal s : RiskFanout.signals(li, settings.fusion().risk(), shapes)) {
                if (lad.equals(s.targetLad())) {
                    area.processElement2(s, li.eventTime());
                }
            }
        }
        for (Incident i : incidents) {
            if (SoftSignals.handles(i)) {
                area.processElement2(new SoftSignals(settings.fusion().risk()).map(i), i.eventTime());
            }
        }
        area.processBothWatermarks(new Watermark(end));
        double seconds = (System.nanoTime() - started) / 1e9;
        long areaBytes = area.snapshot(2, end).getStateSize();
        System.out.printf(Locale.ROOT,
                "%s, %s: %d reports -> %d linked-incident changes; linkage state %d entries, %.1f KiB; "
                        + "area state %d entries, %.1f KiB; area function %.1f s for the month (%d outputs)%n",
                lad, month, incidents.size(), linked.size(), linkageEntries, linkageBytes / 1024.0,
                area.numKeyedStateEntries(), areaBytes / 1024.0, seconds, area.extractOutputValues().size());
        Map<String, Long> byType = new TreeMap<>();
        area.extractOutputValues().forEach(u -> byType.merge(u.type(), 1L, Long::sum));
        byType.put("(area metrics)", (long) area.getSideOutput(AreaFusionFunction.METRICS).size());
        byType.put("(tension)", (long) area.getSideOutput(AreaFusionFunction.TENSION).size());
        System.out.println("outputs by kind: " + byType);
        linkage.close();
        area.close();
    }

    /** Sinks that only count what each output receives. */
    private static final class CountingSinks implements JobSinks {
        @Override
        public <T> Sink<T> sink(OutputTopic<T> topic) {
            String name = topic == OutputTopic.HOTSPOT_UPDATES ? topic.topic() + " (layers)" : topic.topic();
            return new CountingSink<>(name);
        }
    }

    private static final class CountingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final String name;

        CountingSink(String name) {
            this.name = name;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            AtomicLong count = WRITTEN.computeIfAbsent(name, k -> new AtomicLong());
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    count.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
