package org.ember.geo.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SignificantZ} answers as comparing the computed two-sided p-value with alpha, near the critical value too. */
class SignificantZTest {

    @Test
    void answersAsTheComputedPValue() {
        SplittableRandom random = new SplittableRandom(17);
        int significant = 0;
        for (double alpha : new double[] {0.05, 0.01, 0.1, 0.001, 0.5, 1e-6, 0.999}) {
            SignificantZ test = SignificantZ.at(alpha);
            double critical = critical(alpha);
            for (int i = 0; i < 200_000; i++) {
                double z = switch (i % 4) {
                    case 0 -> (random.nextDouble() - 0.5) * 16;
                    case 1 -> critical + (random.nextDouble() - 0.5) * 4e-3; // across the band's edges
                    case 2 -> -critical + (random.nextDouble() - 0.5) * 1e-9; // at the critical value
                    default -> Math.nextUp(critical) - random.nextInt(5) * Math.ulp(critical);
                };
                boolean expected = StandardNormal.twoSidedP(z) <= alpha;
                assertThat(test.test(z)).as("alpha %s z %s", alpha, z).isEqualTo(expected);
                significant += expected ? 1 : 0;
            }
            assertThat(test.test(Double.NaN)).isFalse();
            assertThat(test.test(Double.POSITIVE_INFINITY)).isTrue();
        }
        assertThat(significant).isGreaterThan(100_000);
        assertThatThrownBy(() -> SignificantZ.at(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double critical(double alpha) {
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (StandardNormal.twoSidedP(mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
