package org.ember.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ember.model.metrics.MetricUpdate;
import org.junit.jupiter.api.Test;

/** {@link MetricValues} against the hash-map merge the evaluator used before, on random updates. */
class MetricValuesTest {
    /** The merge as it was: keep what the update does not name, set non-zero non-NaN values, drop the rest. */
    private static Map<String, Double> reference(Map<String, Double> metrics, Map<String, Double> values) {
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (!values.containsKey(m.getKey())) {
                out.put(m.getKey(), m.getValue());
            }
        }
        for (Map.Entry<String, Double> v : values.entrySet()) {
            double value = v.getValue() == null ? 0 : v.getValue();
            if (value != 0 && !Double.isNaN(value)) {
                out.put(v.getKey(), value);
            }
        }
        return Map.copyOf(out);
    }

    @Test
    void randomUpdatesMergeAsTheHashMapDid() {
        for (long seed = 1; seed <= 8; seed++) {
            Random random = new Random(seed);
            // Few names: updates hit existing metrics often; names share long prefixes like the real ones.
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 40 + random.nextInt(300); i++) {
                names.add("count{window=" + random.nextInt(50) + "h,feed=any,category=c" + i + "}");
            }
            MetricValues values = MetricValues.EMPTY;
            Map<String, Double> expected = Map.of();
            for (int step = 0; step < 2_000; step++) {
                Map<String, Double> update = new LinkedHashMap<>();
                int k = random.nextInt(10) == 0 ? names.size() : random.nextInt(14);
                for (int j = 0; j < k; j++) {
                    String name = names.get(random.nextInt(names.size()));
                    int kind = random.nextInt(10);
                    Double value = switch (kind) {
                        case 0 -> 0.0;
                        case 1 -> Double.NaN;
                        case 2 -> null;
                        case 3 -> -0.0;
                        default -> (double) random.nextInt(5) - 1;
                    };
                    update.put(new String(name), value);
                }
                MetricValues before = values;
                Map<String, Double> beforeCopy = Map.copyOf(before);
                values = values.with(update);
                expected = reference(expected, update);
                // The previous instance is untouched (the job may still hold the area's old state) ...
                assertThat(before).isEqualTo(beforeCopy);
                // ... and the names stay in order, which every binary search relies on.
                assertThat(new ArrayList<>(values.keySet())).isSorted();
                assertThat(values).isEqualTo(expected);
                assertThat(expected).isEqualTo(values);
                assertThat(values.hashCode()).isEqualTo(expected.hashCode());
                assertThat(values.size()).isEqualTo(expected.size());
                for (String name : names) {
                    Double want = expected.get(name);
                    assertThat(values.get(name)).isEqualTo(want);
                    assertThat(values.containsKey(name)).isEqualTo(want != null);
                    assertThat(values.value(name)).isEqualTo(want == null ? 0 : want);
                }
                assertThat(MetricValues.of(new HashMap<>(expected))).isEqualTo(values);
            }
        }
    }

    @Test
    void valueOnlyUpdatesLeaveTheOldInstanceAlone() {
        MetricValues three = MetricValues.of(Map.of("a", 1.0, "b", 2.0, "c", 3.0));
        MetricValues changed = three.with(Map.of("b", 5.0, "d", 0.0, "e", Double.NaN));
        assertThat(changed).isEqualTo(Map.of("a", 1.0, "b", 5.0, "c", 3.0));
        assertThat(three).isEqualTo(Map.of("a", 1.0, "b", 2.0, "c", 3.0));
        // Removing names that are absent changes nothing.
        assertThat(three.with(Map.of("x", 0.0))).isSameAs(three);
    }

    @Test
    void emptyUpdatesAndRemovingEverything() {
        MetricValues two = MetricValues.of(Map.of("b", 2.0, "a", 1.0));
        assertThat(two.with(Map.of())).isSameAs(two);
        assertThat(two.with(Map.of("a", 0.0, "b", Double.NaN))).isSameAs(MetricValues.EMPTY).isEmpty();
        assertThat(two.with(Map.of("0", 5.0, "z", 6.0)).keySet()).containsExactly("0", "a", "b", "z");
        assertThat(two.get(3)).isNull();
        assertThat(two.value("c")).isZero();
        assertThat(MetricValues.of(Map.of())).isSameAs(MetricValues.EMPTY);
    }

    @Test
    void isImmutableAndAreaStateKeepsIt() {
        MetricValues one = MetricValues.of(Map.of("a", 1.0));
        assertThatThrownBy(() -> one.put("b", 2.0)).isInstanceOf(UnsupportedOperationException.class);
        AreaState state = new AreaState(one, Map.of(), 0, 0);
        assertThat(state.metrics()).isSameAs(one);
        // A map from elsewhere (Flink's map serializer makes a HashMap on restore) becomes sorted arrays.
        AreaState restored = new AreaState(new HashMap<>(Map.of("a", 1.0)), Map.of(), 0, 0);
        assertThat(restored.metrics()).isInstanceOf(MetricValues.class).isEqualTo(one);
        assertThat(restored).isEqualTo(state);
    }

    /**
     * The same random histories through both update paths (a {@link MetricUpdate}'s arrays and a
     * hash map's entries) against the reference merge, with metrics that fall to zero and come back
     * (tombstones revived), NaN, -0.0 and ties (a value set to what it was).
     */
    @Test
    void tombstonesAndArrayUpdatesMergeAsTheHashMapDid() {
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(100 + seed);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 5 + random.nextInt(120); i++) {
                names.add("count{window=1h,feed=f" + random.nextInt(4) + ",category=c" + i + "}");
            }
            MetricValues viaArrays = MetricValues.EMPTY;
            MetricValues viaMap = MetricValues.EMPTY;
            Map<String, Double> expected = Map.of();
            for (int step = 0; step < 3_000; step++) {
                Map<String, Double> update = new LinkedHashMap<>();
                int k = random.nextInt(20) == 0 ? names.size() : random.nextInt(8);
                for (int j = 0; j < k; j++) {
                    String name = names.get(random.nextInt(names.size()));
                    double value = switch (random.nextInt(8)) {
                        case 0, 1 -> 0.0;
                        case 2 -> Double.NaN;
                        case 3 -> -0.0;
                        case 4 -> expected.getOrDefault(name, 1.0);
                        default -> random.nextInt(3) + 1;
                    };
                    update.put(name, value);
                }
                String[] updateNames = update.keySet().toArray(new String[0]);
                double[] updateValues = update.values().stream().mapToDouble(Double::doubleValue).toArray();
                MetricValues before = viaArrays;
                Map<String, Double> beforeCopy = Map.copyOf(before);
                viaArrays = viaArrays.with(MetricUpdate.of(updateNames, updateValues, updateNames.length));
                viaMap = viaMap.with(new HashMap<>(update));
                expected = reference(expected, update);
                assertThat(before).isEqualTo(beforeCopy);
                assertThat(viaArrays).isEqualTo(expected).isEqualTo(viaMap);
                assertThat(viaArrays.size()).isEqualTo(expected.size());
                assertThat(viaArrays.isEmpty()).isEqualTo(expected.isEmpty());
                assertThat(new ArrayList<>(viaArrays.keySet())).isSorted().doesNotHaveDuplicates();
                // Tombstones are bounded: at most the live metrics plus the slack.
                assertThat(viaArrays.slots() - viaArrays.size()).isLessThanOrEqualTo(viaArrays.size() + MetricValues.SLACK);
                for (String name : names) {
                    Double want = expected.get(name);
                    assertThat(viaArrays.get(name)).isEqualTo(want);
                    assertThat(viaArrays.containsKey(name)).isEqualTo(want != null);
                    assertThat(viaArrays.value(name)).isEqualTo(want == null ? 0 : want);
                }
            }
        }
    }

    @Test
    void aMetricThatFallsToZeroAndComesBackKeepsItsSlot() {
        MetricValues two = MetricValues.of(Map.of("a", 1.0, "b", 2.0));
        MetricValues gone = two.with(Map.of("a", 0.0));
        assertThat(gone).isEqualTo(Map.of("b", 2.0)).hasSize(1);
        assertThat(gone.slots()).isEqualTo(2);
        assertThat(gone.get("a")).isNull();
        assertThat(gone.containsKey("a")).isFalse();
        assertThat(gone.value("a")).isZero();
        assertThat(gone.keySet()).containsExactly("b");
        // Removing a tombstone again changes nothing; reviving it shares the names.
        assertThat(gone.with(Map.of("a", Double.NaN))).isSameAs(gone);
        MetricValues back = gone.with(Map.of("a", 3.0));
        assertThat(back).isEqualTo(Map.of("a", 3.0, "b", 2.0));
        assertThat(back.slots()).isEqualTo(2);
        // Everything gone is the empty instance, tombstones and all.
        assertThat(gone.with(Map.of("b", 0.0))).isSameAs(MetricValues.EMPTY);
        // A value with the tombstone's bits from elsewhere is a present NaN.
        MetricValues odd = MetricValues.of(Map.of("x", MetricValues.TOMBSTONE));
        assertThat(odd).hasSize(1).containsKey("x");
        assertThat(odd.value("x")).isNaN();
    }

    @Test
    void manyTombstonesAreCompacted() {
        Map<String, Double> all = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            all.put("m" + (1000 + i), 1.0);
        }
        MetricValues values = MetricValues.of(all);
        for (int i = 0; i < 99; i++) {
            values = values.with(Map.of("m" + (1000 + i), 0.0));
            assertThat(values.slots() - values.size()).isLessThanOrEqualTo(values.size() + MetricValues.SLACK);
        }
        assertThat(values).isEqualTo(Map.of("m1099", 1.0));
        assertThat(values.slots()).isLessThan(100);
    }
}
