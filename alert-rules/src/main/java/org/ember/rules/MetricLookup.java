package org.ember.rules;

/**
 * The latest value of each metric of one area. A metric never published, or published as zero,
 * reads as 0: the evaluator forgets zeros to keep its state small, so absent and zero must mean
 * the same thing.
 */
@FunctionalInterface
public interface MetricLookup {
    double value(String canonicalMetric);
}
