package org.ember.jobs.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.ember.model.CountVocabulary;
import org.ember.model.Incident;
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

    @Test
    void incidentsRoundTripWithEveryNullableFieldEitherWay() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 2_000; n++) {
            Incident i = new Incident("police", "CR-" + n, random.nextInt(1, 9), random.nextBoolean(), random.nextLong(),
                    random.nextLong(), "violence", random.nextBoolean(), maybe(random, "15-17"), random.nextDouble(),
                    random.nextDouble(), random.nextDouble(1e6), random.nextDouble(1e6), random.nextBoolean(),
                    maybe(random, "W01001694"), maybe(random, "W06000015"), maybe(random, "250m:318000:176250"),
                    maybe(random, "p_" + "ab".repeat(32)), maybe(random, "police: Violence with injury ✓ é"),
                    random.nextLong(0, Long.MAX_VALUE));
            assertThat(roundTrip(IncidentSerializer.INSTANCE, i)).isEqualTo(i);
        }
    }

    private static String maybe(SplittableRandom random, String value) {
        return random.nextBoolean() ? value : null;
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
