package org.ember.model.metrics;

import java.util.Map;

/**
 * Some metrics of one area at one event time, as rules read them. Stages publish what they know
 * (the counts stage its counts, the fusion stage exceedance, tension, near-repeat risk, …); the
 * rule evaluator keeps the latest value of each metric per area and evaluates whenever one changes.
 *
 * @param layer  "lsoa", "lad" or "cell"
 * @param areaId area code or cell id
 * @param asOf   event time the values hold at, epoch milliseconds
 * @param source which stage produced them, e.g. "counts" or "fusion"
 * @param values metric name (see {@link MetricVocabulary}) to value
 * @param appendedAt when the input record that caused this update was appended to Kafka, epoch
 *               milliseconds; 0 when a timer caused it or the time is not known
 */
public record AreaMetrics(String layer, String areaId, long asOf, String source, Map<String, Double> values,
        long appendedAt) {
    public AreaMetrics {
        // A MetricUpdate is immutable already (and never hashed: see there); anything else is copied.
        values = values instanceof MetricUpdate ? values : Map.copyOf(values);
    }

    /** An update not caused by a record of known append time. */
    public AreaMetrics(String layer, String areaId, long asOf, String source, Map<String, Double> values) {
        this(layer, areaId, asOf, source, values, 0L);
    }

    public String areaKey() {
        return layer + ":" + areaId;
    }
}
