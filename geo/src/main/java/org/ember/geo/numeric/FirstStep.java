package org.ember.geo.numeric;

import java.util.Arrays;

/**
 * The first IRLS iteration's sums over a growing design's rows, kept from one fit to the next
 * ({@link PoissonGlm.Design}). That iteration starts at {@code mu = y + 0.1}, so its weights,
 * working responses, normal equations and starting deviance depend on each row's count alone; each
 * sum adds its rows one after the other, in row order. A later fit whose first rows have the same
 * counts (a seasonal history that gained a day) therefore reaches, after those rows, exactly the
 * partial sums the earlier fit reached: it starts from them and adds only its new rows, which gives
 * the same numbers to the bit as adding every row again (a test checks).
 */
final class FirstStep {
    /** Rows the kept sums cover (0: none kept). */
    private int rows;
    /** The counts of those rows, as the sums were made from them. */
    private double[] counts = new double[0];
    /** Normal equations X'WX (upper triangle; the rest is written over from it) and X'Wz after {@link #rows}. */
    private double[][] normal;
    private double[] rhs;
    /** The starting deviance's partial sum after {@link #rows}. */
    private double deviance;

    /**
     * How many leading rows of a fit of {@code y} (with unit prior weights) the kept sums cover: all
     * of those the kept sums were made from, when their counts are still the same; else 0.
     */
    int usableRows(double[] y, int columns) {
        if (rows == 0 || rows > y.length || normal == null || normal.length != columns
                || !Arrays.equals(counts, 0, rows, y, 0, rows)) {
            return 0;
        }
        return rows;
    }

    /** The kept normal equations into {@code a} and {@code b} (which start as zeros). */
    void restore(double[][] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            System.arraycopy(normal[j], 0, a[j], 0, a[j].length);
        }
        System.arraycopy(rhs, 0, b, 0, b.length);
    }

    /** The kept starting deviance's partial sum. */
    double deviance() {
        return deviance;
    }

    /** Keeps the first iteration's sums over all rows of {@code y}. */
    void keep(double[] y, double[][] a, double[] b, double startingDeviance) {
        int p = a.length;
        if (normal == null || normal.length != p) {
            normal = new double[p][p];
            rhs = new double[p];
        }
        for (int j = 0; j < p; j++) {
            System.arraycopy(a[j], 0, normal[j], 0, p);
        }
        System.arraycopy(b, 0, rhs, 0, p);
        if (counts.length < y.length) {
            counts = Arrays.copyOf(counts, Math.max(y.length, counts.length * 2));
        }
        System.arraycopy(y, 0, counts, 0, y.length);
        rows = y.length;
        deviance = startingDeviance;
    }

    /** Forgets the kept sums (a fit whose first iteration did not take the sparse path). */
    void clear() {
        rows = 0;
    }
}
