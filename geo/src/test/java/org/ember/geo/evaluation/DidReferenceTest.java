package org.ember.geo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ember.geo.fixtures.ReferenceTable;
import org.junit.jupiter.api.Test;

/**
 * Difference-in-differences and event-study estimates and cluster-robust standard errors against R's
 * {@code lm} with {@code sandwich::vcovCL(cluster = ~unit, type = "HC1")} on the panel made by
 * src/test/resources/reference/did-reference.R.
 */
class DidReferenceTest {
    private static final double TOL = 1e-6;

    static Panel fixturePanel() {
        ReferenceTable t = ReferenceTable.load("did-panel.csv");
        int g = 0;
        int periods = 0;
        for (int r = 0; r < t.size(); r++) {
            g = Math.max(g, (int) t.number(r, "unit"));
            periods = Math.max(periods, (int) t.number(r, "period"));
        }
        double[][] y = new double[g][periods];
        boolean[] treated = new boolean[g];
        for (int r = 0; r < t.size(); r++) {
            int u = (int) t.number(r, "unit") - 1;
            y[u][(int) t.number(r, "period") - 1] = t.number(r, "y");
            treated[u] = t.number(r, "treated") == 1;
        }
        List<String> units = new ArrayList<>();
        for (int i = 1; i <= g; i++) {
            units.add("u" + i);
        }
        return new Panel(units, y, treated, 6);
    }

    private static int row(ReferenceTable t, String term) {
        return t.texts("term").indexOf(term);
    }

    @Test
    void differenceInDifferencesEqualsLmWithClusteredErrors() {
        ReferenceTable ref = ReferenceTable.load("did-reference.csv");
        DidEstimate did = DifferenceInDifferences.estimate(fixturePanel());
        assertThat(did.beta()).isCloseTo(ref.number(row(ref, "did"), "estimate"), within(TOL));
        assertThat(did.standardError()).isCloseTo(ref.number(row(ref, "did"), "se"), within(TOL));
        assertThat(did.treatedUnits()).isEqualTo(4);
        assertThat(did.comparisonUnits()).isEqualTo(10);
        assertThat(did.degreesOfFreedom()).isEqualTo(13);
    }

    @Test
    void eventStudyCoefficientsErrorsAndPreTrendTestEqualR() {
        ReferenceTable ref = ReferenceTable.load("did-reference.csv");
        EventStudy.Result es = EventStudy.estimate(fixturePanel());
        assertThat(es.reference()).isEqualTo(5);
        assertThat(es.coefficients()[5]).isZero();
        for (int s = 1; s <= 10; s++) {
            if (s == 6) {
                continue;
            }
            int r = row(ref, "es" + s);
            assertThat(es.coefficients()[s - 1]).as("es%d", s).isCloseTo(ref.number(r, "estimate"), within(TOL));
            assertThat(es.standardErrors()[s - 1]).as("se es%d", s).isCloseTo(ref.number(r, "se"), within(TOL));
        }
        int w = row(ref, "pretrend_wald");
        // The R script stores the Wald statistic as "estimate" and its χ² p-value in the "se" column.
        assertThat(es.preTrendWald()).isCloseTo(ref.number(w, "estimate"), within(1e-6 * ref.number(w, "estimate")));
        assertThat(es.preTrendP()).isCloseTo(ref.number(w, "se"), within(1e-9));
        assertThat(es.preTrendDf()).isEqualTo(5);
    }

    @Test
    void singleTreatmentEstimateIsTheDifferenceOfMeanChanges() {
        Panel p = fixturePanel();
        double[] d = p.unitChanges();
        double t = 0;
        double c = 0;
        for (int i = 0; i < d.length; i++) {
            if (p.treated()[i]) {
                t += d[i] / 4;
            } else {
                c += d[i] / 10;
            }
        }
        assertThat(DifferenceInDifferences.estimate(p).beta()).isCloseTo(t - c, within(1e-12));
    }
}
