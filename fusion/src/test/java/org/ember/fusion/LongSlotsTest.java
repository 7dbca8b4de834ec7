package org.ember.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unboxed map of the live Gi* behaves as a {@code HashMap<Long, V>} under any mix of operations. */
class LongSlotsTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void agreesWithAHashMapThroughGrowthAndRemovals(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LongSlots<String> slots = new LongSlots<>();
        Map<Long, String> reference = new HashMap<>();
        // Keys as the live Gi* makes them: cells of a few neighbourhoods of the grid, packed, so many
        // keys differ only in their low bits and runs of probes form and are cut by removals.
        for (int step = 0; step < 200_000; step++) {
            long key = LiveGiStar.key(1_400 + random.nextInt(60), 690 + random.nextInt(60));
            if (random.nextInt(3) == 0) {
                slots.remove(key);
                reference.remove(key);
            } else {
                String made = "v" + step;
                String got = slots.computeIfAbsent(key, k -> made);
                String expected = reference.computeIfAbsent(key, k -> made);
                assertThat(got).isEqualTo(expected);
            }
            if (step % 10_000 == 0) {
                for (long c = 1_400; c < 1_460; c++) {
                    for (long r = 690; r < 750; r++) {
                        long k = LiveGiStar.key(c, r);
                        assertThat(slots.get(k)).as("cell %d,%d at step %d", c, r, step).isEqualTo(reference.get(k));
                    }
                }
            }
        }
        assertThat(slots.size()).isEqualTo(reference.size());
        assertThat(slots.values()).containsExactlyInAnyOrderElementsOf(reference.values());
        for (Long key : reference.keySet()) {
            slots.remove(key);
        }
        assertThat(slots.size()).isZero();
        assertThat(slots.values()).isEmpty();
        assertThat(slots.get(LiveGiStar.key(1_400, 690))).isNull();
    }
}
