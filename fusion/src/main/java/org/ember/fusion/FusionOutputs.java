package org.ember.fusion;

import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;

/** Where one local authority's analytics publish: the Flink collector and side outputs, or lists in tests. */
public interface FusionOutputs {
    void hotspot(HotspotUpdate update);

    void metrics(AreaMetrics metrics);

    void tension(TensionUpdate update);

    /**
     * Whether anything reads the tension updates. When nothing does (a backtest keeps only alerts,
     * rule events and dead letters), a published tension's explanation (its inputs' details and
     * evidence, the risk's contributions) is not built: the score and level still go into the
     * area's labels, which decide what is published next, so every other output is the same.
     */
    default boolean tensionRead() {
        return true;
    }
}
