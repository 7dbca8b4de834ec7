package org.ember.jobs.serial;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.ember.jobs.records.RawFeedRecord;

/**
 * The type of every raw feed record stream, found by Flink's type extraction through
 * {@code @TypeInfo} on {@link RawFeedRecord} (so the Kafka and in-memory sources, filters and
 * broadcasts all use it): {@link RawFeedRecordSerializer}.
 */
public final class RawFeedRecordType extends TypeInformation<RawFeedRecord> {
    private static final long serialVersionUID = 1L;
    public static final RawFeedRecordType INFO = new RawFeedRecordType();

    /** What {@code @TypeInfo} names: always this type. */
    public static final class Factory extends TypeInfoFactory<RawFeedRecord> {
        @Override
        public TypeInformation<RawFeedRecord> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return INFO;
        }
    }

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
    public Class<RawFeedRecord> getTypeClass() {
        return RawFeedRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RawFeedRecord> createSerializer(SerializerConfig config) {
        return RawFeedRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "RawFeedRecord (Ember's serializer, handed on uncopied)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawFeedRecordType;
    }

    @Override
    public int hashCode() {
        return RawFeedRecordType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RawFeedRecordType;
    }
}
