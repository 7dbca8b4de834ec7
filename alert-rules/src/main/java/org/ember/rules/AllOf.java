package org.ember.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Holds when every one of its conditions holds. */
public record AllOf(List<Condition> conditions) implements Condition {
    private static final long serialVersionUID = 1L;

    public AllOf {
        conditions = List.copyOf(conditions);
    }

    @Override
    public boolean holds(MetricLookup values) {
        for (Condition c : conditions) {
            if (!c.holds(values)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<Comparison> comparisons() {
        List<Comparison> all = new ArrayList<>();
        conditions.forEach(c -> all.addAll(c.comparisons()));
        return all;
    }

    @Override
    public String text() {
        return conditions.stream().map(Condition::text).collect(Collectors.joining(", ", "all(", ")"));
    }
}
