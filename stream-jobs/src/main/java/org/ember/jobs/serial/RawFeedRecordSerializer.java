package org.ember.jobs.serial;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.ember.jobs.records.RawFeedRecord;

/**
 * Writes a {@link RawFeedRecord} field by field, and "copies" it by handing on the same record.
 *
 * <p>Flink copies every record between chained operators when object reuse is off (it is, job-wide).
 * As a POJO the raw record was copied by reflection with its bytes cloned, twice per record in the
 * ingest chain (source → arrival time → ingest): ~8 % of the police ingest thread
 * (docs/benchmarks-throughput.md). Handing on the same record is safe because nothing changes one:
 * a Java record's fields are final, and no reader writes into its {@code value} bytes (ingest's
 * parser and redactor, the intervention parser, the rule snapshot and control parsers only read
 * them; {@code RawFeedRecordSerializerTest} checks the readers leave the bytes as they were).
 *
 * <p>Only used on the network and between chained operators, never in state: no operator keeps a
 * raw record (the rule broadcast state holds strings).
 */
public final class RawFeedRecordSerializer extends ImmutableRecordSerializer<RawFeedRecord> {
    private static final long serialVersionUID = 1L;
    public static final RawFeedRecordSerializer INSTANCE = new RawFeedRecordSerializer();
    private static final int NO_VALUE = -1;

    @Override
    public RawFeedRecord createInstance() {
        return new RawFeedRecord(null, 0, 0L, 0L, null);
    }

    @Override
    public void serialize(RawFeedRecord record, DataOutputView out) throws IOException {
        StringValue.writeString(record.topic(), out); // null-safe
        out.writeInt(record.partition());
        out.writeLong(record.offset());
        out.writeLong(record.timestamp());
        byte[] value = record.value();
        if (value == null) {
            out.writeInt(NO_VALUE);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    @Override
    public RawFeedRecord deserialize(DataInputView in) throws IOException {
        String topic = StringValue.readString(in);
        int partition = in.readInt();
        long offset = in.readLong();
        long timestamp = in.readLong();
        int length = in.readInt();
        byte[] value = null;
        if (length != NO_VALUE) {
            value = new byte[length];
            in.readFully(value);
        }
        return new RawFeedRecord(topic, partition, offset, timestamp, value);
    }

    @Override
    public TypeSerializerSnapshot<RawFeedRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawFeedRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
