package org.ember.geo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PermutationInferenceTest {

    private static Panel twoPeriods(double... changes) {
        double[][] y = new double[changes.length][];
        List<String> units = new ArrayList<>();
        for (int i = 0; i < changes.length; i++) {
            y[i] = new double[] {0, changes[i]};
            units.add("u" + i);
        }
        boolean[] treated = new boolean[changes.length];
        treated[0] = true;
        return new Panel(units, y, treated, 1);
    }

    @Test
    void exhaustivePValueByHand() {
        // Changes: treated −3; others 0, 1, −1. Contrasts of the four assignments: −3, 1, 7/3, −1/3.
        // Only the observed one is at least 3 in size: p = 1/4.
        PermutationInference.Result r = PermutationInference.infer(twoPeriods(-3, 0, 1, -1), 999, 1, 0.05);
        assertThat(r.exhaustive()).isTrue();
        assertThat(r.assignments()).isEqualTo(4);
        assertThat(r.pValue()).isCloseTo(0.25, within(1e-12));
        // Four assignments cannot give a 5% test: no interval rather than a misleading one.
        assertThat(r.low()).isNaN();
        assertThat(r.high()).isNaN();
    }

    @Test
    void intervalEndsAreWhereTheBruteForceTestStartsRejecting() {
        SplittableRandom rnd = new SplittableRandom(7);
        int g = 20;
        int periods = 8;
        double[][] y = new double[g][periods];
        boolean[] treated = new boolean[g];
        List<String> units = new ArrayList<>();
        for (int i = 0; i < g; i++) {
            units.add("u" + i);
            treated[i] = i < 3;
            for (int p = 0; p < periods; p++) {
                y[i][p] = rnd.nextInt(10) + (treated[i] && p >= 5 ? -3 : 0);
            }
        }
        Panel panel = new Panel(units, y, treated, 5);
        PermutationInference.Result r = PermutationInference.infer(panel, 999, 3, 0.05);
        assertThat(r.exhaustive()).isTrue();
        assertThat(r.assignments()).isEqualTo(1140);
        double beta = DifferenceInDifferences.estimate(panel).beta();
        assertThat(r.low()).isLessThan(beta);
        assertThat(r.high()).isGreaterThan(beta);
        double eps = 1e-6;
        assertThat(bruteP(panel, r.low() + eps)).isGreaterThan(0.05);
        assertThat(bruteP(panel, r.high() - eps)).isGreaterThan(0.05);
        assertThat(bruteP(panel, r.low() - eps)).isLessThanOrEqualTo(0.05);
        assertThat(bruteP(panel, r.high() + eps)).isLessThanOrEqualTo(0.05);
        assertThat(r.pValue()).isCloseTo(bruteP(panel, 0), within(1e-12));
    }

    /** Subtracts δ from the treated post-periods and re-runs the estimate for every assignment. */
    private static double bruteP(Panel panel, double delta) {
        int g = panel.units().size();
        double[][] y = new double[g][];
        for (int i = 0; i < g; i++) {
            y[i] = panel.counts()[i].clone();
            if (panel.treated()[i]) {
                for (int p = panel.firstPost(); p < panel.periods(); p++) {
                    y[i][p] -= delta;
                }
            }
        }
        double observed = DifferenceInDifferences.estimate(new Panel(panel.units(), y, panel.treated(), panel.firstPost())).beta();
        int atLeast = 0;
        int total = 0;
        for (int a = 0; a < g; a++) {
            for (int b = a + 1; b < g; b++) {
                for (int c = b + 1; c < g; c++) {
                    boolean[] asg = new boolean[g];
                    asg[a] = asg[b] = asg[c] = true;
                    double est = DifferenceInDifferences.estimate(new Panel(panel.units(), y, asg, panel.firstPost())).beta();
                    total++;
                    if (Math.abs(est) >= Math.abs(observed) - 1e-9) {
                        atLeast++;
                    }
                }
            }
        }
        return (double) atLeast / total;
    }
}
