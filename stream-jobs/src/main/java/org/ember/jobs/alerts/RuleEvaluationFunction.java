package org.ember.jobs.alerts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ember.geo.area.AreaCatalogue;
import org.ember.jobs.JobSettings;
import org.ember.jobs.metrics.JobMetrics;
import org.ember.jobs.order.ArrivalOrder;
import org.ember.jobs.order.Canonical;
import org.ember.jobs.order.KeyedArrivalBuffer;
import org.ember.jobs.records.RawFeedRecord;
import org.ember.model.Alert;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.RuleFileException;
import org.ember.rules.RuleFileLoader;
import org.ember.rules.RuleSet;
import org.ember.rules.areas.CatalogueAreas;
import org.ember.rules.eval.AreaState;
import org.ember.rules.eval.RuleEvaluator;
import org.ember.rules.snapshot.RuleEvent;
import org.ember.rules.snapshot.RuleSnapshot;
import org.ember.rules.snapshot.RuleSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by area, with the rule snapshots broadcast to every task: keeps the latest value of each
 * metric of the area and the state of its pending and firing rules, evaluates on every metric
 * update the moment it arrives and at every {@code for}/{@code keep_firing_for} deadline and metric
 * expiry (event-time timers), and emits alert transitions.
 *
 * <p>The clock is arrival time: an update is evaluated once the watermark passes the arrival of
 * the record that caused it (tens of milliseconds), with every update of the area that arrived at
 * the same time, in canonical order ({@link Canonical#AREA_METRICS}); at one time the deadlines due
 * go first. Count and fusion updates reach this task on separate channels, so without this order
 * the same input could give different alerts. See docs/rules.md, "When rules are evaluated" and
 * "Determinism".
 *
 * <p>The rule set in force is the one the job started with (version 0) until a snapshot on
 * {@code ember.rules} with a higher version arrives and loads without problems; it then goes into
 * broadcast state (so it survives restarts) and every task uses it. An invalid or older snapshot
 * changes nothing. What happened is reported on {@link #RULE_EVENTS} by the first task.
 *
 * <p>State per area is one {@link AreaState}; it is cleared once the area's metrics are all zero
 * and nothing is pending or firing, and the timers that are no longer needed are deleted.
 */
public final class RuleEvaluationFunction extends KeyedBroadcastProcessFunction<String, AreaMetrics, RawFeedRecord, Alert>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluationFunction.class);

    /** Broadcast state: the accepted snapshot's JSON under "snapshot", its "version:hash" under "version". */
    public static final MapStateDescriptor<String, String> RULES_IN_FORCE =
            new MapStateDescriptor<>("rules-in-force", Types.STRING, Types.STRING);
    public static final OutputTag<RuleEvent> RULE_EVENTS = new OutputTag<>("rule-events", TypeInformation.of(RuleEvent.class));
    static final ValueStateDescriptor<AreaState> AREA_STATE =
            new ValueStateDescriptor<>("area-rule-state", TypeInformation.of(AreaState.class));
    /**
     * State of job versions that held updates back until the watermark passed them: each waiting
     * update still has its timer, so a restored one is applied when its timer fires (see onTimer).
     */
    static final MapStateDescriptor<Long, java.util.Map<String, Double>> LEGACY_WAITING = new MapStateDescriptor<>(
            "waiting-metric-updates", Types.LONG, Types.MAP(Types.STRING, Types.DOUBLE));
    private static final String SNAPSHOT = "snapshot";
    private static final String VERSION = "version";

    private final JobSettings settings;
    private transient RuleEvaluator evaluator;
    private transient RuleFileLoader loader;
    private transient ValueState<AreaState> area;
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
    private transient org.apache.flink.api.common.state.MapState<Long, java.util.Map<String, Double>> legacyWaiting;
    /**
     * False when the job started afresh: only a restore can bring {@link #LEGACY_WAITING} entries
     * (nothing writes them any more), and looking the map state up at every timer for nothing was
     * a tenth of the rule stage's samples in the year backtest.
     */
    private transient boolean mayHoldLegacyWaiting;
    private transient KeyedArrivalBuffer<AreaMetrics> arrivals;
    private transient JobMetrics.Count lateByArrival;

    public RuleEvaluationFunction(JobSettings settings) {
        this.settings = settings;
    }

    /** Before {@code open}: the arrival buffer, with what waited at the checkpoint for this subtask's keys. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        arrivals = KeyedArrivalBuffer.of(context, getRuntimeContext(), "rule-evaluation-arrivals",
                TypeInformation.of(AreaMetrics.class), Canonical.AREA_METRICS);
        mayHoldLegacyWaiting = context.isRestored();
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
        CatalogueAreas areas = new CatalogueAreas(AreaCatalogue.load(Path.of(settings.dataDir()), settings.coverage()));
        evaluator = new RuleEvaluator(areas);
        loader = new RuleFileLoader(areas);
        area = getRuntimeContext().getState(AREA_STATE);
        current = settings.rules();
        currentVersion = null;
        inForceKnown = false;
        metrics = JobMetrics.of(getRuntimeContext());
        ruleVersion = metrics.ruleVersion();
        latency = metrics.recordToAlertLatency();
        legacyWaiting = getRuntimeContext().getMapState(LEGACY_WAITING);
        lateByArrival = metrics.lateByArrival("rule-evaluation");
    }

    @Override
    public void processElement(AreaMetrics metrics, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        Long stamped = ctx.timestamp();
        long arrival = stamped == null ? metrics.asOf() : stamped;
        if (!arrivals.offer(ctx.getCurrentKey(), metrics, arrival, ctx.timerService())) {
            lateByArrival.increment();
            RuleSet rules = rulesInForce(ctx);
            apply(ctx.getCurrentKey(), metrics, rules,
                    ArrivalOrder.lateClock(arrival, ctx.timerService().currentWatermark()), ctx.timerService(), out);
        }
    }

    /** Evaluates the area's rules on one update, at {@code now} on the arrival clock. */
    private void apply(String key, AreaMetrics metrics, RuleSet rules, long now, TimerService timers,
            Collector<Alert> out)
            throws Exception {
        AreaState before = stateOrEmpty();
        keep(key, before, applied(metrics, rules, now, before, out), rules, timers);
    }

    /** The area's state after one update at {@code now}, its transitions emitted; nothing stored yet. */
    private AreaState applied(AreaMetrics metrics, RuleSet rules, long now, AreaState state, Collector<Alert> out) {
        RuleEvaluator.Step step = evaluator.update(rules, metrics.layer(), metrics.areaId(), state, now,
                metrics.values());
        emit(step.transitions(), metrics.appendedAt(), out);
        return step.state();
    }

    /**
     * At {@code timestamp}: first the deadlines and expiries due then ({@code for},
     * {@code keep_firing_for}), then the updates that arrived then, in canonical order. The state is
     * read once and stored once, and the timers moved once from the first state's deadlines to the
     * last one's: the same timers as storing after every step, without a state and timer round trip
     * per update.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        java.util.Map<String, Double> restored = mayHoldLegacyWaiting ? legacyWaiting.get(timestamp) : null;
        if (restored != null) {
            legacyWaiting.remove(timestamp);
        }
        AreaState before = stateOrEmpty();
        AreaState state = before;
        RuleSet rules = rulesInForce(ctx);
        if (restored != null) {
            String key = ctx.getCurrentKey();
            int colon = key.indexOf(':');
            RuleEvaluator.Step step = evaluator.update(rules, key.substring(0, colon), key.substring(colon + 1), state,
                    timestamp, restored);
            emit(step.transitions(), 0L, out);
            state = step.state();
        } else if (!state.isEmpty() && evaluator.dueBy(rules, state, timestamp)) {
            String key = ctx.getCurrentKey();
            int colon = key.indexOf(':');
            RuleEvaluator.Step step = evaluator.advance(rules, key.substring(0, colon), key.substring(colon + 1), state,
                    timestamp);
            emit(step.transitions(), 0L, out);
            state = step.state();
        }
        for (AreaMetrics metrics : arrivals.release(ctx.getCurrentKey(), timestamp)) {
            state = applied(metrics, rules, timestamp, state, out);
        }
        if (state != before) {
            keep(ctx.getCurrentKey(), before, state, rules, ctx.timerService());
        }
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

    /** Stores the new state and moves the timers from the old state's deadlines to the new one's. */
    private void keep(String key, AreaState before, AreaState after, RuleSet rules, TimerService timers) throws Exception {
        SortedSet<Long> old = before.isEmpty() ? new TreeSet<>() : evaluator.deadlines(rules, before);
        SortedSet<Long> needed = after.isEmpty() ? new TreeSet<>() : evaluator.deadlines(rules, after);
        for (long t : old) {
            if (!needed.contains(t)) {
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
