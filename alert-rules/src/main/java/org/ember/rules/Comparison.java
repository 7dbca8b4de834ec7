package org.ember.rules;

import java.util.List;

/**
 * One metric compared with a number, e.g. {@code count{window=24h,feed=any,category=weapon} >= 2}.
 *
 * @param metric    canonical metric name (labels in the family's order)
 * @param operator  comparison
 * @param threshold the number compared with
 */
public record Comparison(String metric, Operator operator, double threshold) implements Condition {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean holds(MetricLookup values) {
        return operator.test(values.value(metric), threshold);
    }

    @Override
    public List<Comparison> comparisons() {
        return List.of(this);
    }

    @Override
    public String text() {
        return metric + " " + operator.symbol() + " " + Numbers.format(threshold);
    }
}
