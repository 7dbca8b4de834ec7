package org.ember.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Holds when at least one of its conditions holds. */
public record AnyOf(List<Condition> conditions) implements Condition {
    private static final long serialVersionUID = 1L;

    public AnyOf {
        conditions = List.copyOf(conditions);
    }

    @Override
    public boolean holds(MetricLookup values) {
        for (Condition c : conditions) {
            if (c.holds(values)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Comparison> comparisons() {
        List<Comparison> all = new ArrayList<>();
        conditions.forEach(c -> all.addAll(c.comparisons()));
        return all;
    }

    @Override
    public String text() {
        return conditions.stream().map(Condition::text).collect(Collectors.joining(", ", "any(", ")"));
    }
}
