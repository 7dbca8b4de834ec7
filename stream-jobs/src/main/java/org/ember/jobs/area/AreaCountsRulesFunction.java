package org.ember.jobs.area;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.counts.CountMetrics;
import org.ember.rules.counts.HourlyCounts;
import org.ember.rules.eval.AreaState;
import org.ember.rules.eval.RuleEvaluator;
import org.ember.rules.snapshot.RuleEvent;
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
 * <p><b>Counts</b> ({@link AreaCountKeeper}). Reports are kept in one bucket per event-time hour, only so that each bucket can
 * leave each window on a timer at its {@link HourlyCounts#exit}. Event time decides membership: a
 * change applied at {@code now} enters the windows its event hour has not left by {@code now}; one
 * that arrives after leaving the 1 h window is counted as late ({@code ember.records.late}); one that
 * has left every window changes nothing. A correction's −1 takes the old version out of the windows
 * that still hold it. The area's full counts for the map ({@link #COUNTS}, {@code ember.hotspots})
 * are coalesced: published at the next multiple of {@link AreaCountKeeper#PUBLICATION_MILLIS} of the arrival clock
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
 * of the others needs that time ({@link AreaCountKeeper#needs}). A timer that fires with nothing due at its
 * time changes nothing. State is cleared once every bucket has left every window, the zeros are
 * published, the area's metrics are all zero and nothing is pending or firing.
 */
public final class AreaCountsRulesFunction
        extends KeyedBroadcastProcessFunction<String, Either<CountDelta, AreaMetrics>, RawFeedRecord, Alert>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AreaCountsRulesFunction.class);

    /** Broadcast state: the accepted snapshot's JSON under "snapshot", its "version:hash" under "version". */
    public static final MapStateDescriptor<String, String> RULES_IN_FORCE = RulesInForce.DESCRIPTOR;
    public static final OutputTag<RuleEvent> RULE_EVENTS = new OutputTag<>("rule-events", TypeInformation.of(RuleEvent.class));
    /** Every area's full counts at each publication boundary where they changed (for ember.hotspots). */
    public static final OutputTag<AreaCounts> COUNTS = new OutputTag<>("area-counts", TypeInformation.of(AreaCounts.class));
    static final ValueStateDescriptor<AreaState> AREA_STATE =
            new ValueStateDescriptor<>("area-rule-state", TypeInformation.of(AreaState.class));

    private final JobSettings settings;

    private transient AreaCountKeeper counting;
    private transient ValueState<AreaState> area;
    private transient KeyedArrivalBuffer<Either<CountDelta, AreaMetrics>> arrivals;

    private transient RuleEvaluator evaluator;
    private transient RulesInForce rules;
    private transient JobMetrics metrics;
    private transient java.util.concurrent.atomic.AtomicLong ruleVersion;
    private transient JobMetrics.Latency latency;
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
        countUpdates = sink; // before open: the keeper is made there
    }

    @Override
    public void open(OpenContext context) {
        metrics = JobMetrics.of(getRuntimeContext());
        counting = new AreaCountKeeper(getRuntimeContext(), metrics.lateRecords());
        counting.recordUpdates(countUpdates);
        area = getRuntimeContext().getState(AREA_STATE);
        CatalogueAreas areas = new CatalogueAreas(AreaCatalogue.load(Path.of(settings.dataDir()), settings.coverage()));
        evaluator = new RuleEvaluator(areas);
        rules = new RulesInForce(new RuleFileLoader(areas), settings.rules());
        ruleVersion = metrics.ruleVersion();
        latency = metrics.recordToAlertLatency();
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
        RuleSet inForce = rulesInForce(ctx);
        AreaState before = stateOrEmpty();
        AreaState state = before;
        long[] counts = counting.running();
        if (input.isLeft()) {
            counts = counts != null ? counts : AreaCountKeeper.empty();
            AreaMetrics update = counting.enter(key, input.left(), now, counts, timers);
            if (update != null) {
                state = applied(update, inForce, now, state, out);
                if (AreaCountKeeper.nextPublication(now) > timers.currentWatermark()) {
                    AreaCountKeeper.markDirty(counts, now, Long.MIN_VALUE, timers);
                } else {
                    // The boundary is the watermark itself: a timer there would run this key's timer work
                    // at that time (its exits) a second time. Published at once instead.
                    ctx.output(COUNTS, AreaCountKeeper.publish(key, counts));
                }
            }
            counting.store(counts);
        } else {
            state = applied(input.right(), inForce, now, before, out);
        }
        if (state != before) {
            keep(key, before, state, inForce, counts, timers);
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
        RuleSet inForce = rulesInForce(ctx);
        AreaState before = stateOrEmpty();
        AreaState state = before;
        if (!state.isEmpty() && evaluator.dueBy(inForce, state, time)) {
            int colon = key.indexOf(':');
            RuleEvaluator.Step step = evaluator.advance(inForce, key.substring(0, colon), key.substring(colon + 1), state,
                    time);
            emit(step.transitions(), 0L, out);
            state = step.state();
        }
        long[] counts = counting.running();
        AreaMetrics exited = counting.exit(key, time, counts);
        boolean changed = exited != null;
        if (changed) {
            state = applied(exited, inForce, time, state, out);
        }
        for (Either<CountDelta, AreaMetrics> input : arrivals.release(key, time)) {
            if (input.isLeft()) {
                counts = counts != null ? counts : AreaCountKeeper.empty();
                AreaMetrics update = counting.enter(key, input.left(), time, counts, timers);
                if (update != null) {
                    changed = true;
                    state = applied(update, inForce, time, state, out);
                }
            } else {
                state = applied(input.right(), inForce, time, state, out);
            }
        }
        if (counts != null) {
            if (changed) {
                AreaCountKeeper.markDirty(counts, time, time, timers);
            }
            boolean keepsBuckets = counting.settle(counts, time);
            if (AreaCountKeeper.publishesAt(counts, time)) {
                ctx.output(COUNTS, AreaCountKeeper.publish(key, counts));
            }
            counting.store(counts, keepsBuckets);
        }
        if (state != before) {
            keep(key, before, state, inForce, counts, timers);
        }
    }

    /** The area's rule state after one update at {@code now}, its transitions emitted; nothing stored yet. */
    private AreaState applied(AreaMetrics update, RuleSet inForce, long now, AreaState state, Collector<Alert> out) {
        RuleEvaluator.Step step = evaluator.update(inForce, update.layer(), update.areaId(), state, now, update.values());
        emit(step.transitions(), update.appendedAt(), out);
        return step.state();
    }

    @Override
    public void processBroadcastElement(RawFeedRecord record, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RULES_IN_FORCE);
        RuleSet inForce = rules.read(state);
        RuleSnapshots.Decision decision = RuleSnapshots.decide(record.value(), inForce, rules.loader(),
                System.currentTimeMillis());
        if (decision.ruleSet() != null) {
            RuleSet accepted = decision.ruleSet();
            rules.accept(state, record.value(), accepted);
            evaluator.remember(inForce);
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

    /** The rule set in force, read from broadcast state only after a (re)start. */
    private RuleSet rulesInForce(ReadOnlyContext ctx) throws Exception {
        return rules.known() ? rules.current() : rules.read(ctx.getBroadcastState(RULES_IN_FORCE));
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
     * one's (unless they are the same: {@link RuleEvaluator#sameDeadlines}); a timer the counts or
     * waiting inputs still need stays.
     */
    private void keep(String key, AreaState before, AreaState after, RuleSet inForce, long[] counts, TimerService timers)
            throws Exception {
        if (!RuleEvaluator.sameDeadlines(before, after)) {
            moveTimers(key, before, after, inForce, counts, timers);
        }
        if (after.isEmpty()) {
            area.clear();
        } else {
            area.update(after);
        }
    }

    private void moveTimers(String key, AreaState before, AreaState after, RuleSet inForce, long[] counts,
            TimerService timers) throws Exception {
        SortedSet<Long> old = before.isEmpty() ? new TreeSet<>() : evaluator.deadlines(inForce, before);
        SortedSet<Long> needed = after.isEmpty() ? new TreeSet<>() : evaluator.deadlines(inForce, after);
        for (long t : old) {
            if (!needed.contains(t) && !counting.needs(t, counts)) {
                arrivals.deleteTimer(key, t, timers);
            }
        }
        for (long t : needed) {
            if (!old.contains(t)) {
                timers.registerEventTimeTimer(t);
            }
        }
    }
}
