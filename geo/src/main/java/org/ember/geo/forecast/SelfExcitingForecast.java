package org.ember.geo.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * The self-exciting point process forecast of Mohler et al. (2015): the grid Hawkes process
 * fitted on the training window by {@link HawkesFit} (robust by default, offspring allowed to fall
 * in the eight neighbouring cells), forecasting each cell's expected events in the horizon as
 * μ H plus the offspring still due from the events seen (as {@link HawkesIntensity#expectedCount},
 * with the spread); periods split by the training hour-of-week profile. The last fit is kept for
 * diagnostics.
 */
public final class SelfExcitingForecast implements ForecastMethod {
    private final HawkesFit fit;
    private volatile HawkesFit.Result lastFit;

    public SelfExcitingForecast(HawkesFit fit) {
        this.fit = fit;
    }

    @Override
    public String name() {
        return "hawkes";
    }

    public HawkesFit.Result lastFit() {
        return lastFit;
    }

    public double[] totals(EventSeries events, StudyRegion region, ForecastWindow window) {
        double start = window.trainingStart();
        int first = events.firstAtOrAfter(start);
        int last = events.firstAtOrAfter(window.origin());
        int[] perCell = new int[region.size()];
        int[] cellOf = new int[last - first];
        for (int i = first; i < last; i++) {
            int c = region.indexOfPoint(events.x(i), events.y(i));
            cellOf[i - first] = c;
            if (c >= 0) {
                perCell[c]++;
            }
        }
        // Only cells with events enter the EM; the rest share the prior background.
        int[] slot = new int[region.size()];
        List<Integer> occupied = new ArrayList<>();
        for (int c = 0; c < perCell.length; c++) {
            slot[c] = -1;
            if (perCell[c] > 0) {
                slot[c] = occupied.size();
                occupied.add(c);
            }
        }
        double[][] times = new double[occupied.size()][];
        int[] fill = new int[occupied.size()];
        for (int s = 0; s < times.length; s++) {
            times[s] = new double[perCell[occupied.get(s)]];
        }
        for (int i = first; i < last; i++) {
            int c = cellOf[i - first];
            if (c >= 0) {
                int s = slot[c];
                times[s][fill[s]++] = events.t(i) - start;
            }
        }
        int[][] neighbours = new int[times.length][];
        for (int s = 0; s < times.length; s++) {
            int c = occupied.get(s);
            List<Integer> around = new ArrayList<>();
            for (long dc = -1; dc <= 1; dc++) {
                for (long dr = -1; dr <= 1; dr++) {
                    int m = (dc == 0 && dr == 0) ? -1 : region.indexOf(region.column(c) + dc, region.row(c) + dr);
                    if (m >= 0 && slot[m] >= 0) {
                        around.add(slot[m]);
                    }
                }
            }
            neighbours[s] = around.stream().mapToInt(Integer::intValue).toArray();
        }
        HawkesFit.Result result = fit.fit(times, neighbours, region.size() - occupied.size(), window.trainingDays());
        lastFit = result;
        HawkesParameters p = result.parameters();
        double[] totals = new double[region.size()];
        double h = window.horizonDays();
        java.util.Arrays.fill(totals, result.emptyCellBackground() * h);
        double trainingT = window.trainingDays();
        double carry = p.theta() * (1 - Math.exp(-p.omega() * h));
        for (int s = 0; s < times.length; s++) {
            int c = occupied.get(s);
            totals[c] = p.mu(s) * h;
        }
        // Offspring still due from each cell's events: (1 − spread) to the cell, spread/8 to each neighbour.
        for (int s = 0; s < times.length; s++) {
            int c = occupied.get(s);
            double decayed = 0;
            for (double t : times[s]) {
                decayed += Math.exp(-p.omega() * (trainingT - t));
            }
            totals[c] += carry * (1 - p.spread()) * decayed;
            if (p.spread() > 0) {
                for (long dc = -1; dc <= 1; dc++) {
                    for (long dr = -1; dr <= 1; dr++) {
                        int m = (dc == 0 && dr == 0) ? -1 : region.indexOf(region.column(c) + dc, region.row(c) + dr);
                        if (m >= 0) {
                            totals[m] += carry * p.spread() / 8 * decayed;
                        }
                    }
                }
            }
        }
        return totals;
    }

    @Override
    public double[][] forecast(EventSeries events, StudyRegion region, ForecastWindow window) {
        return HourOfWeekProfile.of(events, window.trainingStart(), window.origin())
                .split(totals(events, region, window), window);
    }
}
