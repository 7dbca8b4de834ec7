package org.ember.jobs.fusion;

import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.geo.area.AreaCatalogue;
import org.ember.geo.layers.AreaShapes;
import org.ember.geo.linkage.BucketIndex;
import org.ember.geo.linkage.BucketSpan;
import org.ember.geo.linkage.FeedTimeBuckets;
import org.ember.geo.linkage.FiledReport;
import org.ember.geo.linkage.FilledBuckets;
import org.ember.geo.linkage.GroupChange;
import org.ember.geo.linkage.IncidentLinker;
import org.ember.geo.linkage.LinkBook;
import org.ember.geo.linkage.LinkGroup;
import org.ember.geo.linkage.Report;
import org.ember.jobs.JobSettings;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.ArrivalOrder;
import org.ember.jobs.order.ArrivalWatermarks;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.model.Incident;
import org.ember.model.fusion.LinkedIncident;
import org.ember.fusion.BlockLinker;
import org.ember.fusion.Linkage;
import org.ember.fusion.LinkageBlocks;

/**
 * Keyed by linkage block ({@link LinkageBlocks}, not by local authority, so that reports either
 * side of a boundary meet): links police, ambulance and A&E reports into incidents
 * ({@link Linkage#inBlock}) and emits every change of a linked incident this block owns. Reports,
 * incidents and the owned incidents' ids live in keyed map state; a timer at the hour after each
 * report's retention forgets whatever is due, so the state empties once reports stop. Reports are linked in canonical order on the arrival clock
 * ({@link KeyedArrivalBuffer}, {@link Canonical#INCIDENTS}); a report more than an hour older than
 * its arrival is counted as late.
 */
final class LinkageFunction extends KeyedProcessFunction<String, BlockReport, LinkedIncident>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    private final JobSettings job;
    private transient Linkage linkage;
    private transient MapState<String, FiledReport> reports;
    private transient MapState<String, LinkGroup> groups;
    private transient MapState<String, Boolean> ownedIds;
    /** The reports' keys by {@link FeedTimeBuckets bucket}: a new report reads its partners, not the whole block. */
    private transient MapState<String, List<String>> byBucket;
    /**
     * No later than the earliest expiry of a report in the block (held reports aside, see
     * {@link Linkage#expire(long, long, LinkBook, BlockLinker.Owned)}): an expiry pass reads only
     * the time buckets from there to the timer, so it touches what leaves, not the whole block, and
     * a timer before it reads nothing.
     */
    private transient ValueState<Long> nextExpiry;
    /**
     * The {@link FilledBuckets} of the block: after a pass the next one waits for the next bucket
     * with a report in it, so a quiet block's timers read nothing.
     */
    private transient ValueState<long[]> filled;
    private transient LinkBook book;
    private transient BlockLinker.Owned owned;
    /** The bucket state's index, with which buckets of each feed are filled per block in task memory. */
    private transient BucketIndex index;
    private transient Counter late;
    private transient Counter stale;
    private transient Counter corrected;
    private transient Counter cancelled;
    /** Per change kind: registering a meter is a registry lookup, too slow for every change. */
    private transient Map<String, Counter> links;
    private transient KeyedArrivalBuffer<Incident> arrivals;
    private transient JobMetrics.Count lateByArrival;

    LinkageFunction(JobSettings job) {
        this.job = job;
    }

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "linkage-arrivals", TypeInformation.of(Incident.class),
                Canonical.INCIDENTS);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        arrivals.snapshot();
    }

    /** (Key, arrival time) slots whose inputs wait in task memory: none once the stage has drained. */
    int waitingArrivals() {
        return arrivals.waitingSlots();
    }

    @Override
    public void open(OpenContext context) {
        linkage = new Linkage(new IncidentLinker(job.fusion().linkage(),
                AreaShapes.of(AreaCatalogue.load(Path.of(job.dataDir()), job.coverage())).proximity()),
                LinkageRoute.blocks(job));
        reports = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("linkage-reports", Types.STRING, TypeInformation.of(FiledReport.class)));
        groups = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("linkage-incidents", Types.STRING, TypeInformation.of(LinkGroup.class)));
        ownedIds = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("linkage-owned", Types.STRING, Types.BOOLEAN));
        byBucket = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("linkage-buckets", Types.STRING, Types.LIST(Types.STRING)));
        nextExpiry = getRuntimeContext().getState(new ValueStateDescriptor<>("linkage-next-expiry", Types.LONG));
        filled = getRuntimeContext().getState(new ValueStateDescriptor<>("linkage-filled-buckets",
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        index = new BucketIndex(new StateBuckets(), job.fusion().linkage().linkedFeeds());
        book = new StateBook();
        owned = new StateOwned();
        lateByArrival = JobMetrics.of(getRuntimeContext()).lateByArrival("fusion-linkage");
        late = FusionMetrics.late("linkage");
        stale = FusionMetrics.corrections("stale");
        corrected = FusionMetrics.corrections("corrected");
        cancelled = FusionMetrics.corrections("cancelled");
        links = new java.util.HashMap<>();
    }

    @Override
    public void processElement(BlockReport routed, Context ctx, Collector<LinkedIncident> out) {
        index.enter(ctx.getCurrentKey());
        Incident incident = routed.incident();
        Long stamped = ctx.timestamp();
        long arrival = stamped == null ? ArrivalWatermarks.arrivalOf(incident) : stamped;
        if (!arrivals.offer(ctx.getCurrentKey(), incident, arrival, ctx.timerService())) {
            if (linkage.isHome(ctx.getCurrentKey(), Linkage.report(incident))) {
                lateByArrival.increment();
            }
            apply(incident, ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark()), ctx, out);
        }
    }

    /** Links one report at {@code now} on the arrival clock. */
    private void apply(Incident incident, long now, Context ctx, Collector<LinkedIncident> out) {
        // Every block the report reaches links it; only its home block counts it.
        Report report = Linkage.report(incident);
        boolean home = linkage.isHome(ctx.getCurrentKey(), report);
        if (home && incident.eventTime() < now - HOUR) {
            late.increment();
        }
        Linkage.Step step = linkage.inBlock(report, home, now, book, owned);
        IncidentLinker.Result result = step.result();
        if (result.stale()) {
            if (home) {
                stale.increment();
            }
            return;
        }
        Long next = call(nextExpiry::value);
        long expiry = linkage.expiryOf(report);
        if (next == null || expiry < next) {
            run(() -> {
                nextExpiry.update(expiry);
            });
        }
        if (home && result.correction()) {
            (incident.cancelled() ? cancelled : corrected).increment();
        }
        for (GroupChange change : result.changes()) {
            links.computeIfAbsent(change.kind().code(), FusionMetrics::links).increment();
        }
        step.linked().forEach(out::collect);
        ctx.timerService().registerEventTimeTimer(step.timer());
    }

    /** At {@code timestamp}: first what is due to be forgotten, then the reports that arrived then. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LinkedIncident> out) {
        index.enter(ctx.getCurrentKey());
        Long next = call(nextExpiry::value);
        if (next != null && next <= timestamp) {
            long passed = linkage.expire(next, timestamp, book, owned);
            run(() -> {
                if (reports.isEmpty()) {
                    nextExpiry.clear();
                    filled.clear();
                } else {
                    long after = FilledBuckets.nextFrom(passed, timestamp, filledBuckets(), job.fusion().linkage());
                    nextExpiry.update(after);
                }
            });
        }
        for (Incident incident : arrivals.release(ctx.getCurrentKey(), timestamp)) {
            apply(incident, timestamp, ctx, out);
        }
    }

    /**
     * The block's filled buckets; rebuilt from the bucket keys when state from before the index
     * holds reports without it.
     */
    private long[] filledBuckets() throws Exception {
        long[] known = filled.value();
        if (known != null || reports.isEmpty()) {
            return known;
        }
        long[] rebuilt = new long[0];
        for (String bucket : byBucket.keys()) {
            rebuilt = FilledBuckets.with(rebuilt, FeedTimeBuckets.numberOf(bucket));
        }
        filled.update(rebuilt);
        return rebuilt;
    }

    /** The linker's book over this key's map state. */
    private final class StateBook implements LinkBook {
        @Override
        public FiledReport report(String key) {
            return call(() -> reports.get(key));
        }

        @Override
        public void putReport(FiledReport report) {
            putReport(report, call(() -> reports.get(report.report().key())));
        }

        @Override
        public void putReport(FiledReport report, FiledReport held) {
            run(() -> {
                reports.put(report.report().key(), report);
            });
            index.file(report, held);
        }

        @Override
        public void removeReport(String key) {
            FiledReport before = call(() -> {
                FiledReport held = reports.get(key);
                reports.remove(key);
                return held;
            });
            if (before != null) {
                index.unfile(before);
            }
        }

        @Override
        public void removeReports(List<FiledReport> held) {
            run(() -> {
                for (FiledReport report : held) {
                    reports.remove(report.report().key());
                }
            });
            index.unfileAll(held);
        }

        @Override
        public Iterable<FiledReport> reports() {
            return call(() -> {
                List<FiledReport> all = new ArrayList<>();
                for (Map.Entry<String, FiledReport> e : reports.entries()) {
                    all.add(e.getValue());
                }
                return all;
            });
        }

        @Override
        public Iterable<FiledReport> reportsIn(List<BucketSpan> spans) {
            List<String> keys = index.keysIn(spans);
            return call(() -> {
                List<FiledReport> out = new ArrayList<>(keys.size());
                for (String key : keys) {
                    out.add(reports.get(key));
                }
                return out;
            });
        }

        @Override
        public LinkGroup group(String id) {
            return call(() -> groups.get(id));
        }

        @Override
        public void putGroup(LinkGroup group) {
            run(() -> {
                groups.put(group.id(), group);
            });
        }

        @Override
        public void removeGroup(String id) {
            run(() -> {
                groups.remove(id);
            });
        }
    }

    /** The bucket index in this key's map state ({@code linkage-buckets}) and value state ({@code linkage-filled-buckets}). */
    private final class StateBuckets implements BucketIndex.Store {
        @Override
        public List<String> get(String bucket) {
            return call(() -> byBucket.get(bucket));
        }

        @Override
        public void put(String bucket, List<String> keys) {
            run(() -> {
                byBucket.put(bucket, keys);
            });
        }

        @Override
        public void remove(String bucket) {
            run(() -> {
                byBucket.remove(bucket);
            });
        }

        @Override
        public Iterable<String> buckets() {
            return call(() -> {
                List<String> all = new ArrayList<>();
                byBucket.keys().forEach(all::add);
                return all;
            });
        }

        @Override
        public long[] filled() {
            return call(LinkageFunction.this::filledBuckets);
        }

        @Override
        public void filled(long[] numbers) {
            run(() -> {
                if (numbers == null || numbers.length == 0) {
                    filled.clear();
                } else {
                    filled.update(numbers);
                }
            });
        }
    }

    /** The ids of the incidents this block owns, in map state. */
    private final class StateOwned implements BlockLinker.Owned {
        @Override
        public boolean owns(String groupId) {
            return call(() -> ownedIds.contains(groupId));
        }

        @Override
        public void add(String groupId) {
            run(() -> {
                ownedIds.put(groupId, Boolean.TRUE);
            });
        }

        @Override
        public void remove(String groupId) {
            run(() -> {
                ownedIds.remove(groupId);
            });
        }
    }

    interface StateCall<T> {
        T run() throws Exception;
    }

    interface StateAction {
        void run() throws Exception;
    }

    /** {@link #call} for a state change that returns nothing. */
    static void run(StateAction action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Flink's state calls declare Exception; the heap backend never throws, and any failure fails the task. */
    static <T> T call(StateCall<T> call) {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("state access failed", e);
        }
    }
}
