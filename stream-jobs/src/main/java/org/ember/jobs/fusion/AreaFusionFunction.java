package org.ember.jobs.fusion;

import io.micrometer.core.instrument.Counter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.geo.risk.RiskSignal;
import org.ember.jobs.JobSettings;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.ArrivalOrder;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.LinkedIncident;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;
import org.ember.fusion.AreaDelivery;
import org.ember.fusion.FusedEvent;
import org.ember.fusion.FusionContext;
import org.ember.fusion.ScanPool;
import org.ember.fusion.FusionOutputs;
import org.ember.fusion.FusionSignal;
import org.ember.fusion.LadAnalytics;
import org.ember.fusion.LadCache;
import org.ember.fusion.LadMeta;
import org.ember.fusion.LadState;
import org.ember.fusion.Published;
import org.ember.fusion.ScanHit;
import org.ember.fusion.SeasonalHistory;
import org.ember.fusion.EarlyWarningHistory;

/**
 * Keyed by local authority: the Flink shell of {@link LadAnalytics}. Linked incidents routed to it
 * on the first input ({@link AreaRouteFunction}: its own, its neighbours' near its cells as halos,
 * withdrawals), risk signals on the second; hot-spot updates on the main output, area metrics and tension
 * on side outputs. Every piece of state is keyed Flink state (map or value, records of strings,
 * numbers, lists and maps: Flink's own serializers); the clustering and the fitted seasonal model
 * are rebuilt from it in task memory. Hourly event-time timers run while anything is live; the
 * last one leaves no state and no timer behind.
 */
final class AreaFusionFunction extends KeyedCoProcessFunction<String, AreaDelivery, FusionSignal, HotspotUpdate>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;
    static final OutputTag<AreaMetrics> METRICS =
            new OutputTag<>("fusion-area-metrics", org.ember.jobs.serial.AreaMetricsType.INFO);
    static final OutputTag<TensionUpdate> TENSION = new OutputTag<>("fusion-tension") {
        private static final long serialVersionUID = 1L;
    };

    private final JobSettings job;
    /** Threads of the daily scan per task; 0 = sized to the slot ({@link ScanPool#forSlot}). */
    private final int scanThreads;
    /** Event time after which no hourly tick is scheduled (a bounded replay's end); MAX_VALUE = never. */
    private final long horizon;
    /** Whether anything reads the tension side output (if not, its explanations are not built: {@link FusionOutputs#tensionRead}). */
    private final boolean tensionRead;
    private transient ScanPool scanPool;
    private transient FusionContext context;
    private transient LadState state;
    private transient Map<String, LadCache> caches;
    private transient Counter late;
    private transient KeyedArrivalBuffer<AreaDelivery> incidents;
    private transient KeyedArrivalBuffer<FusionSignal> signals;
    private transient JobMetrics.Count lateByArrival;

    AreaFusionFunction(JobSettings job) {
        this(job, 0);
    }

    AreaFusionFunction(JobSettings job, int scanThreads) {
        this(job, scanThreads, Long.MAX_VALUE);
    }

    AreaFusionFunction(JobSettings job, int scanThreads, long horizon) {
        this(job, scanThreads, horizon, true);
    }

    AreaFusionFunction(JobSettings job, int scanThreads, long horizon, boolean tensionRead) {
        this.job = job;
        this.scanThreads = scanThreads;
        this.horizon = horizon;
        this.tensionRead = tensionRead;
    }

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        incidents = KeyedArrivalBuffer.of(context, getRuntimeContext(), "fusion-delivery-arrivals",
                TypeInformation.of(AreaDelivery.class), Comparator.comparing(d -> d.incident().incidentId()));
        signals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "fusion-signal-arrivals",
                TypeInformation.of(FusionSignal.class), Canonical.FUSION_SIGNALS);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        incidents.snapshot();
        signals.snapshot();
    }

    /** (Key, arrival time) slots whose inputs wait in task memory: none once the stage has drained. */
    int waitingArrivals() {
        return incidents.waitingSlots() + signals.waitingSlots();
    }

    @Override
    public void open(OpenContext openContext) {
        var task = getRuntimeContext().getTaskInfo();
        String name = "ember-scan-" + task.getIndexOfThisSubtask();
        scanPool = scanThreads > 0 ? new ScanPool(name, scanThreads)
                : ScanPool.forSlot(name, task.getNumberOfParallelSubtasks());
        context = FusionContext.of(job.fusion(), java.nio.file.Path.of(job.dataDir()), job.coverage(), scanPool);
        caches = new HashMap<>();
        late = FusionMetrics.late("analytics");
        // Deliveries to one local authority come from several router tasks: ordered by incident id.
        // One incident's changes all come from its owner block and its router task, in one channel,
        // and the stable sort keeps them in the order they were made.
        // A new state name: the buffer holds deliveries now (own, halo or withdrawn), not bare incidents.
        lateByArrival = JobMetrics.of(getRuntimeContext()).lateByArrival("fusion-areas");
        state = new LadState(
                book("events", FusedEvent.class),
                book("halo-events", FusedEvent.class),
                book("signals", RiskSignal.class),
                book("published-cells", Published.class),
                book("published-areas", Published.class),
                book("published-clusters", Published.class),
                book("scan-clusters", ScanHit.class),
                book("emerging-categories", String.class),
                slot("seasonal-history", SeasonalHistory.class),
                slot("meta", LadMeta.class),
                slot("early-warning", EarlyWarningHistory.class));
    }

    @Override
    public void close() throws Exception {
        if (scanPool != null) {
            scanPool.close();
        }
        super.close();
    }

    /** The daily scan's threads (for tests). */
    ScanPool scanPool() {
        return scanPool;
    }

    /** Number of local authorities whose clustering or baseline is held in task memory (for tests). */
    int cachedAuthorities() {
        return caches.size();
    }

    /**
     * The watermark as a clock, or "unknown" (Long.MIN_VALUE) when it reads +∞: after the end of
     * input, or when every other channel has finished or gone idle while this record was in flight.
     * +∞ is no time to publish at or to set a timer from.
     */
    static long clock(long watermark) {
        return watermark == Long.MAX_VALUE ? Long.MIN_VALUE : watermark;
    }

    @Override
    public void processElement1(AreaDelivery delivery, Context ctx, Collector<HotspotUpdate> out) {
        long arrival = arrival(ctx, delivery.incident().eventTime());
        if (!incidents.offer(ctx.getCurrentKey(), delivery, arrival, ctx.timerService())) {
            lateByArrival.increment();
            apply(delivery, ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark()), ctx, out);
        }
    }

    @Override
    public void processElement2(FusionSignal signal, Context ctx, Collector<HotspotUpdate> out) {
        long arrival = arrival(ctx, signal.signal().time());
        if (!signals.offer(ctx.getCurrentKey(), signal, arrival, ctx.timerService())) {
            lateByArrival.increment();
            apply(signal, ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark()), ctx, out);
        }
    }

    private static long arrival(Context ctx, long fallback) {
        Long stamped = ctx.timestamp();
        return stamped == null ? fallback : stamped;
    }

    private void apply(AreaDelivery delivery, long now, Context ctx, Collector<HotspotUpdate> out) {
        LinkedIncident incident = delivery.incident();
        if (!delivery.halo() && incident.eventTime() < now - HOUR) {
            late.increment();
        }
        analytics(ctx.getCurrentKey(), out, ctx).onDelivery(delivery, now);
        schedule(ctx, incident.eventTime(), now);
    }

    private void apply(FusionSignal signal, long now, Context ctx, Collector<HotspotUpdate> out) {
        analytics(ctx.getCurrentKey(), out, ctx).onSignal(signal, now);
        schedule(ctx, signal.signal().time(), now);
    }

    /**
     * At {@code timestamp}: first the hourly tick when it is an hour (time moves on), then the
     * incidents and then the signals that arrived then, each in canonical order.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HotspotUpdate> out) {
        if (Math.floorMod(timestamp, HOUR) == 0) {
            long next = analytics(ctx.getCurrentKey(), out, ctx).onTimer(timestamp);
            if (next > timestamp && next <= horizon) {
                ctx.timerService().registerEventTimeTimer(next);
            }
        }
        for (AreaDelivery delivery : incidents.release(ctx.getCurrentKey(), timestamp)) {
            apply(delivery, timestamp, ctx, out);
        }
        for (FusionSignal signal : signals.release(ctx.getCurrentKey(), timestamp)) {
            apply(signal, timestamp, ctx, out);
        }
        if (state.isEmpty()) {
            caches.remove(ctx.getCurrentKey());
        }
    }

    private static void schedule(Context ctx, long eventTime, long now) {
        ctx.timerService().registerEventTimeTimer(LadAnalytics.nextHour(Math.max(eventTime, now)));
    }

    private LadAnalytics analytics(String lad, Collector<HotspotUpdate> out, Context ctx) {
        LadCache cache = caches.computeIfAbsent(lad, k -> new LadCache(context));
        return new LadAnalytics(lad, context, state, cache, new FusionOutputs() {
            @Override
            public void hotspot(HotspotUpdate update) {
                out.collect(update);
            }

            @Override
            public void metrics(AreaMetrics metrics) {
                ctx.output(METRICS, metrics);
            }

            @Override
            public void tension(TensionUpdate update) {
                ctx.output(TENSION, update);
            }

            @Override
            public boolean tensionRead() {
                return tensionRead;
            }
        });
    }

    private <V> LadState.Book<V> book(String name, Class<V> type) {
        MapState<String, V> map = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(name, Types.STRING, TypeInformation.of(type)));
        return new LadState.Book<>() {
            @Override
            public V get(String key) {
                return LinkageFunction.call(() -> map.get(key));
            }

            @Override
            public void put(String key, V value) {
                LinkageFunction.call(() -> {
                    map.put(key, value);
                    return null;
                });
            }

            @Override
            public void remove(String key) {
                LinkageFunction.call(() -> {
                    map.remove(key);
                    return null;
                });
            }

            @Override
            public Iterable<Map.Entry<String, V>> entries() {
                return LinkageFunction.call(map::entries);
            }

            @Override
            public boolean isEmpty() {
                return LinkageFunction.call(map::isEmpty);
            }
        };
    }

    private <V> LadState.Slot<V> slot(String name, Class<V> type) {
        ValueState<V> value = getRuntimeContext().getState(new ValueStateDescriptor<>(name, TypeInformation.of(type)));
        return new LadState.Slot<>() {
            @Override
            public V get() {
                return LinkageFunction.call(value::value);
            }

            @Override
            public void set(V v) {
                LinkageFunction.call(() -> {
                    if (v == null) {
                        value.clear();
                    } else {
                        value.update(v);
                    }
                    return null;
                });
            }
        };
    }
}
