package org.ember.geo.aberration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.ember.geo.aberration.FarringtonControl.ThresholdMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Agreement with R surveillance::farringtonFlexible (fixtures made by make_aberration.R). */
class FarringtonFlexibleTest {
    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "farrington1996_chicago.csv, FARRINGTON, DELTA",
        "noufaily_muan_chicago.csv, NOUFAILY, MUAN",
        "noufaily_nbplugin_chicago.csv, NOUFAILY, NB_PLUGIN"})
    void matchesROnChicagoWeeklyAssaults(String fixture, String variant, ThresholdMethod method) {
        ReferenceCsv input = ReferenceCsv.load("chicago_weekly.csv");
        long[] counts = input.longs("count");
        LocalDate[] dates = new LocalDate[counts.length];
        for (int i = 0; i < counts.length; i++) {
            dates[i] = LocalDate.parse(input.text(i, "date"));
        }
        FarringtonControl control = (variant.equals("FARRINGTON")
                        ? FarringtonControl.farrington1996()
                        : FarringtonControl.noufaily())
                .withThresholdMethod(method);
        assertMatches(ReferenceCsv.load(fixture), new FarringtonFlexible(control).assessAll(counts, dates));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"farrington1996_agona.csv, FARRINGTON", "noufaily_muan_agona.csv, NOUFAILY"})
    void matchesROnSalmonellaAgona(String fixture, String variant) {
        long[] counts = ReferenceCsv.load("salmonella_agona.csv").longs("count");
        FarringtonControl control = (variant.equals("FARRINGTON")
                        ? FarringtonControl.farrington1996()
                        : FarringtonControl.noufaily())
                .withYearsBack(3);
        assertMatches(ReferenceCsv.load(fixture), new FarringtonFlexible(control).assessAll(counts, null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "outbreaks_farrington_by_date.csv, FARRINGTON, true",
        "outbreaks_farrington_by_index.csv, FARRINGTON, false",
        "outbreaks_noufaily_by_date.csv, NOUFAILY, true",
        "outbreaks_noufaily_by_index.csv, NOUFAILY, false"})
    void matchesRWithPastOutbreaksInTheReferenceYears(String fixture, String variant, boolean byDate) {
        ReferenceCsv input = ReferenceCsv.load("outbreaks_weekly.csv");
        long[] counts = input.longs("count");
        LocalDate[] dates = null;
        if (byDate) {
            dates = new LocalDate[counts.length];
            for (int i = 0; i < counts.length; i++) {
                dates[i] = LocalDate.parse(input.text(i, "date"));
            }
        }
        FarringtonControl control = variant.equals("FARRINGTON")
                ? FarringtonControl.farrington1996()
                : FarringtonControl.noufaily();
        List<FarringtonFlexible.Result> results = new FarringtonFlexible(control).assessAll(counts, dates);
        assertMatches(ReferenceCsv.load(fixture), results);
        // The reweighting is what keeps past outbreaks out of the baseline: without it the bound differs.
        List<FarringtonFlexible.Result> unweighted = new FarringtonFlexible(control.withReweight(false))
                .assessAll(counts, dates);
        assertThat(java.util.stream.IntStream.range(0, results.size())
                .filter(i -> Math.abs(results.get(i).upperBound() - unweighted.get(i).upperBound()) > 0.5).count())
                .isGreaterThan(5);
    }

    private static void assertMatches(ReferenceCsv expected, List<FarringtonFlexible.Result> actual) {
        assertThat(actual).hasSize(expected.size());
        int alarms = 0;
        for (int i = 0; i < expected.size(); i++) {
            FarringtonFlexible.Result r = actual.get(i);
            String where = "week index " + expected.text(i, "index");
            assertThat(r.index() + 1).as(where).isEqualTo(Integer.parseInt(expected.text(i, "index")));
            assertThat(r.observed()).as(where).isEqualTo(Long.parseLong(expected.text(i, "observed")));
            assertClose(r.expected(), expected.number(i, "expected"), where + " expected");
            assertClose(r.upperBound(), expected.number(i, "upper_bound"), where + " upper bound");
            assertClose(r.dispersion(), expected.number(i, "phi"), where + " phi");
            assertThat(r.alarm()).as(where + " alarm").isEqualTo(expected.flag(i, "alarm"));
            alarms += r.alarm() ? 1 : 0;
        }
        assertThat(alarms).as("the fixture exercises alarms").isPositive();
    }

    private static void assertClose(double actual, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE));
        }
    }

    @Test
    void referenceWeekOfALeapDayRollsToFirstOfMarchLikeR() {
        // 2016-02-29 is a Monday; R's seq(by = "-1 year") gives 2015-03-01 (a Sunday), whose
        // nearest Monday is 2015-03-02.
        assertThat(FarringtonFlexible.sameWeekYearsBack(LocalDate.of(2016, 2, 29), 1))
                .isEqualTo(LocalDate.of(2015, 3, 2));
        assertThat(FarringtonFlexible.sameWeekYearsBack(LocalDate.of(2019, 6, 3), 2))
                .isEqualTo(LocalDate.of(2017, 6, 5));
    }

    @Test
    void weightsAverageOneAndDownWeightOutliers() {
        double[] omega = FarringtonFlexible.weights(new double[] {0.5, -1, 3, 0.2}, 2.58);
        double sum = 0;
        for (double w : omega) {
            sum += w;
        }
        assertThat(sum / omega.length).isCloseTo(1.0, within(1e-12));
        assertThat(omega[2]).isLessThan(omega[0]);
    }

    @Test
    void refusesWeeksWithoutEnoughHistory() {
        FarringtonFlexible f = new FarringtonFlexible(FarringtonControl.farrington1996());
        long[] counts = new long[300];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.assess(counts, null, 100, 120))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too little history");
    }
}
