package org.ember.geo.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ember.geo.scoring.ForecastScoring;
import org.junit.jupiter.api.Test;

class StackedEnsembleTest {
    @Test
    void weightsRecoverAPlantedMixture() {
        // Outcomes drawn from 0.7·f1 + 0.3·f2 over 40 origins of 500 cells: the Poisson EM finds (0.7, 0.3).
        SplittableRandom random = new SplittableRandom(3);
        List<StackedEnsemble.Evidence> evidence = new ArrayList<>();
        for (int o = 0; o < 40; o++) {
            double[][] f1 = new double[1][500];
            double[][] f2 = new double[1][500];
            double[][] f3 = new double[1][500];
            int[][] y = new int[1][500];
            for (int c = 0; c < 500; c++) {
                f1[0][c] = random.nextDouble() * 2;
                f2[0][c] = random.nextDouble() < 0.1 ? 5 : 0.1;
                f3[0][c] = 1; // a useless flat member
                y[0][c] = HawkesFitTest.poisson(random, 0.7 * f1[0][c] + 0.3 * f2[0][c]);
            }
            evidence.add(StackedEnsemble.evidence(List.of(f1, f2, f3), y));
        }
        double[] w = StackedEnsemble.learnWeights(evidence, 3);
        assertThat(w[0]).isCloseTo(0.7, within(0.05));
        assertThat(w[1]).isCloseTo(0.3, within(0.03));
        assertThat(w[2]).isLessThan(0.05);
    }

    @Test
    void combineIsTheWeightedSum() {
        double[][] a = {{1, 2}, {3, 4}};
        double[][] b = {{10, 0}, {0, 10}};
        double[][] c = StackedEnsemble.combine(List.of(a, b), new double[] {0.5, 0.25});
        assertThat(c[0][0]).isEqualTo(3.0);
        assertThat(c[1][1]).isEqualTo(4.5);
    }

    @Test
    void rollingEvaluationScoresMatchTheListScorerAndNeverSeeTheFuture() {
        // A planted hot cell that only becomes hot after the first evaluated origin.
        SplittableRandom random = new SplittableRandom(11);
        double start = SpatialMethodsTest.day("2024-01-01T00:00");
        List<double[]> rows = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            for (int k = 0; k < 3; k++) {
                rows.add(new double[] {1000 + random.nextDouble() * 400, 2000 + random.nextDouble() * 300,
                        start + d + random.nextDouble()});
            }
            if (d >= 150) {
                rows.add(new double[] {1050, 2050, start + d + 0.5});
            }
        }
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] y = rows.stream().mapToDouble(r -> r[1]).toArray();
        double[] t = rows.stream().mapToDouble(r -> r[2]).toArray();
        EventSeries events = new EventSeries(x, y, t, false);
        StudyRegion region = SpatialMethodsTest.block();
        List<ForecastMethod> methods = List.of(new NaiveCounts(0), new TimeWeightedKde(150, 30));
        RollingEvaluation evaluation = new RollingEvaluation(methods, 2, new double[] {0.1});
        double first = start + 140;
        List<RollingEvaluation.Row> result = evaluation.run(events, region, first, start + 200, 100, Periods.ALL,
                o -> o + 7, o -> o + 7, o -> o - 7);
        assertThat(result).hasSize(8 * 3);
        // Week 1 (origin day 140): the hot cell has no history yet; the naive forecast is
        // rescored here with the list scorer.
        RollingEvaluation.Row naive = result.get(0);
        assertThat(naive.method()).isEqualTo("naive");
        double[][] f = new NaiveCounts(0).forecast(events, region, new ForecastWindow(first, first + 7, 100, Periods.ALL));
        List<org.ember.geo.scoring.ForecastCell> cells = new ArrayList<>();
        for (int c = 0; c < region.size(); c++) {
            cells.add(new org.ember.geo.scoring.ForecastCell(region.centreX(c), region.centreY(c), f[0][c]));
        }
        List<double[]> after = new ArrayList<>();
        List<double[]> before = new ArrayList<>();
        for (double[] r : rows) {
            if (r[2] >= first && r[2] < first + 7) {
                after.add(r);
            } else if (r[2] >= first - 7 && r[2] < first) {
                before.add(r);
            }
        }
        var expected = new ForecastScoring(100).score(cells, after, before, 0.1);
        assertThat(naive.score().hitRate()).isCloseTo(expected.hitRate(), within(1e-12));
        assertThat(naive.score().pai()).isCloseTo(expected.pai(), within(1e-12));
        assertThat(naive.score().pei()).isCloseTo(expected.pei(), within(1e-12));
        assertThat(naive.score().rri()).isEqualTo(expected.rri());
        // Later weeks: once the cell is hot in the training data, every method flags it (2 of 12 cells).
        RollingEvaluation.Row last = result.get(result.size() - 3);
        // The planted cell alone holds 7 of the week's events.
        assertThat(last.score().hitRate() * last.events()).isGreaterThanOrEqualTo(7 - 1e-9);
        assertThat(RollingEvaluation.summarise(result)).hasSize(3);
    }
}
