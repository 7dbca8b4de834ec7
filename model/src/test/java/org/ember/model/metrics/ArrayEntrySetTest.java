package org.ember.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ArrayEntrySetTest {
    private static final String[] NAMES = {"a", "b", "c", "d", "e"};
    private static final double[] VALUES = {1, Double.NaN, 3, Double.NaN, 5};

    @Test
    void readsTheFirstSizeSlotsInArrayOrder() {
        assertThat(entries(ArrayEntrySet.of(NAMES, VALUES, 3))).containsExactly("a=1.0", "b=NaN", "c=3.0");
        assertThat(ArrayEntrySet.of(NAMES, VALUES, 3)).hasSize(3);
    }

    @Test
    void skipsTheMarkedSlotsAtTheStartTheMiddleAndTheEnd() {
        double[] values = {Double.NaN, 2, Double.NaN, Double.NaN, 5, Double.NaN};
        String[] names = {"a", "b", "c", "d", "e", "f"};
        ArrayEntrySet set = ArrayEntrySet.skipping(names, values, 6, 2, Double::isNaN);
        assertThat(entries(set)).containsExactly("b=2.0", "e=5.0");
        assertThat(set).hasSize(2);
    }

    @Test
    void anEmptyOrAllSkippedSetEndsAtOnce() {
        Iterator<Map.Entry<String, Double>> all = ArrayEntrySet.skipping(NAMES, new double[] {Double.NaN}, 1, 0,
                Double::isNaN).iterator();
        assertThat(all.hasNext()).isFalse();
        assertThatThrownBy(all::next).isInstanceOf(NoSuchElementException.class);
        assertThat(ArrayEntrySet.of(NAMES, VALUES, 0).iterator().hasNext()).isFalse();
    }

    private static List<String> entries(ArrayEntrySet set) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Double> e : set) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        return out;
    }
}
