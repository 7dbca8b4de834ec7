package org.ember.geo.emerging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ember.geo.math.StandardNormal;
import org.junit.jupiter.api.Test;

class MannKendallTest {
    @Test
    void workedExampleWithATie() {
        // x = 1, 3, 2, 5, 5. Signs of x_j − x_i over the 10 pairs: eight +, one − (3 → 2), one 0 (5, 5): S = 7.
        // One tie group of size 2: Var(S) = (5·4·15 − 2·1·9)/18 = 282/18.
        // Z = (7 − 1)/√(282/18); tau_b = 7/√(10·(10 − 1)).
        MannKendall.Result r = MannKendall.test(new double[] {1, 3, 2, 5, 5});
        assertThat(r.s()).isEqualTo(7);
        assertThat(r.varianceS()).isCloseTo(282.0 / 18, within(1e-12));
        assertThat(r.z()).isCloseTo(6 / Math.sqrt(282.0 / 18), within(1e-12));
        assertThat(r.tau()).isCloseTo(7 / Math.sqrt(90), within(1e-12));
        // Φ tables: Z ≈ 1.5159, two-sided p ≈ 0.1296.
        assertThat(r.p()).isCloseTo(0.1296, within(5e-4));
        assertThat(r.p()).isCloseTo(2 * StandardNormal.upperTail(r.z()), within(1e-15));
    }

    @Test
    void strictlyRisingSeriesWithoutTies() {
        double[] x = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i * i;
        }
        MannKendall.Result r = MannKendall.test(x);
        // S = 45, Var = 10·9·25/18 = 125, Z = 44/√125 ≈ 3.9355, tau = 1.
        assertThat(r.s()).isEqualTo(45);
        assertThat(r.varianceS()).isCloseTo(125, within(1e-12));
        assertThat(r.z()).isCloseTo(44 / Math.sqrt(125), within(1e-12));
        assertThat(r.tau()).isCloseTo(1.0, within(1e-15));
        assertThat(r.increasing(0.05)).isTrue();
        assertThat(r.decreasing(0.05)).isFalse();
    }

    @Test
    void fallingAndFlatSeries() {
        assertThat(MannKendall.test(new double[] {9, 7, 6, 4, 3, 1}).decreasing(0.05)).isTrue();
        MannKendall.Result flat = MannKendall.test(new double[] {2, 2, 2, 2});
        assertThat(flat.tau()).isNaN();
        assertThat(flat.p()).isNaN();
        assertThat(flat.increasing(0.05)).isFalse();
    }

    /** {@link MannKendall#significantTrend} decides as {@link MannKendall#test}: random series with ties, trends, constants. */
    @org.junit.jupiter.api.Test
    void significantTrendDecidesAsTheFullTest() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        int[] directions = new int[3];
        for (double alpha : new double[] {0.05, 0.01, 0.2}) {
            org.ember.geo.math.SignificantZ significant = org.ember.geo.math.SignificantZ.at(alpha);
            for (int i = 0; i < 20_000; i++) {
                int n = random.nextInt(40);
                double slope = (random.nextDouble() - 0.5) * 0.4;
                double[] series = new double[n];
                for (int t = 0; t < n; t++) {
                    series[t] = random.nextInt(4) == 0 ? Math.round(slope * t + random.nextInt(3))
                            : slope * t + random.nextGaussian() * (random.nextInt(3) + 0.3);
                }
                MannKendall.Result full = MannKendall.test(series);
                int expected = full.increasing(alpha) ? 1 : full.decreasing(alpha) ? -1 : 0;
                org.assertj.core.api.Assertions.assertThat(MannKendall.significantTrend(series, significant))
                        .as("alpha %s series %s", alpha, java.util.Arrays.toString(series)).isEqualTo(expected);
                directions[expected + 1]++;
            }
        }
        for (int count : directions) {
            assertThat(count).isGreaterThan(5_000);
        }
    }
}
