package org.ember.geo.evaluation;

import java.util.List;

/**
 * Counts of a set of areas over consecutive equal periods (weeks, usually): the treated areas of one
 * intervention and their comparison areas, before and during the intervention.
 *
 * @param units     area or cell ids, one per row of {@code counts}
 * @param counts    [unit][period] counts (balanced: every unit has every period, zeros included)
 * @param treated   which units received the intervention
 * @param firstPost index of the first period of the intervention; earlier periods are the pre-period
 */
public record Panel(List<String> units, double[][] counts, boolean[] treated, int firstPost) {
    public Panel {
        units = List.copyOf(units);
        if (counts.length != units.size() || treated.length != units.size()) {
            throw new IllegalArgumentException("units, counts and treated differ in length");
        }
        if (counts.length == 0) {
            throw new IllegalArgumentException("empty panel");
        }
        int t = counts[0].length;
        for (double[] row : counts) {
            if (row.length != t) {
                throw new IllegalArgumentException("unbalanced panel");
            }
        }
        if (firstPost < 1 || firstPost >= t) {
            throw new IllegalArgumentException("need at least one pre and one post period (firstPost " + firstPost + " of " + t + ")");
        }
    }

    public int periods() {
        return counts[0].length;
    }

    public int postPeriods() {
        return periods() - firstPost;
    }

    public int treatedCount() {
        int n = 0;
        for (boolean b : treated) {
            n += b ? 1 : 0;
        }
        return n;
    }

    public int comparisonCount() {
        return units.size() - treatedCount();
    }

    /** Sum of counts of treated (or comparison) units over [from, to). */
    public double total(boolean ofTreated, int from, int to) {
        double s = 0;
        for (int i = 0; i < counts.length; i++) {
            if (treated[i] == ofTreated) {
                for (int p = from; p < to; p++) {
                    s += counts[i][p];
                }
            }
        }
        return s;
    }

    /** Per unit: mean count in the post-period minus mean count in the pre-period. */
    double[] unitChanges() {
        double[] d = new double[counts.length];
        int t = periods();
        for (int i = 0; i < counts.length; i++) {
            double pre = 0;
            double post = 0;
            for (int p = 0; p < t; p++) {
                if (p < firstPost) {
                    pre += counts[i][p];
                } else {
                    post += counts[i][p];
                }
            }
            d[i] = post / (t - firstPost) - pre / firstPost;
        }
        return d;
    }

    /** The treatment regressor D_i · 1[t ≥ firstPost]. */
    double[][] treatmentIndicator() {
        double[][] x = new double[counts.length][periods()];
        for (int i = 0; i < counts.length; i++) {
            if (treated[i]) {
                for (int p = firstPost; p < periods(); p++) {
                    x[i][p] = 1;
                }
            }
        }
        return x;
    }
}
