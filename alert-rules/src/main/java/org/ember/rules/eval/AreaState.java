package org.ember.rules.eval;

import java.util.Map;

/**
 * Everything the evaluator keeps for one area: the latest non-zero value of each metric and the
 * state of each pending or firing rule, keyed by {@link org.ember.rules.Rule#stateKey()}. An area
 * with no metrics and nothing pending or firing keeps nothing at all.
 *
 * @param metrics    canonical metric name → latest value (zeros are dropped: absent reads as 0)
 * @param rules      rule state key → state
 * @param lastTime   event time of the area's latest evaluation; time never runs backwards for an area
 * @param lastUpdate event time of the latest metric update, from which stale metrics expire
 */
public record AreaState(Map<String, Double> metrics, Map<String, RuleState> rules, long lastTime, long lastUpdate) {
    public static final AreaState EMPTY = new AreaState(Map.of(), Map.of(), Long.MIN_VALUE, Long.MIN_VALUE);

    public AreaState {
        // Sorted arrays, not a hash map: the evaluator merges a dozen updates into hundreds of metrics per record.
        metrics = MetricValues.of(metrics);
        rules = Map.copyOf(rules);
    }

    public boolean isEmpty() {
        return metrics.isEmpty() && rules.isEmpty();
    }

    public double value(String metric) {
        return values().value(metric);
    }

    /** The metrics as the evaluator reads and merges them. */
    MetricValues values() {
        return (MetricValues) metrics;
    }
}
