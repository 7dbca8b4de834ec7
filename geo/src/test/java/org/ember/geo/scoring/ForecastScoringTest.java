package org.ember.geo.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastScoringTest {
    /** A 10 x 1 strip of 100 m cells (lower-left corners), scored 10, 9, ..., 1 from west to east. */
    private static List<ForecastCell> strip() {
        List<ForecastCell> cells = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cells.add(new ForecastCell(i * 100, 0, 10 - i));
        }
        return cells;
    }

    @Test
    void handWorkedExample() {
        // 10 events inside: 3 in cell 0, 1 in cell 1, 4 in cell 5, 2 in cell 9; one event outside.
        List<double[]> events = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            events.add(new double[] {50, 50});
        }
        events.add(new double[] {150, 10});
        for (int k = 0; k < 4; k++) {
            events.add(new double[] {520, 99});
        }
        events.add(new double[] {999, 1});
        events.add(new double[] {905, 80});
        events.add(new double[] {5000, 5000});
        // Coverage 20 %: flagged cells 0 and 1 hold 4 of 10 events: hit rate 0.4,
        // PAI = 0.4 / 0.2 = 2; the best two cells (5 and 0) hold 7, so PEI = 4/7.
        ForecastScore s = new ForecastScoring(100).score(strip(), events, 0.2);
        assertThat(s.cells()).isEqualTo(2);
        assertThat(s.hitRate()).isCloseTo(0.4, within(1e-12));
        assertThat(s.pai()).isCloseTo(2.0, within(1e-12));
        assertThat(s.pei()).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void aPerfectForecastHasPeiOne() {
        List<double[]> events = List.of(new double[] {10, 10}, new double[] {10, 20}, new double[] {110, 10});
        ForecastScore s = new ForecastScoring(100).score(strip(), events, 0.1);
        assertThat(s.cells()).isEqualTo(1);
        assertThat(s.pei()).isEqualTo(1.0);
        assertThat(s.pai()).isCloseTo((2.0 / 3) / 0.1, within(1e-12));
    }

    @Test
    void recaptureRateIndexWorkedByHand() {
        // Period before: 2 of 8 events in cells 0-1; period after: 4 of 10 (as in the first example).
        List<double[]> after = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            after.add(new double[] {50, 50});
        }
        after.add(new double[] {150, 10});
        for (int k = 0; k < 6; k++) {
            after.add(new double[] {520, 99});
        }
        List<double[]> before = new ArrayList<>();
        before.add(new double[] {10, 10});
        before.add(new double[] {110, 10});
        for (int k = 0; k < 6; k++) {
            before.add(new double[] {710, 10});
        }
        ForecastScore s = new ForecastScoring(100).score(strip(), after, before, 0.2);
        // RRI = (n/n0)/(N/N0) = (4/2)/(10/8) = 1.6.
        assertThat(s.rri()).isCloseTo(1.6, within(1e-12));
        assertThat(new ForecastScoring(100).score(strip(), after, 0.2).rri()).isNaN();
    }

    @Test
    void arrayFormBreaksTiesByIndexLikeTheListForm() {
        double[] scores = {1, 3, 3, 3, 0, 2};
        int[] events = {5, 0, 1, 2, 0, 0};
        ForecastScore s = ForecastScoring.score(scores, events, null, 0.5);
        // Top 3: cells 1, 2, 3 (ties at 3 by index): 3 of 8 events.
        assertThat(s.cells()).isEqualTo(3);
        assertThat(s.hitRate()).isCloseTo(3.0 / 8, within(1e-12));
        ForecastScore two = ForecastScoring.score(scores, events, null, 1.0 / 3);
        // Top 2 of the three tied cells: the two lowest indices, 1 and 2: 1 event.
        assertThat(two.hitRate()).isCloseTo(1.0 / 8, within(1e-12));
    }
}
