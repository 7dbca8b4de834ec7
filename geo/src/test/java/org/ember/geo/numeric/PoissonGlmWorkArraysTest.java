package org.ember.geo.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Keeping the least-squares arrays from one IRLS iteration to the next changes nothing: on random
 * designs (indicators, continuous columns, duplicated and all-zero columns that are aliased, rows of
 * zeros), counts with ties and zeros, zero prior weights, and non-finite entries that force the
 * dense sums, the fit is the one fresh arrays in every iteration give
 * ({@link PoissonGlm#fitWithFreshArraysEachIteration}, the allocation before they were kept), to the bit.
 */
class PoissonGlmWorkArraysTest {

    private static double[][] design(SplittableRandom random, int n, int p) {
        double[][] x = new double[n][p];
        int duplicate = 1 + random.nextInt(p - 1);
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 1; j < p; j++) {
                switch (j % 4) {
                    case 0 -> x[i][j] = random.nextInt(3) == 0 ? 1 : 0;
                    case 1 -> x[i][j] = random.nextDouble() * 2 - 1;
                    case 2 -> x[i][j] = i % p == j ? 1 : 0;
                    default -> x[i][j] = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
                }
            }
            if (random.nextInt(10) == 0) {
                Arrays.fill(x[i], 0); // a row with nothing set
            }
        }
        if (random.nextBoolean()) {
            for (double[] row : x) {
                row[p - 1] = row[duplicate]; // exactly collinear: aliased
            }
        }
        if (random.nextInt(3) == 0) {
            for (double[] row : x) {
                row[p - 2] = 0; // never set: aliased
            }
        }
        return x;
    }

    private static double[] counts(SplittableRandom random, int n) {
        double[] y = new double[n];
        int kind = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            y[i] = switch (kind) {
                case 0 -> 0; // all zero
                case 1 -> random.nextInt(2) * 3; // ties: 0 or 3
                default -> random.nextInt(random.nextInt(3) == 0 ? 20 : 3);
            };
        }
        return y;
    }

    private static void assertSameBits(PoissonGlm.Fit reused, PoissonGlm.Fit fresh, String as) {
        assertThat(Arrays.equals(reused.coefficients(), fresh.coefficients())).as("coefficients " + as).isTrue();
        assertThat(Arrays.equals(reused.aliased(), fresh.aliased())).as("aliased " + as).isTrue();
        assertThat(Arrays.equals(reused.fitted(), fresh.fitted())).as("fitted " + as).isTrue();
        assertThat(Arrays.equals(reused.workingWeights(), fresh.workingWeights())).as("working weights " + as).isTrue();
        assertThat(Arrays.deepEquals(reused.covarianceUnscaled(), fresh.covarianceUnscaled())).as("covariance " + as).isTrue();
        assertThat(Arrays.equals(reused.hatValues(), fresh.hatValues())).as("hat values " + as).isTrue();
        assertThat(Double.doubleToLongBits(reused.dispersion())).as("dispersion " + as)
                .isEqualTo(Double.doubleToLongBits(fresh.dispersion()));
        assertThat(reused.residualDf()).as("df " + as).isEqualTo(fresh.residualDf());
        assertThat(reused.iterations()).as("iterations " + as).isEqualTo(fresh.iterations());
        assertThat(reused.converged()).as("converged " + as).isEqualTo(fresh.converged());
    }

    @Test
    void reusedArraysGiveTheFitOfFreshArraysToTheBit() {
        SplittableRandom random = new SplittableRandom(2025);
        int aliasedFits = 0;
        int multiIteration = 0;
        for (int trial = 0; trial < 300; trial++) {
            int p = 2 + random.nextInt(14);
            int n = 1 + random.nextInt(400);
            double[][] x = design(random, n, p);
            double[] y = counts(random, n);
            double[] prior = null;
            if (random.nextBoolean()) {
                prior = new double[n];
                for (int i = 0; i < n; i++) {
                    prior[i] = random.nextInt(5) == 0 ? 0 : 0.5 + random.nextDouble();
                }
            }
            if (trial % 25 == 7) {
                x[random.nextInt(n)][random.nextInt(p)] = Double.NaN; // the dense sums run
            }
            if (trial % 25 == 13) {
                y[random.nextInt(n)] = Double.NaN;
            }
            String as = "trial " + trial + " (n " + n + ", p " + p + ")";
            PoissonGlm.Fit reused = PoissonGlm.fit(x, y, prior);
            assertSameBits(reused, PoissonGlm.fitWithFreshArraysEachIteration(x, y, prior, true), as);
            for (boolean sparse : new boolean[] {true, false}) {
                assertSameBits(PoissonGlm.fit(x, y, prior, sparse),
                        PoissonGlm.fitWithFreshArraysEachIteration(x, y, prior, sparse), as + " sparse " + sparse);
            }
            PoissonGlm.Design grown = new PoissonGlm.Design();
            for (double[] row : x) {
                grown.add(row);
            }
            PoissonGlm.Fit withoutHat = PoissonGlm.fitWithoutHatValues(grown, y, prior);
            assertThat(withoutHat.hatValues()).as("hat values of a grown design " + as).isNull();
            assertThat(Arrays.equals(withoutHat.coefficients(), reused.coefficients()))
                    .as("coefficients of a grown design " + as).isTrue();
            for (boolean a : reused.aliased()) {
                if (a) {
                    aliasedFits++;
                    break;
                }
            }
            multiIteration += reused.iterations() > 2 ? 1 : 0;
        }
        assertThat(aliasedFits).as("fits with an aliased column").isGreaterThan(30);
        assertThat(multiIteration).as("fits of several iterations").isGreaterThan(100);
    }

    /** A fit's arrays are its own: a second fit (which makes new work arrays) leaves the first one's alone. */
    @Test
    void aLaterFitLeavesAnEarlierFitsArraysAlone() {
        SplittableRandom random = new SplittableRandom(9);
        double[][] x = design(random, 200, 8);
        double[] y = counts(random, 200);
        PoissonGlm.Fit first = PoissonGlm.fit(x, y, null);
        double[][] covariance = Arrays.stream(first.covarianceUnscaled()).map(double[]::clone).toArray(double[][]::new);
        double[] coefficients = first.coefficients().clone();
        PoissonGlm.fit(design(random, 150, 8), counts(random, 150), null);
        assertThat(Arrays.deepEquals(first.covarianceUnscaled(), covariance)).isTrue();
        assertThat(Arrays.equals(first.coefficients(), coefficients)).isTrue();
    }
}
