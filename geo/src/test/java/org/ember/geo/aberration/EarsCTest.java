package org.ember.geo.aberration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Agreement with R surveillance::earsC and algo.cusum (fixtures made by make_aberration.R). */
class EarsCTest {
    private static final ReferenceCsv DAILY = ReferenceCsv.load("chicago_daily_2018_2019.csv");

    @ParameterizedTest(name = "{0} baseline {1}")
    @CsvSource({"C1, 7", "C1, 28", "C2, 7", "C2, 28", "C3, 7", "C3, 28"})
    void matchesREarsC(EarsC.Method method, int baseline) {
        long[] counts = DAILY.longs("count");
        Map<String, Integer> dayIndex = DAILY.indexBy("date");
        List<DailyAssessment> actual =
                new EarsC(method, baseline, EarsC.defaultAlpha(method), 0).assess(counts);
        ReferenceCsv expected = ReferenceCsv.load("ears_" + method.name().toLowerCase() + "_b" + baseline + ".csv");
        assertThat(actual).hasSize(expected.size());
        int alarms = 0;
        for (int i = 0; i < expected.size(); i++) {
            DailyAssessment a = actual.get(i);
            String date = expected.text(i, "date");
            assertThat(a.index()).as(date).isEqualTo(dayIndex.get(date));
            assertThat(a.upperBound()).as(date).isCloseTo(expected.number(i, "upper_bound"), within(1e-9));
            assertThat(a.alarm()).as(date).isEqualTo(expected.flag(i, "alarm"));
            alarms += a.alarm() ? 1 : 0;
        }
        assertThat(alarms).as("fixture has alarms").isPositive();
    }

    @Test
    void matchesRStandardCusum() {
        long[] counts = DAILY.longs("count");
        List<DailyAssessment> actual = new StandardizedCusum(1.04, 2.26).assess(counts, 28);
        ReferenceCsv expected = ReferenceCsv.load("cusum_standard.csv");
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            DailyAssessment a = actual.get(i);
            String date = expected.text(i, "date");
            assertThat(a.statistic()).as(date).isCloseTo(expected.number(i, "cusum"), within(1e-9));
            assertThat(a.upperBound()).as(date).isEqualTo(expected.number(i, "upper_bound"));
            assertThat(a.alarm()).as(date).isEqualTo(expected.flag(i, "alarm"));
        }
    }

    @Test
    void cusumHandWorkedExample() {
        // m = 4 (sd 2), k = 0.5, h = 2: counts 4, 8, 8, 2 give z = 0, 2, 2, -1
        // S = max(0, 0 + 0 - .5) = 0; 0 + 2 - .5 = 1.5; 1.5 + 2 - .5 = 3 (alarm); 3 - 1 - .5 = 1.5.
        // U_t = ceil(2 (h + k - S_{t-1}) + 4): 9, 9, 6, 3.
        List<DailyAssessment> r = new StandardizedCusum(0.5, 2).assess(new long[] {4, 4, 8, 8, 2}, 1, 4.0);
        assertThat(r).extracting(DailyAssessment::statistic).containsExactly(0.0, 1.5, 3.0, 1.5);
        assertThat(r).extracting(DailyAssessment::alarm).containsExactly(false, false, true, false);
        assertThat(r).extracting(DailyAssessment::upperBound).containsExactly(9.0, 9.0, 6.0, 3.0);
    }

    @Test
    void c1HandWorkedExample() {
        // Baseline 2,4,6 → mean 4, sd 2; z(0.999) = 3.0902323061678132 → U = 4 + 2z.
        List<DailyAssessment> r = new EarsC(EarsC.Method.C1, 3, 0.001, 0).assess(new long[] {2, 4, 6, 20});
        assertThat(r).hasSize(1);
        assertThat(r.get(0).upperBound()).isCloseTo(4 + 2 * 3.0902323061678132, within(1e-12));
        assertThat(r.get(0).statistic()).isCloseTo(8.0, within(1e-12));
        assertThat(r.get(0).alarm()).isTrue();
    }

    @Test
    void weekdayDetectorComparesLikeWithLike() {
        // Saturdays are busy (10), other days quiet (1): a Saturday of 10 is normal, a Tuesday of 10 is not.
        long[] counts = new long[7 * 9];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = i % 7 == 5 ? 10 + (i / 7) % 2 : 1 + (i / 7) % 2;
        }
        counts[7 * 8 + 5] = 10;
        counts[7 * 8 + 1] = 10;
        List<DailyAssessment> r = new WeekdayBaselineDetector(8, 0.01).assess(counts);
        assertThat(r.get(5).alarm()).as("Saturday").isFalse();
        assertThat(r.get(1).alarm()).as("Tuesday").isTrue();
        assertThat(r.get(1).statistic()).isLessThan(0.01);
    }
}
