package org.ember.rules.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ember.model.Alert;
import org.ember.rules.AreaNames;
import org.ember.rules.MetricLookup;
import org.ember.rules.Rule;
import org.ember.rules.RuleSet;

/**
 * Evaluates the rules in force over one area's metrics, in event time, and says which alerts fire
 * and resolve. Pure: the caller keeps the {@link AreaState} (Flink keyed state in the job, a map in
 * {@code ember rules test}) and sets timers at {@link #deadlines}, so the job, rule unit tests and
 * backtests run exactly this code.
 *
 * <p>Lifecycle of a rule on an area, all in event time:
 * <ul>
 *   <li>inactive → <b>pending</b> when {@code when} starts to hold (not published); pending →
 *       inactive if it stops holding before {@code for} has passed;</li>
 *   <li>pending → <b>firing</b> once {@code when} has held for {@code for} (published, at exactly
 *       since + for); with {@code for: 0} straight to firing;</li>
 *   <li>firing → <b>resolved</b> once the resolve condition (default: {@code when} no longer holds)
 *       has held for {@code keep_firing_for} (published, at the end of that time). If it stops
 *       holding meanwhile, the alert simply keeps firing.</li>
 * </ul>
 * Conditions only change when a metric does, so a deadline that passed between two updates is
 * applied at its own time, before the later update.
 */
public final class RuleEvaluator {
    /**
     * A metric not updated for this long (then to the next midnight UTC, so that an area updated
     * every hour keeps one expiry timer a day, not one per update) is dropped, as if it had fallen to zero.
     */
    public static final long METRIC_TTL_MILLIS = Duration.ofDays(8).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    public static final String REASON_RULE_CHANGED = "rule changed or removed by a rule reload";

    private final AlertFactory alerts;
    private RuleSet indexed;
    private Map<String, List<Rule>> byLayer = Map.of();
    private Map<String, Rule> byStateKey = Map.of();

    public RuleEvaluator(AreaNames names) {
        this.alerts = new AlertFactory(names);
    }

    /**
     * The outcome of one evaluation.
     *
     * @param state       the area's new state ({@link AreaState#isEmpty()} when nothing is left to keep)
     * @param transitions published transitions, in event-time order
     */
    public record Step(AreaState state, List<Alert> transitions) {}

    /** Applies new metric values (a zero removes the metric) at {@code time} and evaluates every rule of the area. */
    public Step update(RuleSet rules, String layer, String areaId, AreaState state, long time, Map<String, Double> values) {
        return run(rules, layer, areaId, state, time, values, true);
    }

    /** Moves the area's clock to {@code time} (a timer): applies the deadlines and expiries due by then. */
    public Step advance(RuleSet rules, String layer, String areaId, AreaState state, long time) {
        return run(rules, layer, areaId, state, time, null, false);
    }

    /**
     * After a reload: resolves, at {@code time}, the alerts of rules that are no longer in force (removed,
     * or edited so their state key changed) and forgets their pending states. Rules new to the set are
     * evaluated at the area's next update.
     */
    public Step retire(RuleSet rules, String layer, String areaId, AreaState state, long time) {
        index(rules);
        long t = Math.max(time, state.lastTime());
        Map<String, RuleState> ruleStates = new HashMap<>(state.rules());
        List<Alert> out = new ArrayList<>();
        retireOrphans(ruleStates, layer, areaId, state.values(), t, out);
        return new Step(new AreaState(state.metrics(), ruleStates, state.lastTime(), state.lastUpdate()), out);
    }

    /**
     * Remembers the rules of a set about to be replaced, so {@link #retire} can resolve their alerts
     * with their own labels and annotations.
     */
    public void remember(RuleSet previous) {
        for (Rule rule : previous.rules()) {
            formerRules.put(rule.stateKey(), rule);
        }
    }

    /**
     * The event times at which the area's state changes by itself (a {@code for} or
     * {@code keep_firing_for} ending, metrics expiring): where the caller sets timers.
     */
    public SortedSet<Long> deadlines(RuleSet rules, AreaState state) {
        index(rules);
        SortedSet<Long> due = new TreeSet<>();
        for (Map.Entry<String, RuleState> entry : state.rules().entrySet()) {
            if (!hasDeadline(entry.getValue())) {
                continue; // firing: no deadline whatever the rule, so no need to look it up
            }
            Rule rule = byStateKey.get(entry.getKey());
            if (rule != null) {
                long deadline = deadline(rule, entry.getValue());
                if (deadline != Long.MAX_VALUE) {
                    due.add(deadline);
                }
            }
        }
        if (!state.metrics().isEmpty()) {
            due.add(expiry(state.lastUpdate()));
        }
        return due;
    }

    /**
     * Whether two states of an area have the same {@link #deadlines} under any one rule set: the same
     * rule-state map (an evaluation that changes no rule state hands the map on as the same instance)
     * and the same metric expiry. Why: the caller moves its timers from one state's deadlines to the
     * other's after every update, and most updates change neither, so both sets need not be built.
     */
    public static boolean sameDeadlines(AreaState a, AreaState b) {
        if (a.rules() != b.rules() || a.metrics().isEmpty() != b.metrics().isEmpty()) {
            return false;
        }
        return a.metrics().isEmpty() || expiry(a.lastUpdate()) == expiry(b.lastUpdate());
    }

    /**
     * Whether one of {@link #deadlines} is at or before {@code time}: what a timer asks before it
     * advances the area. Why not {@code deadlines(..).first()}: a timer fires for every arrival as
     * well, and building the sorted set of deadlines just to look at its first was an eighth of
     * the rule stage's samples in the year backtest.
     *
     * <p>Why a rule is looked up only for a pending or resolving state whose phase began by
     * {@code time}: a timer fires for every arrival, and looking up every state's rule was three
     * quarters of this method's samples. A firing state has no deadline, and one whose phase began
     * after {@code time} has none by then when every wait is non-negative ({@link #waitsBounded}).
     */
    public boolean dueBy(RuleSet rules, AreaState state, long time) {
        index(rules);
        if (!state.metrics().isEmpty() && expiry(state.lastUpdate()) <= time) {
            return true;
        }
        for (Map.Entry<String, RuleState> entry : state.rules().entrySet()) {
            RuleState rs = entry.getValue();
            if (!hasDeadline(rs) || (waitsBounded && notDueBy(phaseStart(rs), time))) {
                continue;
            }
            Rule rule = byStateKey.get(entry.getKey());
            if (rule != null) {
                long deadline = deadline(rule, entry.getValue());
                if (deadline != Long.MAX_VALUE && deadline <= time) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The alerts pending or firing on the area now, as they would be published (for rule unit tests). */
    public List<Alert> active(RuleSet rules, String layer, String areaId, AreaState state, long time) {
        index(rules);
        List<Alert> out = new ArrayList<>();
        AlertFactory.Place place = null;
        MetricLookup values = state::value;
        for (Map.Entry<String, RuleState> entry : state.rules().entrySet()) {
            Rule rule = byStateKey.get(entry.getKey());
            if (rule == null) {
                continue;
            }
            if (place == null) {
                place = alerts.place(layer, areaId);
            }
            RuleState rs = entry.getValue();
            String published = rs.isFiring() ? Alert.FIRING : RuleState.PENDING;
            out.add(alerts.create(rule, place, rs, published, time, values, null));
        }
        return out;
    }

    private Step run(RuleSet rules, String layer, String areaId, AreaState state, long time, Map<String, Double> values,
            boolean evaluate) {
        index(rules);
        List<Rule> candidates = byLayer.getOrDefault(layer, List.of());
        long t = Math.max(time, state.lastTime());
        MetricValues metrics = state.values();
        RuleStates ruleStates = new RuleStates(state.rules());
        long lastUpdate = state.lastUpdate();
        List<Alert> out = new ArrayList<>();
        Scope scope = new Scope(layer, areaId);

        // Deadlines and expiry that fell between the previous evaluation and now, in time order.
        while (true) {
            long next = Long.MAX_VALUE;
            Rule nextRule = null;
            boolean tie = false;
            for (Map.Entry<String, RuleState> entry : ruleStates.entrySet()) {
                if (!hasDeadline(entry.getValue())) {
                    continue; // firing: never the next deadline, whatever the rule
                }
                Rule rule = byStateKey.get(entry.getKey());
                if (rule != null) {
                    long d = deadline(rule, entry.getValue());
                    tie |= d == next && d != Long.MAX_VALUE;
                    if (d < next) {
                        next = d;
                        nextRule = rule;
                        tie = false;
                    }
                }
            }
            if (tie && next <= t && !ruleStates.copied()) {
                // Equal deadlines go in the hash-map copy's order, as they always did: search that.
                ruleStates.copy();
                continue;
            }
            long expiry = metrics.isEmpty() ? Long.MAX_VALUE : expiry(lastUpdate);
            if (Math.min(next, expiry) > t) {
                break;
            }
            if (expiry < next) {
                metrics = MetricValues.EMPTY;
                for (Rule rule : candidates) {
                    if (scope.matches(rule)) {
                        evaluate(rule, ruleStates, scope, metrics, expiry, out);
                    }
                }
            } else {
                applyDeadline(nextRule, ruleStates, scope, metrics, next, out);
            }
        }

        if (values != null) {
            metrics = metrics.with(values);
            lastUpdate = t;
        }
        if (evaluate) {
            for (Rule rule : candidates) {
                if (scope.matches(rule)) {
                    evaluate(rule, ruleStates, scope, metrics, t, out);
                }
            }
        }
        retireOrphans(ruleStates, layer, areaId, metrics, t, out);
        AreaState next = new AreaState(metrics, ruleStates.current(), t, metrics.isEmpty() ? Long.MIN_VALUE : lastUpdate);
        return new Step(next.isEmpty() ? AreaState.EMPTY : next, out);
    }

    /** Alert factory inputs for one area, resolved lazily: names are looked up only when an alert is made. */
    private final class Scope {
        final String layer;
        final String areaId;
        private AlertFactory.Place place;
        private boolean ladKnown;
        private String lad;

        Scope(String layer, String areaId) {
            this.layer = layer;
            this.areaId = areaId;
        }

        boolean matches(Rule rule) {
            if (rule.areas().ids().isEmpty() && rule.areas().within().isEmpty()) {
                return true;
            }
            if (!ladKnown && !rule.areas().within().isEmpty()) {
                lad = place().lad();
                ladKnown = true;
            }
            return rule.areas().matches(layer, areaId, lad);
        }

        AlertFactory.Place place() {
            if (place == null) {
                place = alerts.place(layer, areaId);
            }
            return place;
        }
    }

    private void evaluate(Rule rule, Map<String, RuleState> ruleStates, Scope scope, MetricValues metrics, long at,
            List<Alert> out) {
        MetricLookup values = metrics::value;
        RuleState current = ruleStates.get(rule.stateKey());
        if (current == null) {
            if (rule.when().holds(values)) {
                RuleState pending = RuleState.pending(at);
                if (rule.forMillis() == 0) {
                    RuleState firing = pending.fire(at);
                    ruleStates.put(rule.stateKey(), firing);
                    out.add(alerts.create(rule, scope.place(), firing, Alert.FIRING, at, values, null));
                } else {
                    ruleStates.put(rule.stateKey(), pending);
                }
            }
        } else if (current.isPending()) {
            if (!rule.when().holds(values)) {
                ruleStates.remove(rule.stateKey());
            }
        } else if (current.isResolving()) {
            if (!rule.resolves(values)) {
                ruleStates.put(rule.stateKey(), current.backToFiring());
            }
        } else if (rule.resolves(values)) {
            if (rule.keepFiringForMillis() == 0) {
                ruleStates.remove(rule.stateKey());
                out.add(alerts.create(rule, scope.place(), current, Alert.RESOLVED, at, values, null));
            } else {
                ruleStates.put(rule.stateKey(), current.resolving(at));
            }
        }
    }

    private void applyDeadline(Rule rule, Map<String, RuleState> ruleStates, Scope scope, MetricValues metrics,
            long at, List<Alert> out) {
        MetricLookup values = metrics::value;
        RuleState current = ruleStates.get(rule.stateKey());
        if (current.isPending()) {
            RuleState firing = current.fire(at);
            ruleStates.put(rule.stateKey(), firing);
            out.add(alerts.create(rule, scope.place(), firing, Alert.FIRING, at, values, null));
        } else {
            ruleStates.remove(rule.stateKey());
            out.add(alerts.create(rule, scope.place(), current, Alert.RESOLVED, at, values, null));
        }
    }

    private void retireOrphans(Map<String, RuleState> ruleStates, String layer, String areaId, MetricValues metrics,
            long at, List<Alert> out) {
        if (ruleStates.isEmpty()) {
            return;
        }
        List<String> orphans = new ArrayList<>();
        for (String key : ruleStates.keySet()) {
            if (!byStateKey.containsKey(key)) {
                orphans.add(key);
            }
        }
        if (orphans.isEmpty()) {
            return;
        }
        orphans.sort(null);
        AlertFactory.Place place = alerts.place(layer, areaId);
        for (String key : orphans) {
            RuleState gone = ruleStates.remove(key);
            Rule former = formerRules.get(key);
            if (gone.isFiring() && former != null) {
                out.add(alerts.create(former, place, gone, Alert.RESOLVED, at, metrics::value, REASON_RULE_CHANGED));
            }
        }
    }

    /** When metrics last updated at {@code lastUpdate} expire. */
    public static long expiry(long lastUpdate) {
        return Math.floorDiv(lastUpdate + METRIC_TTL_MILLIS + DAY - 1, DAY) * DAY;
    }

    /** Whether the state can have a deadline at all: pending or resolving, not plain firing (see {@link #deadline}). */
    private static boolean hasDeadline(RuleState state) {
        return state.isPending() || state.isResolving();
    }

    /** When the phase that ends at a deadline began (for a state that {@link #hasDeadline}). */
    private static long phaseStart(RuleState state) {
        return state.isPending() ? state.since() : state.resolvingSince();
    }

    private static long deadline(Rule rule, RuleState state) {
        if (state.isPending()) {
            return state.since() + rule.forMillis();
        }
        if (state.isResolving()) {
            return state.resolvingSince() + rule.keepFiringForMillis();
        }
        return Long.MAX_VALUE;
    }

    /**
     * Rules of earlier rule sets, by state key, so an alert of a rule that a reload removed can still be
     * resolved with its own name and labels.
     */
    private final Map<String, Rule> formerRules = new HashMap<>();

    /**
     * Whether every rule's {@code for} and {@code keep_firing_for} is between 0 and
     * {@link #LONGEST_WAIT}: then a deadline is never before its phase's start, and a start below
     * {@link #LATEST_START} plus a wait does not overflow. Otherwise {@link #dueBy} looks every rule
     * up, as it used to.
     */
    private boolean waitsBounded;
    private static final long LONGEST_WAIT = Long.MAX_VALUE / 4;
    private static final long LATEST_START = Long.MAX_VALUE - LONGEST_WAIT;

    private static boolean waitsBounded(RuleSet rules) {
        for (Rule rule : rules.rules()) {
            if (rule.forMillis() < 0 || rule.forMillis() > LONGEST_WAIT || rule.keepFiringForMillis() < 0
                    || rule.keepFiringForMillis() > LONGEST_WAIT) {
                return false;
            }
        }
        return true;
    }

    /** With {@link #waitsBounded}: a phase that began at {@code start} has no deadline at or before {@code time}. */
    private static boolean notDueBy(long start, long time) {
        return start > time && start < LATEST_START;
    }

    private void index(RuleSet rules) {
        if (rules == indexed) {
            return;
        }
        Map<String, List<Rule>> layers = new HashMap<>();
        Map<String, Rule> keys = new HashMap<>();
        for (Rule rule : rules.rules()) {
            layers.computeIfAbsent(rule.areas().layer(), l -> new ArrayList<>()).add(rule);
            keys.put(rule.stateKey(), rule);
        }
        formerRules.putAll(byStateKey);
        waitsBounded = waitsBounded(rules);
        byLayer = layers;
        byStateKey = keys;
        indexed = rules;
    }
}
