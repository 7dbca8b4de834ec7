package org.ember.jobs.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import java.util.List;
import org.ember.fusion.FusionMetricNames;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.rules.counts.CountMetrics;
import org.junit.jupiter.api.Test;

/** The job's own network serializers give back exactly what they were given. */
class NetworkSerializersTest {
    @Test
    void areaMetricsRoundTripWithCountAndOtherNames() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 2_000; n++) {
            Map<String, Double> values = new HashMap<>();
            for (int k = random.nextInt(0, 20); k > 0; k--) {
                values.put(CountMetrics.name(random.nextInt(CountVocabulary.SIZE)), (double) random.nextInt(-3, 50));
            }
            for (int k = random.nextInt(0, 10); k > 0; k--) {
                values.put(FUSION.get(random.nextInt(FUSION.size())), random.nextDouble(-5, 5));
            }
            if (random.nextBoolean()) {
                values.put("tension{window=7d}", random.nextDouble());
                values.put("gi_star_z", Double.NaN);
            }
            String layer = new String[] {"lsoa", "lad", "cell", "force"}[random.nextInt(4)];
            AreaMetrics m = new AreaMetrics(layer, "W0" + random.nextInt(1000), random.nextLong(),
                    random.nextBoolean() ? CountMetrics.SOURCE : "fusion", values, random.nextLong(0, Long.MAX_VALUE));
            AreaMetrics back = roundTrip(AreaMetricsSerializer.INSTANCE, m);
            assertThat(back).isEqualTo(m);
            assertThat(back.areaKey()).isEqualTo(m.areaKey());
        }
    }

    /** The fusion stage's names, coded, and those of a seasonal window other than the default, as strings. */
    private static final List<String> FUSION = java.util.stream.Stream.concat(FusionMetricNames.of("24h").stream(),
            FusionMetricNames.of("168h").stream()).distinct().toList();

    @Test
    void aFusionUpdateIsSmallerThanWithItsNamesWrittenOut() throws Exception {
        Map<String, Double> values = new HashMap<>();
        for (String name : FusionMetricNames.of("24h")) {
            values.put(name, 1.5);
        }
        DataOutputSerializer out = new DataOutputSerializer(256);
        AreaMetricsSerializer.INSTANCE.serialize(new AreaMetrics("lsoa", "W01001876", 7L, "fusion", values, 0L), out);
        int namesWrittenOut = values.keySet().stream().mapToInt(String::length).sum();
        assertThat(out.length()).as("two bytes and a double per metric, the area and header")
                .isLessThan(values.size() * 10 + 60).isLessThan(namesWrittenOut);
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = serializer.deserialize(in);
        assertThat(in.available()).isZero();
        // Copying the serialized form through the serializer reads back as the same value too.
        DataOutputSerializer copied = new DataOutputSerializer(256);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))).isEqualTo(value);
        return back;
    }
}
