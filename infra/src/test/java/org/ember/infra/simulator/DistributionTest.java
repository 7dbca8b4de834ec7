package org.ember.infra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @RepeatedTest(5)
    void drawsFollowTheWeights(RepetitionInfo repetition) {
        Distribution methods = Distribution.of("body_part", 65, "blunt_object", 22, "bottle_glass", 13);
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        Map<String, Integer> counts = new HashMap<>();

        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts.merge(methods.draw(random), 1, Integer::sum);
        }

        // 4 standard deviations of a share near 0.5 over 20,000 draws is about 0.014.
        assertThat(counts.get("body_part") / (double) n).isCloseTo(0.65, within(0.015));
        assertThat(counts.get("blunt_object") / (double) n).isCloseTo(0.22, within(0.015));
        assertThat(counts.get("bottle_glass") / (double) n).isCloseTo(0.13, within(0.015));
    }

    @Test
    void aZeroWeightValueIsNeverDrawn() {
        Distribution d = Distribution.of("never", 0, "always", 1);
        SplittableRandom random = new SplittableRandom(1);

        for (int i = 0; i < 1_000; i++) {
            assertThat(d.draw(random)).isEqualTo("always");
        }
        assertThat(d.probability("never")).isZero();
    }

    @Test
    void negativeOrAllZeroWeightsAreRefused() {
        assertThatThrownBy(() -> Distribution.of("a", -1, "b", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distribution.of("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultAgeBandsAreSkewedToFifteenToThirtyFour() {
        Distribution ages = SimulationSettings.defaults().ageBands();

        double fifteenToThirtyFour = ages.probability("15-17") + ages.probability("18-24") + ages.probability("25-34");
        assertThat(fifteenToThirtyFour).isGreaterThan(0.5);
        assertThat(ages.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    }
}
