package org.ember.geo.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Stacking of forecasts learnt on a rolling origin (Wolpert 1992; for crime forecasts, e.g. the
 * ensembles of Mohler &amp; Porter 2018): λ(c, p) = Σ_m w_m f_m(c, p), with non-negative weights
 * that maximise the Poisson likelihood of what happened after each of the last K origins, each
 * member forecast made then from the data before that origin only. The weights are found by the
 * EM for a Poisson mixture (the multiplicative update
 * w_m ← w_m Σ_j y_j f_mj/λ_j / Σ_j f_mj, which keeps them non-negative and raises the likelihood
 * at each step). The Poisson likelihood is a proxy for ranking quality: the weights favour the
 * member whose counts are best calibrated where events happen.
 */
public final class StackedEnsemble implements ForecastMethod {
    private final List<ForecastMethod> members;
    private final int origins;
    private final double stepDays;

    public StackedEnsemble(List<ForecastMethod> members, int origins, double stepDays) {
        if (members.isEmpty() || origins < 1 || !(stepDays > 0)) {
            throw new IllegalArgumentException("an ensemble needs members, at least one origin and a positive step");
        }
        this.members = List.copyOf(members);
        this.origins = origins;
        this.stepDays = stepDays;
    }

    @Override
    public String name() {
        return "ensemble";
    }

    public List<ForecastMethod> members() {
        return members;
    }

    /**
     * What one past origin contributes to learning: each member's forecast summed over all cells
     * (the Σ_j f_mj), and at the cells and periods where events followed, their count y_j and each
     * member's f_mj.
     */
    public record Evidence(double[] memberTotals, int[] counts, double[][] memberAtEvents) {}

    /** The evidence of one origin from the member forecasts {@code [m][period][cell]} and the counts that followed {@code [period][cell]}. */
    public static Evidence evidence(List<double[][]> memberForecasts, int[][] outcome) {
        int m = memberForecasts.size();
        double[] totals = new double[m];
        List<int[]> at = new ArrayList<>();
        for (int p = 0; p < outcome.length; p++) {
            for (int c = 0; c < outcome[p].length; c++) {
                if (outcome[p][c] > 0) {
                    at.add(new int[] {p, c});
                }
            }
        }
        int[] counts = new int[at.size()];
        double[][] f = new double[m][at.size()];
        for (int k = 0; k < m; k++) {
            double[][] fk = memberForecasts.get(k);
            double s = 0;
            for (double[] row : fk) {
                for (double v : row) {
                    s += v;
                }
            }
            totals[k] = s;
            for (int j = 0; j < at.size(); j++) {
                f[k][j] = fk[at.get(j)[0]][at.get(j)[1]];
            }
        }
        for (int j = 0; j < at.size(); j++) {
            counts[j] = outcome[at.get(j)[0]][at.get(j)[1]];
        }
        return new Evidence(totals, counts, f);
    }

    /** Poisson-mixture EM weights over the pooled evidence; equal weights when there is none. */
    public static double[] learnWeights(List<Evidence> evidence, int members) {
        double[] w = new double[members];
        java.util.Arrays.fill(w, 1.0 / members);
        double[] denominators = new double[members];
        for (Evidence e : evidence) {
            for (int k = 0; k < members; k++) {
                denominators[k] += e.memberTotals()[k];
            }
        }
        for (int iter = 0; iter < 500; iter++) {
            double[] numerators = new double[members];
            for (Evidence e : evidence) {
                for (int j = 0; j < e.counts().length; j++) {
                    double lambda = 0;
                    for (int k = 0; k < members; k++) {
                        lambda += w[k] * e.memberAtEvents()[k][j];
                    }
                    if (lambda > 0) {
                        for (int k = 0; k < members; k++) {
                            numerators[k] += e.counts()[j] * e.memberAtEvents()[k][j] / lambda;
                        }
                    }
                }
            }
            double change = 0;
            for (int k = 0; k < members; k++) {
                double next = denominators[k] > 0 ? w[k] * numerators[k] / denominators[k] : 0;
                change = Math.max(change, Math.abs(next - w[k]));
                w[k] = next;
            }
            if (change < 1e-10) {
                break;
            }
        }
        return w;
    }

    /** Σ_m w_m f_m. */
    public static double[][] combine(List<double[][]> memberForecasts, double[] weights) {
        double[][] first = memberForecasts.get(0);
        double[][] out = new double[first.length][first[0].length];
        for (int k = 0; k < memberForecasts.size(); k++) {
            double[][] f = memberForecasts.get(k);
            for (int p = 0; p < out.length; p++) {
                for (int c = 0; c < out[p].length; c++) {
                    out[p][c] += weights[k] * f[p][c];
                }
            }
        }
        return out;
    }

    /** Counts of the events in [from, to) per period and cell. */
    public static int[][] outcome(EventSeries events, StudyRegion region, double from, double to, Periods periods) {
        int[][] counts = new int[periods.count()][region.size()];
        for (int i = events.firstAtOrAfter(from); i < events.size() && events.t(i) < to; i++) {
            int c = region.indexOfPoint(events.x(i), events.y(i));
            if (c >= 0) {
                counts[events.monthResolution() ? 0 : periods.periodOf(events.t(i))][c]++;
            }
        }
        return counts;
    }

    private volatile double[] lastWeights;

    public double[] lastWeights() {
        return lastWeights == null ? null : lastWeights.clone();
    }

    @Override
    public double[][] forecast(EventSeries events, StudyRegion region, ForecastWindow window) {
        List<Evidence> evidence = new ArrayList<>();
        double h = window.horizonDays();
        for (int k = 1; k <= origins; k++) {
            double pastOrigin = window.origin() - k * Math.max(stepDays, h);
            ForecastWindow past = window.at(pastOrigin, pastOrigin + h);
            List<double[][]> fs = new ArrayList<>();
            for (ForecastMethod m : members) {
                fs.add(m.forecast(events, region, past));
            }
            evidence.add(evidence(fs, outcome(events, region, past.origin(), past.end(), window.periods())));
        }
        double[] w = learnWeights(evidence, members.size());
        lastWeights = w;
        List<double[][]> now = new ArrayList<>();
        for (ForecastMethod m : members) {
            now.add(m.forecast(events, region, window));
        }
        return combine(now, w);
    }
}
