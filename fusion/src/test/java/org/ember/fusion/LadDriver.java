package org.ember.fusion;

import java.util.TreeSet;
import org.ember.geo.fusion.FusionSettings;
import org.ember.model.fusion.LinkedIncident;

/**
 * Drives one local authority's {@link LadAnalytics} as its Flink function would: arrivals register
 * a timer at the next hour boundary, and advancing the watermark fires due timers in order.
 */
final class LadDriver {
    final String lad;
    final LadState state = FusionFixtures.memoryState();
    final FusionFixtures.Collected out;
    private final FusionContext context;
    private LadCache cache;
    private final TreeSet<Long> timers = new TreeSet<>();
    private long watermark = Long.MIN_VALUE;

    private final boolean incremental;

    LadDriver(String lad, FusionSettings settings) {
        this(lad, settings, true);
    }

    /** @param incremental false: every layer from scratch at every tick (what the incremental layers must equal) */
    LadDriver(String lad, FusionSettings settings, boolean incremental) {
        this(lad, settings, incremental, true);
    }

    /** @param tensionRead false: nothing reads the tension updates (a backtest) */
    LadDriver(String lad, FusionSettings settings, boolean incremental, boolean tensionRead) {
        this.lad = lad;
        this.out = new FusionFixtures.Collected(tensionRead);
        this.incremental = incremental;
        this.context = FusionContext.of(settings, FusionFixtures.SHAPES, null);
        this.cache = new LadCache(context, incremental);
    }

    private LadAnalytics analytics() {
        return new LadAnalytics(lad, context, state, cache, out);
    }

    void incident(LinkedIncident incident) {
        analytics().onIncident(incident, watermark);
        timers.add(LadAnalytics.nextHour(Math.max(incident.eventTime(), watermark)));
    }

    /** A routed change ({@link AreaRoute}): this authority's own incident, a neighbour's halo, or a withdrawal. */
    void delivery(AreaDelivery delivery) {
        analytics().onDelivery(delivery, watermark);
        timers.add(LadAnalytics.nextHour(Math.max(delivery.incident().eventTime(), watermark)));
    }

    void signal(FusionSignal signal) {
        analytics().onSignal(signal, watermark);
        timers.add(LadAnalytics.nextHour(Math.max(signal.signal().time(), watermark)));
    }

    /** Moves the watermark, firing every due timer in time order. */
    void advanceTo(long time) {
        while (!timers.isEmpty() && timers.first() <= time) {
            long t = timers.pollFirst();
            watermark = Math.max(watermark, t);
            long next = analytics().onTimer(t);
            if (next > t) {
                timers.add(next);
            }
        }
        watermark = Math.max(watermark, time);
    }

    /** Forgets the task-memory caches, as a restart from a checkpoint would. */
    void restart() {
        cache = new LadCache(context, incremental);
    }

    int pendingTimers() {
        return timers.size();
    }
}
