package org.ember.jobs.fusion;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Counters of the fusion stage, in the global Micrometer registry (exported as
 * {@code ember_fusion_…_total}): links made, corrections and cancellations applied, stale
 * versions ignored, and reports that arrived after event time had passed them.
 */
final class FusionMetrics {
    private FusionMetrics() {}

    /** Linked-incident changes by kind: created, joined, corrected, left, cancelled. */
    static Counter links(String change) {
        return Counter.builder("ember.fusion.links").description("Linked-incident changes by kind").tag("change", change)
                .register(Metrics.globalRegistry);
    }

    /** Partner corrections and cancellations that changed linked incidents and everything they fed. */
    static Counter corrections(String kind) {
        return Counter.builder("ember.fusion.corrections").description("Corrections and cancellations applied by fusion")
                .tag("kind", kind).register(Metrics.globalRegistry);
    }

    /** Reports older than the watermark when they arrived: linked and counted in their own windows anyway. */
    static Counter late(String stage) {
        return Counter.builder("ember.fusion.late").description("Reports that arrived after event time passed them")
                .tag("stage", stage).register(Metrics.globalRegistry);
    }
}
