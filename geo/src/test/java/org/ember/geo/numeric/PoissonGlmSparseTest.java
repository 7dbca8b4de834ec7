package org.ember.geo.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Skipping the zeros of a design matrix changes nothing: on a seasonal design (indicators, a
 * trend, harmonics, a never-set calendar flag that is aliased), with counts that include empty
 * hours, an outbreak and an all-zero series, the sparse sums give the same fit as the dense ones
 * to the bit.
 */
class PoissonGlmSparseTest {
    private static final int DAYS = 120;

    /** Intercept, trend, 6 weekday and 23 hour indicators, 4 harmonics, 2 calendar flags (one never set). */
    private static double[][] seasonalDesign() {
        double[][] x = new double[DAYS * 24][];
        for (int t = 0; t < x.length; t++) {
            int day = t / 24;
            int hour = t % 24;
            double[] row = new double[1 + 1 + 6 + 23 + 4 + 2];
            int c = 0;
            row[c++] = 1;
            row[c++] = t / (365.25 * 24);
            for (int d = 1; d <= 6; d++) {
                row[c++] = day % 7 == d ? 1 : 0;
            }
            for (int h = 1; h < 24; h++) {
                row[c++] = hour == h ? 1 : 0;
            }
            double angle = 2 * Math.PI * day / 365.25;
            row[c++] = Math.sin(angle);
            row[c++] = Math.cos(angle);
            row[c++] = Math.sin(2 * angle);
            row[c++] = Math.cos(2 * angle);
            row[c++] = day % 30 == 3 ? 1 : 0;
            row[c] = 0;
            x[t] = row;
        }
        return x;
    }

    private static double[] counts(SplittableRandom random, int length, boolean outbreak) {
        double[] y = new double[length];
        for (int t = 0; t < length; t++) {
            int hour = t % 24;
            double mean = 0.3 + (hour >= 18 || hour < 2 ? 1.2 : 0.2) + (outbreak && t / 24 >= 90 && t / 24 < 95 ? 4 : 0);
            y[t] = poisson(random, mean);
        }
        return y;
    }

    private static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }

    private static void assertSameBits(PoissonGlm.Fit sparse, PoissonGlm.Fit dense) {
        assertThat(Arrays.equals(sparse.coefficients(), dense.coefficients())).as("coefficients").isTrue();
        assertThat(Arrays.equals(sparse.aliased(), dense.aliased())).as("aliased").isTrue();
        assertThat(Arrays.equals(sparse.fitted(), dense.fitted())).as("fitted").isTrue();
        assertThat(Arrays.equals(sparse.workingWeights(), dense.workingWeights())).as("working weights").isTrue();
        assertThat(Arrays.deepEquals(sparse.covarianceUnscaled(), dense.covarianceUnscaled())).as("covariance").isTrue();
        assertThat(Arrays.equals(sparse.hatValues(), dense.hatValues())).as("hat values").isTrue();
        assertThat(Double.doubleToLongBits(sparse.dispersion())).isEqualTo(Double.doubleToLongBits(dense.dispersion()));
        assertThat(sparse.iterations()).isEqualTo(dense.iterations());
        assertThat(sparse.converged()).isEqualTo(dense.converged());
    }

    @Test
    void sparseSumsGiveTheDenseFitToTheBit() {
        double[][] x = seasonalDesign();
        SplittableRandom random = new SplittableRandom(11);
        for (boolean outbreak : new boolean[] {false, true}) {
            double[] y = counts(random, x.length, outbreak);
            PoissonGlm.Fit sparse = PoissonGlm.fit(x, y, null, true);
            assertThat(sparse.converged()).isTrue();
            assertThat(sparse.aliased()[x[0].length - 1]).as("the never-set flag is aliased").isTrue();
            assertSameBits(sparse, PoissonGlm.fit(x, y, null, false));
        }
    }

    @Test
    void anAllZeroSeriesFitsAlikeEitherWay() {
        double[][] x = seasonalDesign();
        double[] y = new double[x.length];
        assertSameBits(PoissonGlm.fit(x, y, null, true), PoissonGlm.fit(x, y, null, false));
    }

    @Test
    void aFitWithoutHatValuesIsTheSameFitToTheBit() {
        double[][] x = seasonalDesign();
        SplittableRandom random = new SplittableRandom(5);
        for (boolean outbreak : new boolean[] {false, true}) {
            double[] y = counts(random, x.length, outbreak);
            PoissonGlm.Fit full = PoissonGlm.fit(x, y, null);
            PoissonGlm.Fit lean = PoissonGlm.fitWithoutHatValues(x, y, null);
            assertThat(lean.hatValues()).isNull();
            assertThat(full.hatValues()).hasSize(x.length);
            assertThat(Arrays.equals(lean.coefficients(), full.coefficients())).as("coefficients").isTrue();
            assertThat(Arrays.equals(lean.fitted(), full.fitted())).as("fitted").isTrue();
            assertThat(Arrays.deepEquals(lean.covarianceUnscaled(), full.covarianceUnscaled())).as("covariance").isTrue();
            assertThat(Double.doubleToLongBits(lean.dispersion())).isEqualTo(Double.doubleToLongBits(full.dispersion()));
            assertThat(lean.iterations()).isEqualTo(full.iterations());
        }
    }

    /**
     * A design grown a row at a time between fits (as the seasonal baseline grows its history) fits
     * the first n rows as the plain matrix of those rows does, to the bit: at many lengths, with
     * counts from several seeds, and with rows that are entirely zero.
     */
    @Test
    void aGrowingDesignFitsAsTheMatrixOfItsFirstRows() {
        double[][] x = seasonalDesign();
        for (long seed : new long[] {3, 17, 2025}) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] all = counts(random, x.length, seed == 17);
            PoissonGlm.Design design = new PoissonGlm.Design();
            int fits = 0;
            for (int n = 24 * 14 + random.nextInt(48); n <= x.length; n += 24 + random.nextInt(24 * 9)) {
                while (design.size() < n + random.nextInt(3)) { // sometimes rows beyond those fitted
                    design.add(x[design.size()]);
                }
                double[] y = Arrays.copyOf(all, n);
                PoissonGlm.Fit grown = PoissonGlm.fitWithoutHatValues(design, y, null);
                PoissonGlm.Fit plain = PoissonGlm.fitWithoutHatValues(Arrays.copyOf(x, n), y, null);
                assertThat(Arrays.equals(grown.coefficients(), plain.coefficients())).as("coefficients at %d", n).isTrue();
                assertThat(Arrays.equals(grown.fitted(), plain.fitted())).as("fitted at %d", n).isTrue();
                assertThat(Arrays.deepEquals(grown.covarianceUnscaled(), plain.covarianceUnscaled())).isTrue();
                assertThat(Double.doubleToLongBits(grown.dispersion())).isEqualTo(Double.doubleToLongBits(plain.dispersion()));
                assertThat(grown.iterations()).isEqualTo(plain.iterations());
                fits++;
            }
            assertThat(fits).isGreaterThan(10);
        }
        PoissonGlm.Design zeros = new PoissonGlm.Design();
        double[][] z = new double[200][];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % 5 == 0 ? new double[x[0].length] : x[i]; // rows with no non-zero entry
            zeros.add(z[i]);
        }
        double[] y = counts(new SplittableRandom(8), z.length, false);
        assertThat(Arrays.equals(PoissonGlm.fitWithoutHatValues(zeros, y, null).coefficients(),
                PoissonGlm.fitWithoutHatValues(z, y, null).coefficients())).isTrue();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> PoissonGlm.fitWithoutHatValues(zeros, new double[201], null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
    /**
     * A growing design keeps its first iteration's sums from fit to fit ({@link FirstStep}): the fit
     * is still that of the plain matrix to the bit when the history gains days, when a count of an
     * earlier hour changes (a late or cancelled report: the kept sums are not used), when only the
     * newest hour's count grows, and when a count the first step cannot take sparse (its response is
     * not finite) comes and goes.
     */
    @Test
    void keptFirstStepsGiveThePlainFitToTheBitWhateverChangesBetweenFits() {
        double[][] x = seasonalDesign();
        SplittableRandom random = new SplittableRandom(41);
        double[] all = counts(random, x.length, true);
        PoissonGlm.Design design = new PoissonGlm.Design();
        int n = 24 * 20;
        int fits = 0;
        while (n <= x.length) {
            while (design.size() < n) {
                design.add(x[design.size()]);
            }
            int change = random.nextInt(6);
            if (change == 0) {
                all[random.nextInt(n)] += 1; // a late report in an hour already learnt
            } else if (change == 1) {
                all[n - 1] += 2; // the newest hour grows
            }
            double[] y = Arrays.copyOf(all, n);
            boolean unusable = change == 2;
            if (unusable) {
                y[random.nextInt(n)] = -0.1; // mu = 0: a response that is not finite, so dense sums
            }
            PoissonGlm.Fit grown = PoissonGlm.fitWithoutHatValues(design, y, null);
            PoissonGlm.Fit plain = PoissonGlm.fitWithoutHatValues(Arrays.copyOf(x, n), y, null);
            assertThat(Arrays.equals(grown.coefficients(), plain.coefficients())).as("coefficients at %d", n).isTrue();
            assertThat(Arrays.equals(grown.fitted(), plain.fitted())).as("fitted at %d", n).isTrue();
            assertThat(Arrays.equals(grown.workingWeights(), plain.workingWeights())).as("weights at %d", n).isTrue();
            assertThat(Arrays.deepEquals(grown.covarianceUnscaled(), plain.covarianceUnscaled())).as("cov at %d", n).isTrue();
            assertThat(Double.doubleToLongBits(grown.dispersion())).isEqualTo(Double.doubleToLongBits(plain.dispersion()));
            assertThat(grown.iterations()).isEqualTo(plain.iterations());
            assertThat(grown.converged()).isEqualTo(plain.converged());
            if (!unusable) {
                assertThat(grown.converged()).isTrue();
            }
            n += random.nextInt(3) == 0 ? 0 : 24; // sometimes the same rows again
            fits++;
        }
        assertThat(fits).isGreaterThan(100);
    }
}
