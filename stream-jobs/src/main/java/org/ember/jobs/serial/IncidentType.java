package org.ember.jobs.serial;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.ember.model.Incident;

/**
 * The type of the ingested incident streams: {@link IncidentSerializer} on the network.
 */
public final class IncidentType extends TypeInformation<Incident> {
    private static final long serialVersionUID = 1L;
    public static final IncidentType INFO = new IncidentType();

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
    public Class<Incident> getTypeClass() {
        return Incident.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Incident> createSerializer(SerializerConfig config) {
        return IncidentSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Incident (Ember's field serializer)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IncidentType;
    }

    @Override
    public int hashCode() {
        return IncidentType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof IncidentType;
    }
}
