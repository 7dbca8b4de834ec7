package org.ember.geo.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quantile searches on the record path end whatever their parameters. The timeouts are a
 * safety net that turns a hang into a failure, not a speed requirement: each call does at most a
 * few hundred distribution-function evaluations.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DistributionsExtremesTest {
    private static final double[] EXTREME_MEANS = {
        0, Double.MIN_VALUE, 1e-300, 1e-12, 0.5, 3, 1e4, 1e6, 9.99e6, 1e7, 1.0001e7, 1e9, 1e12, 1e15, 1e18,
        1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, -1, Double.NEGATIVE_INFINITY};
    private static final double[] PROBABILITIES = {
        Double.NaN, -1, 0, Double.MIN_VALUE, 1e-12, 0.01, 0.5, 0.95, 0.99, 1 - 1e-12, 1, 2};

    /** The definition, by linear search from 0: the reference for moderate parameters. */
    private static long linearQuantile(double p, java.util.function.LongToDoubleFunction cdf) {
        double target = p * (1 - 64 * Math.ulp(1.0));
        long y = 0;
        while (cdf.applyAsDouble(y) < target) {
            y++;
        }
        return y;
    }

    @Test
    void poissonQuantileMatchesTheDefinitionForModerateMeans() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 400; i++) {
            double lambda = Math.exp(random.nextDouble(-8, Math.log(2000)));
            double p = random.nextDouble(1e-6, 1 - 1e-9);
            long expected = linearQuantile(p, y -> Distributions.poissonCdf(y, lambda));
            assertThat(Distributions.poissonQuantile(p, lambda)).as("qpois(%s, %s)", p, lambda).isEqualTo(expected);
        }
    }

    @Test
    void negativeBinomialQuantileMatchesTheDefinitionForModerateParameters() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 300; i++) {
            double size = Math.exp(random.nextDouble(-4, 5));
            double prob = random.nextDouble(0.02, 0.999);
            double p = random.nextDouble(1e-6, 1 - 1e-9);
            long expected = linearQuantile(p, y -> Distributions.negativeBinomialCdf(y, size, prob));
            assertThat(Distributions.negativeBinomialQuantile(p, size, prob))
                    .as("qnbinom(%s, %s, %s)", p, size, prob).isEqualTo(expected);
        }
    }

    @Test
    void knownValuesFromR() {
        // R (Debian r-base): qpois(0.99, 4) = 9; qpois(0.5, 1e6) = 1e6; qnbinom(0.99, size = 2, prob = 0.25) = 22
        assertThat(Distributions.poissonQuantile(0.99, 4)).isEqualTo(9);
        assertThat(Distributions.poissonQuantile(0.5, 1e6)).isEqualTo(1_000_000);
        assertThat(Distributions.negativeBinomialQuantile(0.99, 2, 0.25)).isEqualTo(22);
        // options(digits = 15); qpois(0.99, 1e7) = 10007357 (exact path); qpois(0.99, 1e12) = 1000002326349
        assertThat(Distributions.poissonQuantile(0.99, 1e7)).isEqualTo(10_007_357);
        assertThat(Distributions.poissonQuantile(0.99, 1e12)).isEqualTo(1_000_002_326_349L);
    }

    @Test
    void poissonQuantileEndsForEveryExtremeMean() {
        for (double lambda : EXTREME_MEANS) {
            for (double p : PROBABILITIES) {
                long q = Distributions.poissonQuantile(p, lambda);
                assertThat(q).as("qpois(%s, %s)", p, lambda).isGreaterThanOrEqualTo(0);
                if (lambda >= 1e7 && lambda < 1e15 && p == 0.99) {
                    // Closed form: mean + 2.326·sd, within one unit.
                    assertThat((double) q).isCloseTo(lambda + 2.3263478740408408 * Math.sqrt(lambda),
                            org.assertj.core.data.Offset.offset(2.0 + lambda * 1e-15));
                }
            }
        }
    }

    @Test
    void negativeBinomialQuantileEndsForEveryExtremeParameter() {
        double[] sizes = {Double.NaN, -1, 0, Double.MIN_VALUE, 1e-300, 1e-9, 0.01, 1, 1e6, 1e12, 1e300,
            Double.POSITIVE_INFINITY};
        double[] probs = {Double.NaN, -1, 0, Double.MIN_VALUE, 1e-300, 1e-9, 0.5, 1 - 1e-12, 1, 2};
        for (double size : sizes) {
            for (double prob : probs) {
                for (double p : new double[] {0.5, 0.99, 1 - 1e-12}) {
                    long q = Distributions.negativeBinomialQuantile(p, size, prob);
                    assertThat(q).as("qnbinom(%s, %s, %s)", p, size, prob).isGreaterThanOrEqualTo(0);
                    Distributions.negativeBinomialUpperTail(q, size, prob);
                    Distributions.negativeBinomialCdf(q, size, prob);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e7, 1e9, 1e12, 1e15, 1e300, Double.MAX_VALUE})
    void tailsEndForExtremeMeans(double lambda) {
        for (long k : new long[] {0, 1, 10, 1_000_000, (long) Math.min(lambda, Long.MAX_VALUE / 2), Long.MAX_VALUE / 2}) {
            double upper = Distributions.poissonUpperTail(k, lambda);
            double cdf = Distributions.poissonCdf(k, lambda);
            assertThat(Double.isNaN(upper) || (upper >= 0 && upper <= 1)).isTrue();
            assertThat(Double.isNaN(cdf) || (cdf >= 0 && cdf <= 1)).isTrue();
        }
    }

    @Test
    void undefinedMeansGiveABoundNothingExceeds() {
        assertThat(Distributions.poissonQuantile(0.99, Double.NaN)).isEqualTo(Long.MAX_VALUE);
        assertThat(Distributions.poissonQuantile(0.99, Double.POSITIVE_INFINITY)).isEqualTo(Long.MAX_VALUE);
        assertThat(Distributions.negativeBinomialQuantile(0.99, 1, Double.NaN)).isEqualTo(Long.MAX_VALUE);
        assertThat(Distributions.negativeBinomialQuantile(0.99, 0, 0.5)).isZero();
    }

    @Test
    void normalQuantileAndLogGammaTakeAnyInput() {
        for (double p : PROBABILITIES) {
            Distributions.normalQuantile(p);
        }
        for (double x : new double[] {Double.MIN_VALUE, 1e-300, 1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NaN}) {
            Distributions.logGamma(x);
            Distributions.regularizedGammaP(x, x);
            Distributions.regularizedBeta(0.5, x, x);
        }
    }
}
