package org.ember.geo.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FalseDiscoveryRateTest {
    @Test
    void adjustsByRankAndTakesTheRunningMinimumFromTheTop() {
        // Worked by hand, m = 4, ranks 1..4 of p = 0.01, 0.02, 0.03, 0.5:
        // m/k·p = 0.04, 0.04, 0.04, 0.5 -> running minimum from the largest: 0.5, 0.04, 0.04, 0.04.
        double[] p = {0.03, 0.5, 0.01, 0.02};
        double[] q = FalseDiscoveryRate.benjaminiHochberg(p);
        assertThat(q).containsExactly(new double[] {0.04, 0.5, 0.04, 0.04}, within(1e-15));
    }

    @Test
    void capsAtOneAndIgnoresNaNInTheCount() {
        double[] p = {0.9, Double.NaN, 0.8};
        double[] q = FalseDiscoveryRate.benjaminiHochberg(p);
        // m = 2: 0.8 ranks 1 -> 2·0.8 = 1.6, running min with 0.9 (rank 2 -> 0.9) = 0.9.
        assertThat(q[0]).isCloseTo(0.9, within(1e-15));
        assertThat(q[1]).isNaN();
        assertThat(q[2]).isCloseTo(0.9, within(1e-15));
    }
}
