package org.ember.geo.cluster;

import java.util.List;

/**
 * What one add or expire changed: every point whose label or core status changed (arrivals and
 * expiries included, see {@link LabelChange}), ordered by point arrival.
 */
public record ClusterUpdate(List<LabelChange> changes) {
    public ClusterUpdate {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
