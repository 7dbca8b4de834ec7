package org.ember.jobs.corrections;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.ArrivalWatermarks;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.jobs.records.CountDelta;
import org.ember.model.CountVocabulary;
import org.ember.model.Incident;

/**
 * Keyed by partner record ({@link Incident#recordKey()}): keeps what the latest version counted
 * ({@link Contribution}) so a correction or cancellation can take it back. The version is forgotten by a
 * timer once the longest count window has passed its event time, since no count it fed is left.
 *
 * <p>Versions are applied in canonical order on the arrival clock ({@link KeyedArrivalBuffer}): when
 * the watermark passes their arrival, ordered by {@link Canonical#INCIDENTS}; the deltas carry that
 * arrival time as their timestamp. At one time the retention timer goes first, then the versions.
 */
public final class LatestVersionFunction extends KeyedProcessFunction<String, Incident, CountDelta>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    /** Kept a day past the longest window, for corrections that come late. */
    static final Duration RETENTION = CountVocabulary.longestWindow().plusDays(1);

    private transient ValueState<Contribution> latest;
    /**
     * Job versions before the compact {@link Contribution} kept the whole latest Incident here: read
     * (and moved over) when a record has no contribution yet, so their checkpoints restore.
     */
    private transient ValueState<Incident> legacyLatest;
    private transient KeyedArrivalBuffer<Incident> arrivals;
    private transient JobMetrics.Count lateByArrival;
    private transient JobMetrics.Count superseded;
    private transient JobMetrics.Count stale;
    private transient JobMetrics.EventTimeLag lagSeconds;
    private transient long newestEventTime;

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "latest-version-arrivals",
                TypeInformation.of(Incident.class), Canonical.INCIDENTS);
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
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-contribution", Contribution.class));
        legacyLatest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-version", Incident.class));
        JobMetrics metrics = JobMetrics.of(getRuntimeContext());
        lateByArrival = metrics.lateByArrival("latest-version");
        superseded = metrics.corrections("applied");
        stale = metrics.corrections("stale");
        lagSeconds = metrics.eventTimeLag();
        newestEventTime = Long.MIN_VALUE;
    }

    @Override
    public void processElement(Incident incident, Context ctx, Collector<CountDelta> out) throws Exception {
        newestEventTime = Math.max(newestEventTime, incident.eventTime());
        long watermark = ctx.timerService().currentWatermark();
        if (watermark > Long.MIN_VALUE) {
            lagSeconds.set(Math.max(0, (newestEventTime - watermark) / 1000));
        }
        Long arrival = ctx.timestamp();
        if (!arrivals.offer(ctx.getCurrentKey(), incident,
                arrival == null ? ArrivalWatermarks.arrivalOf(incident) : arrival, ctx.timerService())) {
            lateByArrival.increment();
            apply(ctx.getCurrentKey(), incident, ctx.timerService(), out);
        }
    }

    private void apply(String key, Incident incident, TimerService timers, Collector<CountDelta> out) throws Exception {
        Contribution previous = current();
        if (!VersionResolver.replaces(incident, previous)) {
            stale.increment();
            return;
        }
        if (previous != null) {
            superseded.increment();
            arrivals.deleteTimer(key, expiry(previous.eventTime()), timers);
        }
        VersionResolver.deltasFrom(previous, incident).forEach(out::collect);
        latest.update(Contribution.of(incident));
        timers.registerEventTimeTimer(expiry(incident.eventTime()));
    }

    /** The record's latest contribution, moved over from a legacy Incident when that is all there is. */
    private Contribution current() throws Exception {
        Contribution current = latest.value();
        if (current != null) {
            return current;
        }
        Incident legacy = legacyLatest.value();
        if (legacy == null) {
            return null;
        }
        legacyLatest.clear();
        current = Contribution.of(legacy);
        latest.update(current);
        return current;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CountDelta> out) throws Exception {
        Contribution current = current();
        if (current != null && expiry(current.eventTime()) <= timestamp) {
            latest.clear();
        }
        for (Incident incident : arrivals.release(ctx.getCurrentKey(), timestamp)) {
            apply(ctx.getCurrentKey(), incident, ctx.timerService(), out);
        }
    }

    private static long expiry(long eventTime) {
        return eventTime + RETENTION.toMillis();
    }
}
