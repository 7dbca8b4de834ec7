package org.ember.jobs.serial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.ember.fusion.FusionMetricNames;
import org.ember.geo.layers.SeasonalSettings;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.MetricUpdate;
import org.ember.rules.counts.CountMetrics;

/**
 * Writes {@link AreaMetrics} between tasks with the count metric names as two-byte codes instead of
 * strings. Every record makes one or two count updates of a dozen changed counts each; as Flink's
 * record serializer wrote them (a map of names such as {@code count{window=24h,feed=any,category=weapon}}
 * to boxed doubles) they were a sixth of the counts task and a quarter of the rule task
 * (docs/benchmarks-throughput.md). The fusion stage's area metrics (its vocabulary with the default
 * seasonal window) are coded too; any other name travels as a string. The decoded names are this
 * table's own String instances, whose hashes are cached, so the rule evaluator's map look-ups do not
 * hash them again.
 *
 * <p>Only used on the network, never in state: nothing is kept in this format.
 */
public final class AreaMetricsSerializer extends ImmutableRecordSerializer<AreaMetrics> {
    private static final long serialVersionUID = 1L;
    public static final AreaMetricsSerializer INSTANCE = new AreaMetricsSerializer();

    /** The count vocabulary, then the fusion stage's area metrics with the default seasonal window. */
    private static final String[] NAMES;
    private static final Map<String, Integer> CODES = new HashMap<>();
    private static final String[] LAYERS = {"lsoa", "lad", "cell"};
    private static final int OTHER = -1;

    static {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CountVocabulary.SIZE; i++) {
            names.add(CountMetrics.name(i));
        }
        // A fusion update carries ~40 of these per area; as strings they were most of its bytes, and
        // each decoded name was a new String the rule evaluator hashed again.
        String seasonalWindow = SeasonalSettings.defaults().window().toHours() + "h";
        for (String name : FusionMetricNames.of(seasonalWindow)) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        NAMES = names.toArray(String[]::new);
        for (int i = 0; i < NAMES.length; i++) {
            CODES.put(NAMES[i], i);
        }
    }

    @Override
    public AreaMetrics createInstance() {
        return new AreaMetrics("lsoa", "", 0L, CountMetrics.SOURCE, Map.of(), 0L);
    }

    @Override
    public void serialize(AreaMetrics m, DataOutputView out) throws IOException {
        writeCoded(m.layer(), LAYERS, out);
        out.writeUTF(m.areaId());
        out.writeLong(m.asOf());
        if (CountMetrics.SOURCE.equals(m.source())) {
            out.writeBoolean(true);
        } else {
            out.writeBoolean(false);
            out.writeUTF(m.source());
        }
        out.writeLong(m.appendedAt());
        out.writeInt(m.values().size());
        for (Map.Entry<String, Double> v : m.values().entrySet()) {
            Integer code = CODES.get(v.getKey());
            if (code != null) {
                out.writeShort(code);
            } else {
                out.writeShort(OTHER);
                out.writeUTF(v.getKey());
            }
            out.writeDouble(v.getValue());
        }
    }

    @Override
    public AreaMetrics deserialize(DataInputView in) throws IOException {
        String layer = readCoded(LAYERS, in);
        String areaId = in.readUTF();
        long asOf = in.readLong();
        String source = in.readBoolean() ? CountMetrics.SOURCE : in.readUTF();
        long appendedAt = in.readLong();
        int n = in.readInt();
        String[] names = new String[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            int code = in.readShort();
            names[i] = code == OTHER ? in.readUTF() : NAMES[code];
            values[i] = in.readDouble();
        }
        // Arrays, not Map.ofEntries: the names (decoded strings among them) are not hashed, nor the
        // values boxed, for an update that the rules only iterate (MetricUpdate); AreaMetrics keeps it as it is.
        return new AreaMetrics(layer, areaId, asOf, source, MetricUpdate.of(names, values, n), appendedAt);
    }

    @Override
    public TypeSerializerSnapshot<AreaMetrics> snapshotConfiguration() {
        return new Snapshot();
    }

    private static void writeCoded(String value, String[] codes, DataOutputView out) throws IOException {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i].equals(value)) {
                out.writeByte(i);
                return;
            }
        }
        out.writeByte(OTHER);
        out.writeUTF(value);
    }

    private static String readCoded(String[] codes, DataInputView in) throws IOException {
        int code = in.readByte();
        return code == OTHER ? in.readUTF() : codes[code];
    }

    /** Serializer snapshot: the format has no parameters. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AreaMetrics> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
