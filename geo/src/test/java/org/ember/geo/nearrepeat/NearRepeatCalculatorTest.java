package org.ember.geo.nearrepeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearRepeatCalculatorTest {
    // Four events A, B, C, D (metres, days). Pairs worked by hand:
    //   AB d = 50,    Δt = 3  -> [0,100]   x [0,7]
    //   AC d = 150,   Δt = 10 -> (100,200] x (7,14]
    //   AD d = 300,   Δt = 1  -> >200      x [0,7]
    //   BC d = 158.1, Δt = 7  -> (100,200] x [0,7]   (7 days is inside [0,7])
    //   BD d = 250,   Δt = 2  -> >200      x [0,7]
    //   CD d = 335.4, Δt = 9  -> >200      x (7,14]
    private static final double[] X = {0, 50, 0, 300};
    private static final double[] Y = {0, 0, 150, 0};
    private static final double[] T = {0, 3, 10, 1};
    private static final Bands SPACE = Bands.of(0, 100, 200);
    private static final Bands TIME = Bands.of(0, 7, 14);

    @Test
    void observedCountsMatchTheHandWorkedPairs() {
        NearRepeatTable table = NearRepeatCalculator.analyse(X, Y, T, SPACE, TIME, 99, 1);
        long[][] expected = {{1, 0, 0}, {1, 1, 0}, {2, 1, 0}};
        for (int s = 0; s < 3; s++) {
            for (int w = 0; w < 3; w++) {
                assertThat(table.cell(s, w).observed()).as("cell %s x %s", SPACE.label(s), TIME.label(w))
                        .isEqualTo(expected[s][w]);
            }
        }
        assertThat(table.cell(1, 0).spaceBand()).isEqualTo("(100-200]");
        assertThat(table.cell(2, 2).timeBand()).isEqualTo(">14");
    }

    @Test
    void expectedCountsEqualTheExactMeanOverAllPermutations() {
        // With 4 events all 24 permutations can be enumerated: the exact null expectation.
        double[][] exact = new double[3][3];
        int[][] perms = permutations(new int[] {0, 1, 2, 3});
        for (int[] perm : perms) {
            double[] t = new double[4];
            for (int i = 0; i < 4; i++) {
                t[i] = T[perm[i]];
            }
            for (int i = 0; i < 4; i++) {
                for (int j = i + 1; j < 4; j++) {
                    int s = SPACE.bandOf(Math.hypot(X[i] - X[j], Y[i] - Y[j]));
                    int w = TIME.bandOf(Math.abs(t[i] - t[j]));
                    exact[s][w] += 1.0 / perms.length;
                }
            }
        }
        NearRepeatTable table = NearRepeatCalculator.analyse(X, Y, T, SPACE, TIME, 20_000, 7);
        for (int s = 0; s < 3; s++) {
            for (int w = 0; w < 3; w++) {
                assertThat(table.cell(s, w).expected()).as("expected %d,%d", s, w).isCloseTo(exact[s][w], within(0.02));
            }
        }
        // Permuting times keeps the all-pairs count of each time band: 4, 2 and 0 pairs.
        for (int w = 0; w < 3; w++) {
            double sum = 0;
            for (int s = 0; s < 3; s++) {
                sum += table.cell(s, w).expected();
            }
            assertThat(sum).isCloseTo(new double[] {4, 2, 0}[w], within(1e-9));
        }
    }

    @Test
    void knoxExpectationEqualsTheAnalyticNullMean() {
        // Under random permutation of times, a space-close pair is time-close with probability
        // (time-close pairs)/(all pairs), so E[close-close] = S·Tc/P exactly.
        SplittableRandom random = new SplittableRandom(3);
        int n = 120;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 2000;
            y[i] = random.nextDouble() * 2000;
            t[i] = Math.floor(random.nextDouble() * 365);
        }
        KnoxResult knox = KnoxTest.run(x, y, t, 300, 14, 4000, 11);
        double spaceClose = knox.spaceAndTime().observed() + knox.spaceOnly().observed();
        double timeClose = knox.spaceAndTime().observed() + knox.timeOnly().observed();
        double pairs = n * (n - 1) / 2.0;
        double analytic = spaceClose * timeClose / pairs;
        assertThat(knox.spaceAndTime().expected()).isCloseTo(analytic, within(analytic * 0.02));
        assertThat(knox.spaceAndTime().observed() + knox.timeOnly().observed() + knox.spaceOnly().observed()
                + knox.neither().observed()).isEqualTo((long) pairs);
    }

    @Test
    void plantedNearRepeatsAreDetectedAndNullDataRarelyIs() {
        KnoxResult planted = knox(withRepeats(5, true), 199);
        assertThat(planted.spaceAndTime().ratio()).isGreaterThan(1.5);
        assertThat(planted.spaceAndTime().p()).isLessThanOrEqualTo(0.01);

        int rejections = 0;
        int datasets = 100;
        for (int k = 0; k < datasets; k++) {
            if (knox(withRepeats(1000 + k, false), 99).spaceAndTime().p() <= 0.05) {
                rejections++;
            }
        }
        // Under the null, P(p ≤ 0.05) ≤ 0.05; allow for sampling error over 100 datasets.
        assertThat(rejections).isLessThanOrEqualTo(12);
    }

    @Test
    void pValueFollowsTheMonteCarloFormula() {
        NearRepeatTable table = NearRepeatCalculator.analyse(X, Y, T, SPACE, TIME, 9, 5);
        for (BandCell cell : table.cells()) {
            double scaled = cell.p() * 10; // (1 + count)/(9 + 1)
            assertThat(scaled).isCloseTo(Math.rint(scaled), within(1e-9)).isBetween(1.0, 10.0);
        }
    }

    @Test
    void bandsRejectNonIncreasingEdges() {
        assertThatThrownBy(() -> Bands.of(0, 100, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bands.of(5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Bands.of(0, 100).bandOf(100)).isZero();
        assertThat(Bands.of(0, 100, 200).bandOf(100.0001)).isEqualTo(1);
        assertThat(Bands.of(10, 100).bandOf(5)).isEqualTo(-1);
    }

    private static KnoxResult knox(double[][] events, int permutations) {
        return KnoxTest.run(events[0], events[1], events[2], 100, 7, permutations, 13);
    }

    /** 80 events in 2 km × 2 km over a year; with repeats, 40 of them follow an earlier one within 50 m and 5 days. */
    private static double[][] withRepeats(long seed, boolean repeats) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 80;
        double[][] e = new double[3][n];
        for (int i = 0; i < n; i++) {
            if (repeats && i >= n / 2) {
                int origin = random.nextInt(n / 2);
                e[0][i] = e[0][origin] + random.nextDouble() * 50;
                e[1][i] = e[1][origin];
                e[2][i] = e[2][origin] + random.nextInt(6);
            } else {
                e[0][i] = random.nextDouble() * 2000;
                e[1][i] = random.nextDouble() * 2000;
                e[2][i] = random.nextInt(365);
            }
        }
        return e;
    }

    private static int[][] permutations(int[] items) {
        if (items.length == 1) {
            return new int[][] {items.clone()};
        }
        java.util.List<int[]> all = new java.util.ArrayList<>();
        for (int k = 0; k < items.length; k++) {
            int[] rest = new int[items.length - 1];
            for (int i = 0, r = 0; i < items.length; i++) {
                if (i != k) {
                    rest[r++] = items[i];
                }
            }
            for (int[] tail : permutations(rest)) {
                int[] perm = new int[items.length];
                perm[0] = items[k];
                System.arraycopy(tail, 0, perm, 1, tail.length);
                all.add(perm);
            }
        }
        return all.toArray(new int[0][]);
    }
}
