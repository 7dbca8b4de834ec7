package org.ember.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MetricUpdate} reads as the map of its entries, and {@link AreaMetrics} keeps it without a copy. */
class MetricUpdateTest {
    @Test
    void readsAsTheMapOfItsEntries() {
        Random random = new Random(9);
        for (int run = 0; run < 500; run++) {
            Map<String, Double> expected = new LinkedHashMap<>();
            int n = random.nextInt(15);
            String[] names = new String[n + random.nextInt(3)];
            double[] values = new double[names.length];
            int k = 0;
            while (expected.size() < n) {
                String name = "m" + random.nextInt(40);
                double value = switch (random.nextInt(4)) {
                    case 0 -> 0.0;
                    case 1 -> Double.NaN;
                    default -> random.nextInt(9) - 4;
                };
                if (expected.putIfAbsent(name, value) == null) {
                    names[k] = name;
                    values[k++] = value;
                }
            }
            MetricUpdate update = MetricUpdate.of(names, values, n);
            assertThat(update).isEqualTo(expected).hasSize(n);
            assertThat(expected).isEqualTo(update);
            assertThat(update.hashCode()).isEqualTo(expected.hashCode());
            assertThat(new ArrayList<>(update.keySet())).containsExactlyElementsOf(new ArrayList<>(expected.keySet()));
            for (int i = 0; i < 40; i++) {
                assertThat(update.get("m" + i)).isEqualTo(expected.get("m" + i));
                assertThat(update.containsKey("m" + i)).isEqualTo(expected.containsKey("m" + i));
            }
            List<String> inOrder = new ArrayList<>();
            for (int i = 0; i < update.size(); i++) {
                inOrder.add(update.name(i));
                assertThat(update.value(i)).isEqualTo(expected.get(update.name(i)));
            }
            assertThat(inOrder).containsExactlyElementsOf(expected.keySet());
            AreaMetrics metrics = new AreaMetrics("lsoa", "W01", 1L, "counts", update);
            assertThat(metrics.values()).isSameAs(n == 0 ? MetricUpdate.EMPTY : update);
        }
    }

    @Test
    void isImmutableAndRefusesBadInput() {
        MetricUpdate one = MetricUpdate.of(new String[] {"a"}, new double[] {1}, 1);
        assertThatThrownBy(() -> one.put("b", 2.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> one.entrySet().iterator().next().setValue(3.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> MetricUpdate.of(new String[] {null}, new double[] {1}, 1))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MetricUpdate.of(new String[1], new double[0], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MetricUpdate.of(new String[0], new double[0], 0)).isSameAs(MetricUpdate.EMPTY);
    }
}
