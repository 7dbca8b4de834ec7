package org.ember.jobs.counts;

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
import org.apache.flink.util.OutputTag;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.ArrivalOrder;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.jobs.records.CountDelta;
import org.ember.model.AreaCounts;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.counts.CountMetrics;
import org.ember.rules.counts.HourlyCounts;

/**
 * Keyed by area: keeps the running counts of the 1 h, 24 h and 7 day windows and tells the rules
 * ({@link #METRICS}) the moment a report changes them, so a rule on the counts is evaluated on the
 * record that tips it, not at the next hour boundary. The area's full counts for the map
 * ({@code ember.hotspots}) are coalesced: published at the next multiple of
 * {@link #PUBLICATION_MILLIS} of the arrival clock after a change, once however many reports came in
 * between (one Kafka record per area per 100 ms instead of one per report and area). Reports are also kept in one bucket per event-time hour, only so
 * that each bucket can leave each window on a timer at its {@link HourlyCounts#exit}.
 *
 * <p>The clock is arrival time: changes are applied in canonical order once the watermark passes
 * their arrival ({@link KeyedArrivalBuffer}, {@link Canonical#COUNT_DELTAS}); at one time the exits
 * due go first, then the changes that arrived. Event time decides membership: a change applied at
 * {@code now} enters the windows its event hour has not left by {@code now}. One that arrives after
 * leaving the 1 h window is counted as late ({@code ember.records.late}); one that has left every
 * window changes nothing. A correction's −1 takes the old version out of the windows that still
 * hold it. When every bucket has left the longest window the area's state is cleared.
 *
 * <p>Each change goes to {@link #METRICS} as the rules read it: only the counts that changed, zeros
 * included (see {@link CountMetrics}). Exit timers are registered once per bucket, when it is created.
 */
public final class AreaCountsFunction extends KeyedProcessFunction<String, CountDelta, AreaCounts>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    /** The count updates for the rules, one per emission. */
    public static final OutputTag<AreaMetrics> METRICS =
            new OutputTag<>("count-metrics", org.ember.jobs.serial.AreaMetricsType.INFO);

    /** Index of the area's clock in the running state, after the counts. */
    private static final int CLOCK = CountVocabulary.SIZE;
    /** Index of the flag "changed since the area's map entry was last published" (1) in the running state. */
    private static final int DIRTY = CLOCK + 1;
    private static final int STATE_LENGTH = DIRTY + 1;
    /**
     * The area's counts go to {@code ember.hotspots} at most once per this much arrival time, at the
     * multiples of it (the console redraws no faster); the rules still hear of every change at once.
     * Driven by the arrival clock (watermark timers), never by the wall clock, so replays publish the
     * same messages.
     */
    static final long PUBLICATION_MILLIS = 100;

    private transient MapState<Long, long[]> buckets;
    /**
     * The running window counts (indexed by {@link CountVocabulary}) followed by the area's clock: the
     * newest event time or exit applied, so that what is published for the area never goes back in
     * time. One array, so a report costs one value read and write.
     */
    private transient ValueState<long[]> running;
    private transient JobMetrics.Count late;
    private transient JobMetrics.Count lateByArrival;
    private transient KeyedArrivalBuffer<CountDelta> arrivals;

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "area-counts-arrivals",
                TypeInformation.of(CountDelta.class), Canonical.COUNT_DELTAS);
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
        buckets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("hourly-buckets", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        running = getRuntimeContext().getState(
                new ValueStateDescriptor<>("running-counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        late = JobMetrics.of(getRuntimeContext()).lateRecords();
        lateByArrival = JobMetrics.of(getRuntimeContext()).lateByArrival("area-counts");
    }

    @Override
    public void processElement(CountDelta delta, Context ctx, Collector<AreaCounts> out) throws Exception {
        Long stamped = ctx.timestamp();
        long arrival = stamped == null ? delta.appendedAt() : stamped;
        if (!arrivals.offer(ctx.getCurrentKey(), delta, arrival, ctx.timerService())) {
            lateByArrival.increment();
            long now = ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark());
            long[] state = runningOrRebuilt(now, ctx.timerService());
            if (apply(delta, now, state, ctx)) {
                if (nextPublication(now) > ctx.timerService().currentWatermark()) {
                    markDirty(state, now, Long.MIN_VALUE, ctx.timerService());
                } else {
                    // The boundary is the watermark itself: a timer there would run this key's timer work
                    // at that time (its exits) a second time. Published at once instead.
                    publish(ctx.getCurrentKey(), state, out);
                }
            }
            store(state);
        }
    }

    /**
     * Applies one change at {@code now} on the arrival clock: it enters the windows it has not left.
     *
     * @return whether the counts changed (the rules were told; the area's map entry is then due)
     */
    private boolean apply(CountDelta delta, long now, long[] state, Context ctx) throws Exception {
        long hour = HourlyCounts.hourOf(delta.eventTime());
        long[] change = HourlyCounts.single(delta.feed(), delta.category(), delta.weapon(), delta.delta());
        long[] before = counts(state);
        boolean entered = HourlyCounts.enter(state, change, hour, now);
        if (HourlyCounts.exit(hour, 0) <= now) {
            late.increment(); // it arrived after leaving a window: those windows never hold it
        }
        if (!entered) {
            return false; // it has left every window already: nothing to count, nothing to keep
        }
        long[] bucket = buckets.get(hour);
        if (bucket == null) {
            bucket = HourlyCounts.emptyBucket();
            // A bucket's exits are registered once, when it is created: later reports of the hour share them.
            for (long exit : HourlyCounts.exits(hour)) {
                if (exit > now) {
                    ctx.timerService().registerEventTimeTimer(exit);
                }
            }
        }
        for (int i = 0; i < bucket.length; i++) {
            bucket[i] += change[i];
        }
        if (HourlyCounts.isZero(bucket)) {
            buckets.remove(hour); // its exits find nothing and change nothing
        } else {
            buckets.put(hour, bucket);
        }
        state[CLOCK] = Math.max(state[CLOCK], now);
        return tellRules(ctx.getCurrentKey(), before, state, delta.appendedAt(), ctx);
    }

    /**
     * At {@code time}: first the window exits due then (the windows end at {@code time}), then the
     * changes that arrived at {@code time}, in canonical order; then, on a publication boundary, the
     * area's counts if they changed since the last one.
     */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<AreaCounts> out) throws Exception {
        // Exits at this time are still to be applied: rebuild as of just before it.
        long[] state = runningOrRebuilt(time - 1, ctx.timerService());
        boolean changed = exits(time, state, ctx);
        for (CountDelta delta : arrivals.release(ctx.getCurrentKey(), time)) {
            changed |= apply(delta, time, state, ctx);
        }
        if (changed) {
            markDirty(state, time, time, ctx.timerService());
        }
        if (state[DIRTY] != 0 && isPublication(time)) {
            publish(ctx.getCurrentKey(), state, out);
        }
        store(state);
    }

    /** The area's full counts for the map, as of its clock; nothing is left unpublished. */
    private static void publish(String key, long[] state, Collector<AreaCounts> out) {
        int colon = key.indexOf(':');
        out.collect(new AreaCounts(key.substring(0, colon), key.substring(colon + 1), state[CLOCK], counts(state)));
        state[DIRTY] = 0;
    }

    private boolean exits(long time, long[] state, OnTimerContext ctx) throws Exception {
        if (buckets.isEmpty()) {
            return false;
        }
        long[] before = counts(state);
        for (int w = 0; w < HourlyCounts.windows(); w++) {
            long hour = HourlyCounts.exitingHour(w, time);
            long[] bucket = buckets.get(hour);
            if (bucket != null) {
                HourlyCounts.leave(state, bucket, w);
                if (w == HourlyCounts.windows() - 1) {
                    buckets.remove(hour);
                }
            }
        }
        state[CLOCK] = Math.max(state[CLOCK], time);
        return tellRules(ctx.getCurrentKey(), before, state, 0L, ctx);
    }

    /** The rules hear of every change at once (per record: an alert within a second of its record). */
    private static boolean tellRules(String key, long[] before, long[] state, long appendedAt, Context ctx) {
        long[] counts = counts(state);
        if (java.util.Arrays.equals(before, counts)) {
            return false;
        }
        // The key is CountDelta.areaKey(): layer, the first colon, area code (split without an array per change).
        int colon = key.indexOf(':');
        ctx.output(METRICS, CountMetrics.update(key.substring(0, colon), key.substring(colon + 1), state[CLOCK], before,
                counts, appendedAt));
        return true;
    }

    /**
     * The area's map entry is due at the next publication boundary at or after {@code now}: a timer
     * there, unless it is {@code timerTime}, the timer being handled (it publishes at its end).
     */
    private static void markDirty(long[] state, long now, long timerTime, org.apache.flink.streaming.api.TimerService timers) {
        state[DIRTY] = 1;
        long due = nextPublication(now);
        if (due != timerTime) { // only ever after timerTime: within a timer call, now is timerTime
            timers.registerEventTimeTimer(due);
        }
    }

    /** The first publication boundary at or after {@code time}. */
    static long nextPublication(long time) {
        return Math.floorDiv(time + PUBLICATION_MILLIS - 1, PUBLICATION_MILLIS) * PUBLICATION_MILLIS;
    }

    private static boolean isPublication(long time) {
        return Math.floorMod(time, PUBLICATION_MILLIS) == 0;
    }

    /** Keeps the running state while a bucket or an unpublished change is left; clears it after. */
    private void store(long[] state) throws Exception {
        if (buckets.isEmpty() && state[DIRTY] == 0) {
            running.clear(); // every bucket has left every window and the zeros are published
        } else {
            running.update(state);
        }
    }

    /**
     * The area's running state; when there is none but buckets exist (state restored from a job
     * version that kept only buckets and emitted at hour boundaries), the sums are rebuilt from the
     * buckets for the windows whose exits are after {@code clock}, so old checkpoints restore. Each
     * window entered gets its exit timer (the watermark restarts from nothing after a restore, so an
     * exit that already happened is simply applied again at the first watermark, consistently).
     */
    private long[] runningOrRebuilt(long clock, org.apache.flink.streaming.api.TimerService timers) throws Exception {
        long[] state = running.value();
        if (state != null) {
            // Job versions that published every change kept no DIRTY slot: nothing of theirs is unpublished.
            return state.length == STATE_LENGTH ? state : java.util.Arrays.copyOf(state, STATE_LENGTH);
        }
        state = new long[STATE_LENGTH];
        state[CLOCK] = Long.MIN_VALUE;
        for (java.util.Map.Entry<Long, long[]> bucket : buckets.entries()) {
            HourlyCounts.enter(state, bucket.getValue(), bucket.getKey(), clock);
            for (long exit : HourlyCounts.exits(bucket.getKey())) {
                if (exit > clock) {
                    timers.registerEventTimeTimer(exit);
                }
            }
        }
        return state;
    }

    private static long[] counts(long[] state) {
        return java.util.Arrays.copyOf(state, CountVocabulary.SIZE);
    }
}
