package org.ember.geo.math;

import java.util.Arrays;
import java.util.Comparator;

/** Benjamini–Hochberg adjusted p-values, computed exactly as R's {@code p.adjust(p, "BH")}. */
public final class FalseDiscoveryRate {
    private FalseDiscoveryRate() {}

    /**
     * Returns q_i = min over k ≥ rank(i) of min(1, m·p_(k)/k), where m counts the non-NaN p-values.
     * NaN entries stay NaN and do not count in m (R drops NAs the same way). A feature is
     * significant at FDR level α exactly when q_i ≤ α, which is the BH step-up rule
     * p_(k) ≤ k·α/m.
     */
    public static double[] benjaminiHochberg(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] ranked = Arrays.copyOf(order, m);
        Arrays.sort(ranked, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            int rank = m - k; // rank in increasing order, 1-based
            int i = ranked[k];
            running = Math.min(running, (double) m / rank * p[i]);
            adjusted[i] = Math.min(1.0, running);
        }
        return adjusted;
    }
}
