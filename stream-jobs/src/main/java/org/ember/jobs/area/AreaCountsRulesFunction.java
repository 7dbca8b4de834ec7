package org.ember.jobs.area;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.geo.area.AreaCatalogue;
import org.ember.jobs.JobSettings;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.ArrivalOrder;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.jobs.records.CountDelta;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Alert;
import org.ember.model.AreaCounts;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.counts.CountMetrics;
import org.ember.rules.counts.HourlyCounts;
import org.ember.rules.eval.AreaState;
import org.ember.rules.eval.RuleEvaluator;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;
import org.ember.rules.snapshot.RuleSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by area, with the rule snapshots broadcast to every task: keeps the area's hourly counts
 * (running 1 h, 24 h and 7 day sums) and evaluates its rules on every change of them and on every
 * update of its other metrics (the fusion stage's), in one operator. Counts and rules used to be two
 * keyed stages with a shuffle, a second arrival buffer and an {@link AreaMetrics} per count change on
 * the network between them (docs/benchmarks-throughput.md); the rules now read a count change where
 * it is made.
 *
 * <p><b>Counts.</b> Reports are kept in one bucket per event-time hour, only so that each bucket can
 * leave each window on a timer at its {@link HourlyCounts#exit}. Event time decides membership: a
 * change applied at {@code now} enters the windows its event hour has not left by {@code now}; one
 * that arrives after leaving the 1 h window is counted as late ({@code ember.records.late}); one that
 * has left every window changes nothing. A correction's −1 takes the old version out of the windows
 * that still hold it. The area's full counts for the map ({@link #COUNTS}, {@code ember.hotspots})
 * are coalesced: published at the next multiple of {@link #PUBLICATION_MILLIS} of the arrival clock
 * after a change, once however many reports came in between.
 *
 * <p><b>Rules.</b> The latest value of each metric of the area and the state of its pending and
 * firing rules ({@link AreaState}); evaluated on every update, and at every {@code for} /
 * {@code keep_firing_for} deadline and metric expiry (event-time timers). A count change reaches the
 * rules as the update the counts stage used to send ({@link CountMetrics#update}: the counts that
 * changed, zeros included).
 *
 * <p><b>Order.</b> The clock is arrival time: inputs are applied in canonical order
 * ({@link AreaInputs#CANONICAL}) once the watermark passes their arrival ({@link KeyedArrivalBuffer}).
 * At one time {@code t}, exactly as the two stages did it: the rule deadlines due at {@code t}, then
 * the window exits due at {@code t} (their count update), then the count changes that arrived at
 * {@code t}, then the other metric updates that arrived at {@code t}; then, on a publication boundary,
 * the area's counts. An input the watermark has already passed is applied at once at
 * {@link ArrivalOrder#lateClock}.
 *
 * <p><b>Rule sets.</b> The one the job started with (version 0) until a snapshot on {@code ember.rules}
 * with a higher version arrives and loads without problems; it then goes into broadcast state and
 * every task uses it. An invalid or older snapshot changes nothing. What happened is reported on
 * {@link #RULE_EVENTS} by the first task.
 *
 * <p><b>Timers.</b> One timer service serves the counts (exits, publication), the rules (deadlines)
 * and the arrival buffer, so the rules delete a deadline timer they no longer need only when neither
 * of the others needs that time ({@link #countsNeed}). A timer that fires with nothing due at its
 * time changes nothing. State is cleared once every bucket has left every window, the zeros are
 * published, the area's metrics are all zero and nothing is pending or firing.
 */
public final class AreaCountsRulesFunction
        extends KeyedBroadcastProcessFunction<String, Either<CountDelta, AreaMetrics>, RawFeedRecord, Alert>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AreaCountsRulesFunction.class);

    /** Broadcast state: the accepted snapshot's JSON under "snapshot", its "version:hash" under "version". */
    public static final MapStateDescriptor<String, String> RULES_IN_FORCE =
            new MapStateDescriptor<>("rules-in-force", Types.STRING, Types.STRING);
    public static final OutputTag<RuleEvent> RULE_EVENTS = new OutputTag<>("rule-events", TypeInformation.of(RuleEvent.class));
    /** Every area's full counts at each publication boundary where they changed (for ember.hotspots). */
    public static final OutputTag<AreaCounts> COUNTS = new OutputTag<>("area-counts", TypeInformation.of(AreaCounts.class));
    static final ValueStateDescriptor<AreaState> AREA_STATE =
            new ValueStateDescriptor<>("area-rule-state", TypeInformation.of(AreaState.class));

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
    private static final String SNAPSHOT = "snapshot";
    private static final String VERSION = "version";

    private final JobSettings settings;

    private transient MapState<Long, long[]> buckets;
    /**
     * The running window counts (indexed by {@link CountVocabulary}) followed by the area's clock (the
     * newest time applied, so that what is published never goes back in time) and the DIRTY flag. One
     * array, so a report costs one value read and write.
     */
    private transient ValueState<long[]> running;
    private transient ValueState<AreaState> area;
    private transient KeyedArrivalBuffer<Either<CountDelta, AreaMetrics>> arrivals;

    private transient RuleEvaluator evaluator;
    private transient RuleFileLoader loader;
    private transient RuleSet current;
    private transient String currentVersion;
    /**
     * Whether {@link #current} is known to be the rule set in broadcast state: once read after a
     * (re)start, the state only changes in {@link #processBroadcastElement}, which sets both, so a
     * timer or an update need not look the broadcast state up again (a map probe per call).
     */
    private transient boolean inForceKnown;

    private transient JobMetrics metrics;
    private transient java.util.concurrent.atomic.AtomicLong ruleVersion;
    private transient JobMetrics.Latency latency;
    private transient JobMetrics.Count late;
    private transient JobMetrics.Count lateByArrival;
    /** Tests only: every count update the rules read, in order (null in the job). */
    private transient List<AreaMetrics> countUpdates;

    public AreaCountsRulesFunction(JobSettings settings) {
        this.settings = settings;
    }

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "area-arrivals", AreaInputs.STATE,
                AreaInputs.CANONICAL);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        arrivals.snapshot();
    }

    /** (Key, arrival time) slots whose inputs wait in task memory: none once the stage has drained. */
    int waitingArrivals() {
        return arrivals.waitingSlots();
    }

    /** Tests: collect every count update the rules read into {@code sink}. */
    void recordCountUpdates(List<AreaMetrics> sink) {
        countUpdates = sink;
    }

    @Override
    public void open(OpenContext context) {
        buckets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("hourly-buckets", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        running = getRuntimeContext().getState(
                new ValueStateDescriptor<>("running-counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        area = getRuntimeContext().getState(AREA_STATE);
        CatalogueAreas areas = new CatalogueAreas(AreaCatalogue.load(Path.of(settings.dataDir()), settings.coverage()));
        evaluator = new RuleEvaluator(areas);
        loader = new RuleFileLoader(areas);
        current = settings.rules();
        currentVersion = null;
        inForceKnown = false;
        metrics = JobMetrics.of(getRuntimeContext());
        ruleVersion = metrics.ruleVersion();
        latency = metrics.recordToAlertLatency();
        late = metrics.lateRecords();
        lateByArrival = metrics.lateByArrival("area-counts-rules");
    }

    @Override
    public void processElement(Either<CountDelta, AreaMetrics> input, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        Long stamped = ctx.timestamp();
        long arrival = stamped != null ? stamped : input.isLeft() ? input.left().appendedAt() : input.right().asOf();
        String key = ctx.getCurrentKey();
        TimerService timers = ctx.timerService();
        if (arrivals.offer(key, input, arrival, timers)) {
            return;
        }
        lateByArrival.increment();
        long now = ArrivalOrder.lateClock(arrival, timers.currentWatermark());
        RuleSet rules = rulesInForce(ctx);
        AreaState before = stateOrEmpty();
        AreaState state;
        long[] counts = running.value();
        if (input.isLeft()) {
            counts = counts != null ? counts : emptyCounts();
            Applied applied = applyDelta(key, input.left(), now, counts, before, rules, timers, out);
            state = applied.rules;
            if (applied.changed) {
                if (nextPublication(now) > timers.currentWatermark()) {
                    markDirty(counts, now, Long.MIN_VALUE, timers);
                } else {
                    // The boundary is the watermark itself: a timer there would run this key's timer work
                    // at that time (its exits) a second time. Published at once instead.
                    publish(key, counts, ctx);
                }
            }
            store(counts);
        } else {
            state = applied(input.right(), rules, now, before, out);
        }
        if (state != before) {
            keep(key, before, state, rules, counts, timers);
        }
    }

    /**
     * At {@code time}: the rule deadlines due then, the window exits due then (the windows end at
     * {@code time}), the count changes that arrived at {@code time}, then the other updates that
     * arrived then; then, on a publication boundary, the area's counts if they changed since the last
     * one. Each state is read once and stored once; the rule timers move once, from the first rule
     * state's deadlines to the last one's.
     */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        String key = ctx.getCurrentKey();
        TimerService timers = ctx.timerService();
        RuleSet rules = rulesInForce(ctx);
        AreaState before = stateOrEmpty();
        AreaState state = before;
        if (!state.isEmpty() && evaluator.dueBy(rules, state, time)) {
            int colon = key.indexOf(':');
            RuleEvaluator.Step step = evaluator.advance(rules, key.substring(0, colon), key.substring(colon + 1), state,
                    time);
            emit(step.transitions(), 0L, out);
            state = step.state();
        }
        // No running counts: no bucket and nothing unpublished (see store), so no counts work at this time
        // unless a count change arrived (most timers of fusion-only areas and cells).
        long[] counts = running.value();
        boolean changed = false;
        if (counts != null && !buckets.isEmpty()) {
            long[] previous = counts(counts);
            exits(time, counts);
            AreaMetrics update = countUpdate(key, previous, counts, 0L);
            if (update != null) {
                changed = true;
                state = applied(update, rules, time, state, out);
            }
        }
        for (Either<CountDelta, AreaMetrics> input : arrivals.release(key, time)) {
            if (input.isLeft()) {
                counts = counts != null ? counts : emptyCounts();
                Applied applied = applyDelta(key, input.left(), time, counts, state, rules, timers, out);
                changed |= applied.changed;
                state = applied.rules;
            } else {
                state = applied(input.right(), rules, time, state, out);
            }
        }
        if (counts != null) {
            if (changed) {
                markDirty(counts, time, time, timers);
            }
            if (counts[DIRTY] != 0 && isPublication(time)) {
                publish(key, counts, ctx);
            }
            store(counts);
        }
        if (state != before) {
            keep(key, before, state, rules, counts, timers);
        }
    }

    /** The counts after one change and the rule state after the update it made, if any. */
    private record Applied(boolean changed, AreaState rules) {}

    /**
     * Applies one count change at {@code now} on the arrival clock: it enters the windows it has not
     * left; when the counts change the rules read the update at once.
     */
    private Applied applyDelta(String key, CountDelta delta, long now, long[] counts, AreaState state, RuleSet rules,
            TimerService timers, Collector<Alert> out) throws Exception {
        long hour = HourlyCounts.hourOf(delta.eventTime());
        long[] change = HourlyCounts.single(delta.feed(), delta.category(), delta.weapon(), delta.delta());
        long[] previous = counts(counts);
        boolean entered = HourlyCounts.enter(counts, change, hour, now);
        if (HourlyCounts.exit(hour, 0) <= now) {
            late.increment(); // it arrived after leaving a window: those windows never hold it
        }
        if (!entered) {
            return new Applied(false, state); // it has left every window already: nothing to count, nothing to keep
        }
        long[] bucket = buckets.get(hour);
        if (bucket == null) {
            bucket = HourlyCounts.emptyBucket();
            // A bucket's exits are registered once, when it is created: later reports of the hour share them.
            for (long exit : HourlyCounts.exits(hour)) {
                if (exit > now) {
                    timers.registerEventTimeTimer(exit);
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
        counts[CLOCK] = Math.max(counts[CLOCK], now);
        AreaMetrics update = countUpdate(key, previous, counts, delta.appendedAt());
        if (update == null) {
            return new Applied(false, state);
        }
        return new Applied(true, applied(update, rules, now, state, out));
    }

    /** The buckets whose windows end at {@code time} leave them. */
    private void exits(long time, long[] counts) throws Exception {
        for (int w = 0; w < HourlyCounts.windows(); w++) {
            long hour = HourlyCounts.exitingHour(w, time);
            long[] bucket = buckets.get(hour);
            if (bucket != null) {
                HourlyCounts.leave(counts, bucket, w);
                if (w == HourlyCounts.windows() - 1) {
                    buckets.remove(hour);
                }
            }
        }
        counts[CLOCK] = Math.max(counts[CLOCK], time);
    }

    /**
     * The update the rules read for a change of the counts (the counts that changed, zeros included),
     * or null when they did not change.
     */
    private AreaMetrics countUpdate(String key, long[] previous, long[] counts, long appendedAt) {
        long[] now = counts(counts);
        if (java.util.Arrays.equals(previous, now)) {
            return null;
        }
        // The key is layer, the first colon, area code (split without an array per change).
        int colon = key.indexOf(':');
        AreaMetrics update = CountMetrics.update(key.substring(0, colon), key.substring(colon + 1), counts[CLOCK],
                previous, now, appendedAt);
        if (countUpdates != null) {
            countUpdates.add(update);
        }
        return update;
    }

    /** The area's rule state after one update at {@code now}, its transitions emitted; nothing stored yet. */
    private AreaState applied(AreaMetrics update, RuleSet rules, long now, AreaState state, Collector<Alert> out) {
        RuleEvaluator.Step step = evaluator.update(rules, update.layer(), update.areaId(), state, now, update.values());
        emit(step.transitions(), update.appendedAt(), out);
        return step.state();
    }

    /** The area's full counts for the map, as of its clock; nothing is left unpublished. */
    private static void publish(String key, long[] counts, ReadOnlyContext ctx) {
        int colon = key.indexOf(':');
        ctx.output(COUNTS, new AreaCounts(key.substring(0, colon), key.substring(colon + 1), counts[CLOCK],
                counts(counts)));
        counts[DIRTY] = 0;
    }

    /**
     * The area's map entry is due at the next publication boundary at or after {@code now}: a timer
     * there, unless it is {@code timerTime}, the timer being handled (it publishes at its end).
     */
    private static void markDirty(long[] counts, long now, long timerTime, TimerService timers) {
        counts[DIRTY] = 1;
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

    /**
     * Whether the counts have a timer at {@code time} they still need: a bucket's exit, or the
     * publication of an unpublished change. The rules must not delete such a timer.
     */
    private boolean countsNeed(long time, long[] counts) throws Exception {
        if (counts == null) {
            return false; // no bucket, nothing unpublished
        }
        if (counts[DIRTY] != 0 && isPublication(time)) {
            return true;
        }
        for (int w = 0; w < HourlyCounts.windows(); w++) {
            if (buckets.contains(HourlyCounts.exitingHour(w, time))) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the running state while a bucket or an unpublished change is left; clears it after. */
    private void store(long[] counts) throws Exception {
        if (buckets.isEmpty() && counts[DIRTY] == 0) {
            running.clear(); // every bucket has left every window and the zeros are published
        } else {
            running.update(counts);
        }
    }

    /**
     * Running counts of an area that has none: no running state is kept only when no bucket is and
     * nothing is unpublished (see {@link #store}); this operator never restores the state of the
     * separate counts stage it replaced, which kept buckets without running sums (see AreaStage).
     */
    private static long[] emptyCounts() {
        long[] counts = new long[STATE_LENGTH];
        counts[CLOCK] = Long.MIN_VALUE;
        return counts;
    }

    private static long[] counts(long[] counts) {
        return java.util.Arrays.copyOf(counts, CountVocabulary.SIZE);
    }

    @Override
    public void processBroadcastElement(RawFeedRecord record, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RULES_IN_FORCE);
        RuleSet inForce = rulesInForce(state);
        RuleSnapshots.Decision decision = RuleSnapshots.decide(record.value(), inForce, loader, System.currentTimeMillis());
        if (decision.ruleSet() != null) {
            RuleSet accepted = decision.ruleSet();
            state.put(SNAPSHOT, new String(record.value(), StandardCharsets.UTF_8));
            state.put(VERSION, versionKey(accepted));
            evaluator.remember(inForce);
            current = accepted;
            currentVersion = versionKey(accepted);
            inForceKnown = true;
            long now = ctx.currentWatermark();
            // Alerts of rules that were removed or edited resolve now, on every area of this task.
            ctx.applyToKeyedState(AREA_STATE, (key, areaState) -> {
                AreaState before = areaState.value();
                if (before == null) {
                    return;
                }
                String[] parts = key.split(":", 2);
                RuleEvaluator.Step step = evaluator.retire(accepted, parts[0], parts[1], before, now);
                emit(step.transitions(), 0L, out);
                if (step.state().isEmpty()) {
                    areaState.clear();
                } else {
                    areaState.update(step.state());
                }
            });
            LOG.info("Rule set {} in force ({} rules)", accepted.label(), accepted.rules().size());
        } else {
            LOG.warn("Rule snapshot {} {}: {}", decision.event().version(), decision.event().outcome(), decision.event().problems());
        }
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            metrics.ruleSnapshots(decision.event().outcome()).increment();
            if (RuleEvent.ACCEPTED.equals(decision.event().outcome())) {
                ruleVersion.set(decision.event().version());
            }
            ctx.output(RULE_EVENTS, decision.event());
        }
    }

    /** The rule set of the broadcast state, compiled once per version per task. */
    private RuleSet rulesInForce(ReadOnlyContext ctx) throws Exception {
        if (!inForceKnown) {
            rulesInForce(ctx.getBroadcastState(RULES_IN_FORCE));
            inForceKnown = true;
        }
        return current;
    }

    private RuleSet rulesInForce(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String version = state.get(VERSION);
        if (version == null || version.equals(currentVersion)) {
            return current;
        }
        RuleSnapshot snapshot = RuleSnapshot.parse(state.get(SNAPSHOT).getBytes(StandardCharsets.UTF_8));
        try {
            current = loader.load(snapshot.sources(), snapshot.version());
        } catch (RuleFileException e) {
            // It loaded when it was accepted; only a change of vocabulary or areas between job versions gets here.
            LOG.error("Rule snapshot {} in state no longer loads; keeping {}: {}", version, current.label(), e.getMessage());
        }
        currentVersion = version;
        return current;
    }

    private static String versionKey(RuleSet rules) {
        return rules.version() + ":" + rules.contentHash();
    }

    private AreaState stateOrEmpty() throws Exception {
        AreaState state = area.value();
        return state == null ? AreaState.EMPTY : state;
    }

    /**
     * Publishes transitions stamped with the processing time and the tipping record's append time
     * ({@code appendedAt}, 0 when a timer or a rule reload caused them), and measures record → alert.
     */
    private void emit(List<Alert> transitions, long appendedAt, Collector<Alert> out) {
        if (transitions.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Alert alert : transitions) {
            if (Alert.FIRING.equals(alert.state())) {
                metrics.alertsRaised(alert.rule()).increment();
            }
            if (appendedAt > 0) {
                latency.record(Math.max(0, now - appendedAt), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            out.collect(alert.stamped(now, appendedAt));
        }
    }

    /**
     * Stores the new rule state and moves the rule timers from the old state's deadlines to the new
     * one's; a timer the counts or waiting inputs still need stays.
     */
    private void keep(String key, AreaState before, AreaState after, RuleSet rules, long[] counts, TimerService timers)
            throws Exception {
        SortedSet<Long> old = before.isEmpty() ? new TreeSet<>() : evaluator.deadlines(rules, before);
        SortedSet<Long> needed = after.isEmpty() ? new TreeSet<>() : evaluator.deadlines(rules, after);
        for (long t : old) {
            if (!needed.contains(t) && !countsNeed(t, counts)) {
                arrivals.deleteTimer(key, t, timers);
            }
        }
        for (long t : needed) {
            if (!old.contains(t)) {
                timers.registerEventTimeTimer(t);
            }
        }
        if (after.isEmpty()) {
            area.clear();
        } else {
            area.update(after);
        }
    }
}
