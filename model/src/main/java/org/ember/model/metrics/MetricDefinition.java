package org.ember.model.metrics;

import java.util.List;
import java.util.Map;

/**
 * One metric family of the vocabulary rule files may use.
 *
 * @param name        family name, e.g. {@code count} or {@code tension_score}
 * @param labels      label names in canonical order, with the values each may take (empty list = any)
 * @param layers      area layers the metric exists for
 * @param description one sentence for docs and for `rules check`
 */
public record MetricDefinition(String name, Map<String, List<String>> labels, List<String> layers, String description) {
    public MetricDefinition {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        layers = List.copyOf(layers);
    }
}
