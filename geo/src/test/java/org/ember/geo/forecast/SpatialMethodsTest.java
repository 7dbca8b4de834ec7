package org.ember.geo.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.ember.geo.density.QuarticKernel;
import org.junit.jupiter.api.Test;

class SpatialMethodsTest {
    static double day(String isoLocal) {
        return LocalDateTime.parse(isoLocal).toEpochSecond(ZoneOffset.UTC) / 86400.0;
    }

    /** A 4 × 3 block of 100 m cells, columns 10..13, rows 20..22. */
    static StudyRegion block() {
        List<long[]> cells = new java.util.ArrayList<>();
        for (long c = 10; c <= 13; c++) {
            for (long r = 20; r <= 22; r++) {
                cells.add(new long[] {c, r});
            }
        }
        return StudyRegion.of(100, cells);
    }

    @Test
    void hourOfWeekReadsTheLocalClock() {
        assertThat(Periods.hourOfWeek(day("2025-03-03T00:30"))).isZero(); // a Monday
        assertThat(Periods.hourOfWeek(day("2025-03-09T23:59"))).isEqualTo(167);
        assertThat(Periods.DAY_NIGHT.periodOf(day("2025-03-05T07:00"))).isZero();
        assertThat(Periods.DAY_NIGHT.periodOf(day("2025-03-05T19:00"))).isEqualTo(1);
    }

    @Test
    void naiveCountsScaleTheLookBackToTheHorizon() {
        double origin = day("2025-03-01T00:00");
        EventSeries events = new EventSeries(new double[] {1050, 1050, 1150, 1250, 1050},
                new double[] {2050, 2060, 2150, 2250, 2050}, new double[] {origin - 5, origin - 1, origin - 2, origin - 30, origin + 1}, false);
        StudyRegion region = block();
        double[][] f = new NaiveCounts(10).forecast(events, region, new ForecastWindow(origin, origin + 7, 28, Periods.ALL));
        // Look-back 10 days holds two events in (10, 20) and one in (11, 21): × 7/10.
        assertThat(f[0][region.indexOf(10, 20)]).isCloseTo(1.4, within(1e-12));
        assertThat(f[0][region.indexOf(11, 21)]).isCloseTo(0.7, within(1e-12));
        assertThat(f[0][region.indexOf(12, 22)]).isZero();
    }

    @Test
    void timeWeightedKdeEqualsTheFormulaWorkedOutDirectly() {
        double origin = day("2025-03-01T00:00");
        double[] x = {1120, 1210, 1333, 1000};
        double[] y = {2075, 2140, 2290, 1500};
        double[] t = {origin - 1.5, origin - 10, origin - 40, origin - 100}; // the last is outside 60 training days
        EventSeries events = new EventSeries(x, y, t, false);
        StudyRegion region = block();
        double h = 150;
        double tau = 20;
        TimeWeightedKde kde = new TimeWeightedKde(h, tau);
        ForecastWindow window = new ForecastWindow(origin, origin + 7, 60, Periods.ALL);
        double[] totals = kde.totals(events, region, window);
        double sumW = 0;
        for (int i = 0; i < 3; i++) {
            sumW += Math.exp(-(origin - t[i]) / tau);
        }
        for (int c = 0; c < region.size(); c++) {
            double density = 0;
            for (int i = 0; i < 3; i++) {
                double dx = region.centreX(c) - x[i];
                double dy = region.centreY(c) - y[i];
                density += Math.exp(-(origin - t[i]) / tau) * QuarticKernel.at(Math.hypot(dx, dy), h);
            }
            double expected = 7 * (3 / 60.0) * density * 100 * 100 / sumW;
            assertThat(totals[c]).isCloseTo(expected, within(1e-9));
        }
        assertThat(totals[region.indexOf(11, 20)]).isPositive();
    }

    @Test
    void seasonalAdjustmentKeepsTheBaseTotalAndSplitsByTheCellsOwnClock() {
        // Cell (10, 20) sees only night-time events, cell (13, 22) only daytime ones.
        int n = 200;
        double origin = day("2025-03-03T00:00");
        double[] x = new double[n];
        double[] y = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            boolean night = i % 2 == 0;
            x[i] = night ? 1050 : 1350;
            y[i] = night ? 2050 : 2250;
            t[i] = Math.floor(origin - 1 - i / 2) + (night ? 23.5 / 24 : 12.5 / 24);
        }
        EventSeries events = new EventSeries(x, y, t, false);
        StudyRegion region = block();
        TimeWeightedKde kde = new TimeWeightedKde(120, 0);
        SeasonalAdjustment seasonal = new SeasonalAdjustment(kde, DayTypes.NONE, 20);
        ForecastWindow window = new ForecastWindow(origin, origin + 7, 200, Periods.DAY_NIGHT);
        double[] base = kde.totals(events, region, window);
        double[][] f = seasonal.forecast(events, region, window);
        int nightCell = region.indexOf(10, 20);
        int dayCell = region.indexOf(13, 22);
        for (int c = 0; c < region.size(); c++) {
            assertThat(f[0][c] + f[1][c]).isCloseTo(base[c], within(1e-9 * Math.max(1, base[c])));
        }
        assertThat(f[1][nightCell] / base[nightCell]).isGreaterThan(0.8);
        assertThat(f[0][dayCell] / base[dayCell]).isGreaterThan(0.8);
    }

    @Test
    void bankHolidaysRaiseTheLevelByTheirObservedRate() {
        // Events every ordinary day once and three times on each "holiday" (every 7th day).
        double origin = day("2025-06-02T00:00");
        java.util.List<Double> times = new java.util.ArrayList<>();
        for (int d = 1; d <= 140; d++) {
            double t0 = Math.floor(origin) - d + 0.5;
            int reps = d % 7 == 0 ? 3 : 1;
            for (int k = 0; k < reps; k++) {
                times.add(t0 + k * 0.01);
            }
        }
        double[] t = times.stream().mapToDouble(Double::doubleValue).toArray();
        double[] x = new double[t.length];
        double[] y = new double[t.length];
        java.util.Arrays.fill(x, 1150);
        java.util.Arrays.fill(y, 2150);
        DayTypes holidays = date -> Math.floorMod((long) Math.floor(origin) - date.toEpochDay(), 7L) == 0 ? DayTypes.BANK_HOLIDAY : DayTypes.ORDINARY;
        SeasonalAdjustment seasonal = new SeasonalAdjustment(new TimeWeightedKde(100, 0), holidays, 20);
        double[] f = seasonal.dayFactors(new EventSeries(x, y, t, false), 0, t.length, Math.floor(origin) - 140, Math.floor(origin));
        // 120 ordinary days with 120 events, 20 holidays with 60: (60 + 1)/(20 + 1) over (120 + 1)/(120 + 1).
        assertThat(f[DayTypes.BANK_HOLIDAY]).isCloseTo(61.0 / 21, within(1e-12));
        assertThat(f[DayTypes.ORDINARY]).isCloseTo(1.0, within(1e-12));
    }
}
