package org.ember.jobs.serial;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;
import org.ember.model.Incident;

/**
 * Writes an {@link Incident} between tasks field by field. Flink's record serializer reads each of its
 * twenty fields by reflection, boxes the primitives and builds the record through a reflective
 * constructor call; every ingested record crosses at least one shuffle this way (two with fusion on).
 * Null strings are marked in one bit mask. Only used on the network: the corrections stage keeps its
 * incidents in state with Flink's own serializer, whose format this does not touch.
 */
public final class IncidentSerializer extends TypeSerializerSingleton<Incident> {
    private static final long serialVersionUID = 1L;
    public static final IncidentSerializer INSTANCE = new IncidentSerializer();

    private static final int CANCELLED = 1;
    private static final int WEAPON = 2;
    private static final int PRECISE = 4;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Incident createInstance() {
        return new Incident("", "", 1, false, 0L, 0L, "", false, null, 0, 0, 0, 0, false, null, null, null, null, null, 0L);
    }

    @Override
    public Incident copy(Incident from) {
        return from;
    }

    @Override
    public Incident copy(Incident from, Incident reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Incident i, DataOutputView out) throws IOException {
        String[] strings = strings(i);
        int nulls = 0;
        for (int k = 0; k < strings.length; k++) {
            if (strings[k] == null) {
                nulls |= 1 << k;
            }
        }
        out.writeShort(nulls);
        out.writeByte((i.cancelled() ? CANCELLED : 0) | (i.weapon() ? WEAPON : 0) | (i.precise() ? PRECISE : 0));
        out.writeInt(i.version());
        out.writeLong(i.eventTime());
        out.writeLong(i.reportedTime());
        out.writeLong(i.appendedAt());
        out.writeDouble(i.lon());
        out.writeDouble(i.lat());
        out.writeDouble(i.easting());
        out.writeDouble(i.northing());
        for (String s : strings) {
            if (s != null) {
                StringValue.writeString(s, out);
            }
        }
    }

    @Override
    public Incident deserialize(DataInputView in) throws IOException {
        int nulls = in.readShort();
        int flags = in.readByte();
        int version = in.readInt();
        long eventTime = in.readLong();
        long reportedTime = in.readLong();
        long appendedAt = in.readLong();
        double lon = in.readDouble();
        double lat = in.readDouble();
        double easting = in.readDouble();
        double northing = in.readDouble();
        String[] s = new String[STRINGS];
        for (int k = 0; k < STRINGS; k++) {
            s[k] = (nulls & (1 << k)) != 0 ? null : StringValue.readString(in);
        }
        return new Incident(s[0], s[1], version, (flags & CANCELLED) != 0, eventTime, reportedTime, s[2],
                (flags & WEAPON) != 0, s[3], lon, lat, easting, northing, (flags & PRECISE) != 0, s[4], s[5], s[6], s[7],
                s[8], appendedAt);
    }

    private static final int STRINGS = 9;

    private static String[] strings(Incident i) {
        return new String[] {i.feed(), i.sourceId(), i.category(), i.ageBand(), i.lsoa(), i.lad(), i.cell(),
            i.personPseudonym(), i.detail()};
    }

    @Override
    public Incident deserialize(Incident reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<Incident> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Incident> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
