package org.ember.jobs.serial;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.ember.model.metrics.AreaMetrics;

/**
 * The type of every per-area metric stream (counts and fusion both publish one, and the rules
 * read their union, so both must declare this same type): {@link AreaMetricsSerializer}.
 */
public final class AreaMetricsType extends TypeInformation<AreaMetrics> {
    private static final long serialVersionUID = 1L;
    public static final AreaMetricsType INFO = new AreaMetricsType();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<AreaMetrics> getTypeClass() {
        return AreaMetrics.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<AreaMetrics> createSerializer(SerializerConfig config) {
        return AreaMetricsSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "AreaMetrics (Ember's coded serializer)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AreaMetricsType;
    }

    @Override
    public int hashCode() {
        return AreaMetricsType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof AreaMetricsType;
    }
}
