package org.ember.fusion;

import java.util.List;
import java.util.Map;

/**
 * What was last published for a cell, area or cluster, so the next evaluation publishes only
 * changes and can say "cleared" when something disappears.
 *
 * @param values  metric values as published
 * @param labels  categorical facts (Gi* bin, emerging category, tension level, …)
 * @param members cluster members, or empty
 */
public record Published(Map<String, Double> values, Map<String, String> labels, List<String> members) {
    public Published {
        values = Map.copyOf(values);
        labels = Map.copyOf(labels);
        members = List.copyOf(members);
    }
}
