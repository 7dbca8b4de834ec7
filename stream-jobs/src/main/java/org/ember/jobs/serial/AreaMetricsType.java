package org.ember.jobs.serial;

import org.ember.model.metrics.AreaMetrics;

/**
 * The type of every per-area metric stream (counts and fusion both publish one, and the rules
 * read their union, so both must declare this same type): {@link AreaMetricsSerializer}.
 */
public final class AreaMetricsType extends OwnSerializerType<AreaMetrics> {
    private static final long serialVersionUID = 1L;
    public static final AreaMetricsType INFO = new AreaMetricsType();

    private AreaMetricsType() {
        super(AreaMetrics.class, AreaMetricsSerializer.INSTANCE, "AreaMetrics (Ember's coded serializer)");
    }
}
