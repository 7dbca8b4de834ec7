package org.ember.geo.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Placebo (permutation) inference for a difference-in-differences estimate: the treatment is
 * re-assigned to other sets of the same number of areas from the same panel, and the observed
 * estimate is compared with the placebo estimates. It does not rely on many clusters, which the
 * cluster-robust standard error needs and an intervention in three cells does not have.
 *
 * <p>Under "the effect is δ in every treated area" the observed outcome minus δ in the treated
 * post-periods is what would have been seen without the intervention, so each δ can be tested by
 * permutation; the 95% interval is every δ not rejected at 5% (test inversion). For a fixed set of
 * assignments each placebo estimate is linear in δ ({@code β_A − δ·w_A}, where {@code w_A} depends
 * on how many truly treated areas assignment A labels treated), so the interval's ends are found
 * exactly among the roots of {@code (β_A − δ w_A)² = (β − δ)²}.
 */
public final class PermutationInference {
    /** Enumerate every assignment when there are at most this many. */
    static final int MAX_ENUMERATED = 5000;

    private PermutationInference() {}

    /**
     * @param pValue        two-sided permutation p-value of no effect
     * @param low           lower end of the interval (NaN when the assignments are too few for the level)
     * @param high          upper end (NaN likewise; infinite when the interval is unbounded)
     * @param assignments   placebo assignments used
     * @param exhaustive    every possible assignment was used
     * @param preTrendSlope treated minus comparison mean slope (offences per unit-week per week) over the pre-period
     * @param preTrendP     placebo p-value of that slope difference (NaN with fewer than 3 pre-weeks)
     */
    public record Result(double pValue, double low, double high, int assignments, boolean exhaustive, double preTrendSlope,
            double preTrendP) {
        /** Smallest p-value these assignments can give. */
        public double smallestPossibleP() {
            return 1.0 / (assignments + (exhaustive ? 0 : 1));
        }
    }

    public static Result infer(Panel panel, int draws, long seed, double alpha) {
        double[] d = panel.unitChanges();
        boolean[] treated = panel.treated();
        int g = d.length;
        int nt = panel.treatedCount();
        int nc = g - nt;
        if (nt < 1 || nc < 1) {
            throw new IllegalArgumentException("need treated and comparison units");
        }
        double observed = contrast(d, treated, nt, nc);
        double combos = combinations(g, nt);
        boolean exhaustive = combos <= MAX_ENUMERATED;
        List<boolean[]> assignments = exhaustive ? allAssignments(g, nt) : randomAssignments(g, nt, draws, seed);
        int r = assignments.size();
        double[] a = new double[r];
        double[] w = new double[r];
        for (int j = 0; j < r; j++) {
            boolean[] asg = assignments.get(j);
            a[j] = contrast(d, asg, nt, nc);
            int overlap = 0;
            for (int i = 0; i < g; i++) {
                if (asg[i] && treated[i]) {
                    overlap++;
                }
            }
            w[j] = (double) overlap / nt - (double) (nt - overlap) / nc;
        }
        // Exhaustive: the observed assignment is one of the r; random: add it (the usual +1).
        int extra = exhaustive ? 0 : 1;
        double p = pAt(0, observed, a, w, extra);
        double[] slopes = preSlopes(panel);
        double slope = Double.NaN;
        double slopeP = Double.NaN;
        if (slopes != null) {
            slope = contrast(slopes, treated, nt, nc);
            int atLeast = extra;
            for (boolean[] asg : assignments) {
                if (Math.abs(contrast(slopes, asg, nt, nc)) >= Math.abs(slope) - 1e-12 * (1 + Math.abs(slope))) {
                    atLeast++;
                }
            }
            slopeP = (double) atLeast / (r + extra);
        }
        double smallest = 1.0 / (r + extra);
        if (smallest > alpha) {
            return new Result(p, Double.NaN, Double.NaN, r, exhaustive, slope, slopeP);
        }
        List<Double> roots = new ArrayList<>();
        for (int j = 0; j < r; j++) {
            addRoots(roots, a[j], w[j], observed);
        }
        double[] br = roots.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().distinct().toArray();
        double low = observed;
        double high = observed;
        if (!(pAt(observed, observed, a, w, extra) > alpha)) {
            return new Result(p, Double.NaN, Double.NaN, r, exhaustive, slope, slopeP);
        }
        // Walk outward from the estimate through the breakpoints while δ stays accepted.
        int idx = Arrays.binarySearch(br, observed);
        int up = idx >= 0 ? idx : -idx - 1;
        high = Double.POSITIVE_INFINITY;
        for (int i = up; i < br.length; i++) {
            if (br[i] <= observed) {
                continue;
            }
            double next = i + 1 < br.length ? (br[i] + br[i + 1]) / 2 : br[i] + 1 + Math.abs(br[i]);
            if (!(pAt(next, observed, a, w, extra) > alpha)) {
                high = br[i];
                break;
            }
        }
        low = Double.NEGATIVE_INFINITY;
        int down = idx >= 0 ? idx : -idx - 2;
        for (int i = down; i >= 0; i--) {
            if (br[i] >= observed) {
                continue;
            }
            double next = i - 1 >= 0 ? (br[i] + br[i - 1]) / 2 : br[i] - 1 - Math.abs(br[i]);
            if (!(pAt(next, observed, a, w, extra) > alpha)) {
                low = br[i];
                break;
            }
        }
        return new Result(p, low, high, r, exhaustive, slope, slopeP);
    }

    /**
     * Per unit, the least-squares slope of its counts on the week over the pre-period; null with
     * fewer than three pre-weeks. A placebo test of the treated areas' mean slope against the
     * comparison areas' does not over-reject with few treated areas, as the clustered Wald test does.
     */
    static double[] preSlopes(Panel panel) {
        int k = panel.firstPost();
        if (k < 3) {
            return null;
        }
        double tBar = (k - 1) / 2.0;
        double sxx = 0;
        for (int t = 0; t < k; t++) {
            sxx += (t - tBar) * (t - tBar);
        }
        double[] out = new double[panel.counts().length];
        for (int i = 0; i < out.length; i++) {
            double sxy = 0;
            for (int t = 0; t < k; t++) {
                sxy += (t - tBar) * panel.counts()[i][t];
            }
            out[i] = sxy / sxx;
        }
        return out;
    }

    /** Permutation p-value of "effect = δ". */
    static double pAt(double delta, double observed, double[] a, double[] w, int extra) {
        double stat = Math.abs(observed - delta);
        int atLeast = extra;
        for (int j = 0; j < a.length; j++) {
            // A small tolerance counts ties as ties despite rounding.
            if (Math.abs(a[j] - delta * w[j]) >= stat - 1e-12 * (1 + stat)) {
                atLeast++;
            }
        }
        return (double) atLeast / (a.length + extra);
    }

    private static void addRoots(List<Double> roots, double a, double w, double b) {
        // (a − δw)² − (b − δ)² = (w² − 1)δ² − 2(aw − b)δ + (a² − b²)
        double qa = w * w - 1;
        double qb = -2 * (a * w - b);
        double qc = a * a - b * b;
        if (Math.abs(qa) < 1e-15) {
            if (Math.abs(qb) > 1e-15) {
                roots.add(-qc / qb);
            }
            return;
        }
        double disc = qb * qb - 4 * qa * qc;
        if (disc < 0) {
            return;
        }
        double sq = Math.sqrt(disc);
        roots.add((-qb - sq) / (2 * qa));
        roots.add((-qb + sq) / (2 * qa));
    }

    private static double contrast(double[] d, boolean[] asg, int nt, int nc) {
        double st = 0;
        double sc = 0;
        for (int i = 0; i < d.length; i++) {
            if (asg[i]) {
                st += d[i];
            } else {
                sc += d[i];
            }
        }
        return st / nt - sc / nc;
    }

    static double combinations(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
            if (c > 1e12) {
                return c;
            }
        }
        return Math.rint(c);
    }

    private static List<boolean[]> allAssignments(int g, int k) {
        List<boolean[]> out = new ArrayList<>();
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = i;
        }
        while (true) {
            boolean[] asg = new boolean[g];
            for (int i : idx) {
                asg[i] = true;
            }
            out.add(asg);
            int i = k - 1;
            while (i >= 0 && idx[i] == g - k + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            idx[i]++;
            for (int j = i + 1; j < k; j++) {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }

    private static List<boolean[]> randomAssignments(int g, int k, int draws, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<boolean[]> out = new ArrayList<>(draws);
        int[] perm = new int[g];
        for (int r = 0; r < draws; r++) {
            for (int i = 0; i < g; i++) {
                perm[i] = i;
            }
            boolean[] asg = new boolean[g];
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(g - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                asg[perm[i]] = true;
            }
            out.add(asg);
        }
        return out;
    }
}
