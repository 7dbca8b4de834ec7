package org.ember.geo.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HawkesIntensityTest {
    @Test
    void intensityOfThreeEventsWorkedByHand() {
        // μ = 0.2, θ = 0.5, ω = 2; events at 1, 1.5, 3. Just before t = 3:
        // λ = 0.2 + 0.5·2·(e^{−2·2} + e^{−2·1.5}) = 0.2 + e^{−4} + e^{−3}.
        double[] times = {1, 1.5, 3};
        double expected = 0.2 + Math.exp(-4) + Math.exp(-3);
        assertThat(HawkesIntensity.intensityDirect(times, 0.2, 0.5, 2, 3)).isCloseTo(expected, within(1e-12));
        double[] atEvents = HawkesIntensity.intensityAtEvents(times, 0.2, 0.5, 2);
        assertThat(atEvents[0]).isCloseTo(0.2, within(1e-12));
        assertThat(atEvents[1]).isCloseTo(0.2 + Math.exp(-1), within(1e-12));
        assertThat(atEvents[2]).isCloseTo(expected, within(1e-12));
    }

    @Test
    void recursionEqualsTheDoubleSumToOneInABillionWithTies() {
        SplittableRandom random = new SplittableRandom(7);
        double[] times = new double[400];
        for (int i = 0; i < times.length; i++) {
            // Times on a 15-minute lattice so that ties occur.
            times[i] = Math.floor(random.nextDouble() * 200 * 96) / 96;
        }
        Arrays.sort(times);
        double mu = 0.03;
        double theta = 0.35;
        double omega = 0.8;
        double[] fast = HawkesIntensity.intensityAtEvents(times, mu, theta, omega);
        for (int i = 0; i < times.length; i++) {
            assertThat(fast[i]).isCloseTo(HawkesIntensity.intensityDirect(times, mu, theta, omega, times[i]),
                    within(1e-9));
        }
    }

    @Test
    void logLikelihoodOfTwoEventsWorkedByHand() {
        // One cell, T = 10, events at 2 and 3, μ = 0.1, θ = 0.4, ω = 1:
        // ℓ = log 0.1 + log(0.1 + 0.4·e^{−1}) − 0.1·10 − 0.4·[(1 − e^{−8}) + (1 − e^{−7})].
        double expected = Math.log(0.1) + Math.log(0.1 + 0.4 * Math.exp(-1)) - 1.0
                - 0.4 * ((1 - Math.exp(-8)) + (1 - Math.exp(-7)));
        double ll = HawkesIntensity.logLikelihood(new double[][] {{2, 3}, {}}, 10,
                new HawkesParameters(new double[] {0.1, 0.05}, 0.4, 1));
        assertThat(ll).isCloseTo(expected - 0.05 * 10, within(1e-12));
    }

    @Test
    void expectedCountIsTheIntegralOfTheIntensity() {
        double[] times = {1, 4, 4.5};
        double mu = 0.1;
        double theta = 0.3;
        double omega = 0.7;
        // Trapezoid integral of λ over [5, 12) with no new events, against the closed form.
        int steps = 200_000;
        double h = 7.0 / steps;
        double sum = 0;
        for (int k = 0; k <= steps; k++) {
            double w = (k == 0 || k == steps) ? 0.5 : 1;
            sum += w * HawkesIntensity.intensityDirect(times, mu, theta, omega, 5 + k * h);
        }
        assertThat(HawkesIntensity.expectedCount(times, mu, theta, omega, 5, 7)).isCloseTo(sum * h, within(1e-9));
    }

    @Test
    void weightedExcitationEqualsTheDirectSumToOneInABillion() {
        SplittableRandom random = new SplittableRandom(8);
        double[] targets = new double[150];
        double[] sources = new double[300];
        double[] weights = new double[300];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = Math.floor(random.nextDouble() * 100 * 24) / 24;
        }
        for (int j = 0; j < sources.length; j++) {
            sources[j] = Math.floor(random.nextDouble() * 100 * 24) / 24;
        }
        Arrays.sort(targets);
        Arrays.sort(sources);
        for (int j = 0; j < sources.length; j++) {
            weights[j] = j % 3 == 0 ? 0.5 : 0.0625;
        }
        double omega = 0.6;
        double[] fast = HawkesIntensity.excitation(targets, sources, weights, omega);
        for (int i = 0; i < targets.length; i++) {
            double direct = 0;
            for (int j = 0; j < sources.length; j++) {
                if (sources[j] < targets[i]) {
                    direct += weights[j] * Math.exp(-omega * (targets[i] - sources[j]));
                }
            }
            assertThat(fast[i]).isCloseTo(direct, within(1e-9));
        }
        // With only the cell's own events at weight 1 it is the per-cell recursion.
        double[] ones = new double[targets.length];
        Arrays.fill(ones, 1);
        double[] own = HawkesIntensity.excitation(targets, targets, ones, omega);
        double[] perCell = HawkesIntensity.excitation(targets, omega);
        for (int i = 0; i < targets.length; i++) {
            assertThat(own[i]).isCloseTo(perCell[i], within(1e-12));
        }
    }
}
