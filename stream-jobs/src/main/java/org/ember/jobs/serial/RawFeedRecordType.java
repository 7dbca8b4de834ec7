package org.ember.jobs.serial;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.ember.jobs.records.RawFeedRecord;

/**
 * The type of every raw feed record stream, found by Flink's type extraction through
 * {@code @TypeInfo} on {@link RawFeedRecord} (so the Kafka and in-memory sources, filters and
 * broadcasts all use it): {@link RawFeedRecordSerializer}.
 */
public final class RawFeedRecordType extends OwnSerializerType<RawFeedRecord> {
    private static final long serialVersionUID = 1L;
    public static final RawFeedRecordType INFO = new RawFeedRecordType();

    /** What {@code @TypeInfo} names: always this type. */
    public static final class Factory extends TypeInfoFactory<RawFeedRecord> {
        @Override
        public TypeInformation<RawFeedRecord> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return INFO;
        }
    }

    private RawFeedRecordType() {
        super(RawFeedRecord.class, RawFeedRecordSerializer.INSTANCE, "RawFeedRecord (Ember's serializer, handed on uncopied)");
    }
}
