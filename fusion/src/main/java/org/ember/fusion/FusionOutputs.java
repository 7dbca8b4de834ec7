package org.ember.fusion;

import org.ember.model.fusion.HotspotUpdate;
import org.ember.model.fusion.TensionUpdate;
import org.ember.model.metrics.AreaMetrics;

/** Where one local authority's analytics publish: the Flink collector and side outputs, or lists in tests. */
public interface FusionOutputs {
    void hotspot(HotspotUpdate update);

    void metrics(AreaMetrics metrics);

    void tension(TensionUpdate update);
}
