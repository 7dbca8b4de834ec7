package org.ember.geo.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HawkesFitTest {
    /** Simulates a cell by its branching structure: Poisson immigrants, Poisson(θ) offspring after Exp(ω) delays. */
    static double[] simulate(SplittableRandom random, double mu, double theta, double omega, double horizonT) {
        List<Double> events = new ArrayList<>();
        List<Double> queue = new ArrayList<>();
        int immigrants = poisson(random, mu * horizonT);
        for (int i = 0; i < immigrants; i++) {
            queue.add(random.nextDouble() * horizonT);
        }
        while (!queue.isEmpty()) {
            double t = queue.remove(queue.size() - 1);
            events.add(t);
            int children = poisson(random, theta);
            for (int c = 0; c < children; c++) {
                double child = t - Math.log(1 - random.nextDouble()) / omega;
                if (child < horizonT) {
                    queue.add(child);
                }
            }
        }
        double[] out = events.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(out);
        return out;
    }

    static int poisson(SplittableRandom random, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void robustFitRecoversPlantedParametersWithinTwoStandardErrors() {
        SplittableRandom random = new SplittableRandom(20260106L);
        double horizonT = 2000;
        double theta = 0.4;
        double omega = 0.5;
        double[][] cells = new double[10][];
        for (int n = 0; n < cells.length; n++) {
            cells[n] = simulate(random, 0.05, theta, omega, horizonT);
        }
        HawkesFit.Result fit = HawkesFit.robustDefault().fit(cells, horizonT);
        HawkesParameters p = fit.parameters();
        double[] se = HawkesFit.standardErrors(cells, horizonT, p);
        assertThat(se[0]).isBetween(0.005, 0.1);
        assertThat(se[1]).isBetween(0.01, 0.5);
        assertThat(Math.abs(p.theta() - theta)).isLessThan(2 * se[0]);
        assertThat(Math.abs(p.omega() - omega)).isLessThan(2 * se[1]);
        double meanMu = Arrays.stream(p.mu()).average().orElseThrow();
        assertThat(meanMu).isBetween(0.04, 0.06);
    }

    @Test
    void plainMaximumLikelihoodAlsoRecoversDenseParameters() {
        SplittableRandom random = new SplittableRandom(99L);
        double horizonT = 2000;
        double[][] cells = new double[8][];
        for (int n = 0; n < cells.length; n++) {
            cells[n] = simulate(random, 0.05, 0.3, 1.0, horizonT);
        }
        HawkesParameters p = HawkesFit.plainMaximumLikelihood().fit(cells, horizonT).parameters();
        double[] se = HawkesFit.standardErrors(cells, horizonT, p);
        assertThat(Math.abs(p.theta() - 0.3)).isLessThan(2 * se[0]);
        assertThat(Math.abs(p.omega() - 1.0)).isLessThan(2 * se[1]);
    }

    @Test
    void thetaStepSolvesThePenalisedScoreEquation() {
        double p = 37;
        double e = 410;
        double a = 2;
        double b = 18;
        double theta = HawkesFit.thetaStep(p, e, a, b);
        assertThat((p + a) / theta - b / (1 - theta) - e).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-8));
        assertThat(HawkesFit.thetaStep(40, 400, 0, 0)).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void onASparseSeriesTheRobustFitIsCloserToThePlantedBranchingRatio() {
        // 5,000 cells with a background of one event per 7 years each and θ = 0.3, ω = 0.2 over a
        // year: about 1,100 events in 730 cells, most cells with one or two, as with shootings.
        SplittableRandom random = new SplittableRandom(5);
        List<double[]> occupied = new ArrayList<>();
        int empty = 0;
        for (int n = 0; n < 5000; n++) {
            double[] t = simulate(random, 0.0004, 0.3, 0.2, 365);
            if (t.length > 0) {
                occupied.add(t);
            } else {
                empty++;
            }
        }
        double[][] cells = occupied.toArray(new double[0][]);
        HawkesParameters robust = HawkesFit.robustDefault().fit(cells, null, empty, 365).parameters();
        HawkesParameters plain = HawkesFit.plainMaximumLikelihood().fit(cells, null, empty, 365).parameters();
        assertThat(Math.abs(robust.theta() - 0.3)).isLessThan(0.03);
        assertThat(Math.abs(robust.theta() - 0.3)).isLessThan(Math.abs(plain.theta() - 0.3));
        assertThat(Math.abs(robust.omega() - 0.2)).isLessThan(0.05);
    }
}
