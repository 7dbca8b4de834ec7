package org.ember.rules.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ember.model.CountVocabulary;
import org.ember.model.metrics.AreaMetrics;
import org.ember.model.metrics.MetricUpdate;
import org.junit.jupiter.api.Test;

/** {@link CountMetrics#changes} against the map of changed counts built the straightforward way. */
class CountMetricsTest {
    private static Map<String, Double> reference(long[] previous, long[] current) {
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < current.length; i++) {
            long before = previous == null ? 0 : previous[i];
            if (current[i] != before) {
                out.put(CountMetrics.name(i), (double) current[i]);
            }
        }
        return out;
    }

    @Test
    void changesAreTheCountsThatDifferZerosIncluded() {
        Random random = new Random(5);
        for (int run = 0; run < 2_000; run++) {
            long[] previous = random.nextInt(5) == 0 ? null : new long[CountVocabulary.SIZE];
            long[] current = new long[CountVocabulary.SIZE];
            int touched = random.nextInt(4) == 0 ? CountVocabulary.SIZE : random.nextInt(12);
            for (int j = 0; j < touched; j++) {
                int i = random.nextInt(CountVocabulary.SIZE);
                current[i] = random.nextInt(4);
                if (previous != null) {
                    previous[i] = random.nextInt(4);
                }
            }
            if (previous != null && random.nextInt(10) == 0) {
                previous = current.clone();
            }
            Map<String, Double> changes = CountMetrics.changes(previous, current);
            assertThat(changes).isInstanceOf(MetricUpdate.class).isEqualTo(reference(previous, current));
            assertThat(changes.size()).isEqualTo(reference(previous, current).size());
            AreaMetrics update = CountMetrics.update("lsoa", "W01", 7L, previous, current);
            assertThat(update.values()).isInstanceOf(MetricUpdate.class).isEqualTo(changes);
        }
    }
}
