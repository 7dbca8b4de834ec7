package org.ember.geo.numeric;

import java.util.Arrays;

/**
 * The weighted least-squares step of {@link PoissonGlm}'s iteratively reweighted fit: the normal
 * equations' sums (dense, or skipping the design's zeros) and their solution by a Cholesky
 * factorisation that drops aliased columns as R does. Kept apart from the iteration so each stays
 * small; nothing here changes the numbers.
 */
final class WeightedLeastSquares {
    private static final double ALIAS_TOLERANCE = 1e-7;

    private WeightedLeastSquares() {}

    record Solution(double[] coefficients, boolean[] aliased, double[][] covariance) {}

    /**
     * The arrays of one fit's weighted least-squares steps, allocated once per fit instead of once
     * per iteration (they were most of the seasonal baseline's allocation). Each step clears them
     * first, so it starts from the zeros a fresh array would hold and computes the same numbers in
     * the same order. The last step's coefficients, aliased columns and covariance become the
     * fit's: nothing writes them after the last iteration.
     */
    static final class Work {
        final double[][] a;
        final double[] rhs;
        final double[][] l;
        final double[][] linv;
        final double[][] cov;
        final boolean[] aliased;
        final double[] coef;
        final Solution solution;

        Work(int p) {
            a = new double[p][p];
            rhs = new double[p];
            l = new double[p][p];
            linv = new double[p][p];
            cov = new double[p][p];
            aliased = new boolean[p];
            coef = new double[p];
            solution = new Solution(coef, aliased, cov);
        }

        void clear() {
            for (int j = 0; j < a.length; j++) {
                Arrays.fill(a[j], 0);
                Arrays.fill(l[j], 0);
                Arrays.fill(linv[j], 0);
                Arrays.fill(cov[j], 0);
            }
            Arrays.fill(rhs, 0);
            Arrays.fill(aliased, false);
            Arrays.fill(coef, 0);
        }
    }

    /*
     * Design matrices here are mostly zeros (day, hour and calendar indicators: about 8 of 36
     * columns set in a seasonal row), so the sums skip the zero entries: a skipped term is a
     * product with an exact zero, which adds nothing, as long as every other factor is finite
     * (0 × ∞ would be NaN). Each sum still runs over the same terms in the same order, so the
     * result is the same to the bit; with a non-finite factor the dense loops run instead.
     */

    /**
     * The entries of each row that are not zero, in column order, in three flat arrays: row i's are
     * {@code start[i]} to {@code start[i + 1]}. Read row after row in every pass, so kept together
     * rather than chased through each row's array (the same values, so the same sums).
     */
    static final class Sparse {
        final int[] start;
        final int[] column;
        final double[] value;

        Sparse(int[] start, int[] column, double[] value) {
            this.start = start;
            this.column = column;
            this.value = value;
        }

        static Sparse of(double[][] x) {
            int[] start = new int[x.length + 1];
            for (int i = 0; i < x.length; i++) {
                int m = 0;
                for (double v : x[i]) {
                    m += v != 0 ? 1 : 0;
                }
                start[i + 1] = start[i] + m;
            }
            int[] column = new int[start[x.length]];
            double[] value = new double[column.length];
            for (int i = 0; i < x.length; i++) {
                int at = start[i];
                for (int j = 0; j < x[i].length; j++) {
                    if (x[i][j] != 0) {
                        column[at] = j;
                        value[at++] = x[i][j];
                    }
                }
            }
            return new Sparse(start, column, value);
        }
    }

    /**
     * Solves the normal equations by a Cholesky factorisation that skips columns whose pivot
     * collapses (they are linear combinations of earlier ones), which mirrors R's column pivoting.
     *
     * @param nonZero each row's non-zero entries, or null to sum over every column
     */
    static Solution solve(double[][] x, double[] z, double[] w, Sparse nonZero, Work work) {
        return leastSquares(x, z, w, nonZero, work);
    }

    private static Solution leastSquares(double[][] x, double[] z, double[] w, Sparse nonZero, Work work) {
        work.clear();
        if (nonZero != null) {
            accumulate(z, w, nonZero, work, 0);
            return solve(work);
        }
        int n = z.length;
        int p = x[0].length;
        double[][] a = work.a;
        double[] rhs = work.rhs;
        for (int i = 0; i < n; i++) {
            double wi = w[i];
            if (wi == 0) {
                continue;
            }
            double[] row = x[i];
            for (int j = 0; j < p; j++) {
                double v = wi * row[j];
                rhs[j] += v * z[i];
                for (int k = j; k < p; k++) {
                    a[j][k] += v * row[k];
                }
            }
        }
        return solve(work);
    }

    /**
     * Adds rows {@code from} on of the normal equations' sums, skipping the design's zeros, to
     * {@code work}'s (the upper triangle of X'WX, and X'Wz), row after row.
     */
    static void accumulate(double[] z, double[] w, Sparse nonZero, Work work, int from) {
        double[][] a = work.a;
        double[] rhs = work.rhs;
        int[] columns = nonZero.column;
        double[] values = nonZero.value;
        for (int i = from, n = z.length; i < n; i++) {
            double wi = w[i];
            if (wi == 0) {
                continue;
            }
            double zi = z[i];
            for (int jj = nonZero.start[i], end = nonZero.start[i + 1]; jj < end; jj++) {
                int j = columns[jj];
                double v = wi * values[jj];
                rhs[j] += v * zi;
                double[] aj = a[j];
                for (int kk = jj; kk < end; kk++) {
                    aj[columns[kk]] += v * values[kk];
                }
            }
        }
    }

    /** Solves the normal equations whose sums {@code work} holds (upper triangle of X'WX, X'Wz). */
    static Solution solve(Work work) {
        double[][] a = work.a;
        double[] rhs = work.rhs;
        int p = a.length;
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                a[j][k] = a[k][j];
            }
        }
        boolean[] aliased = work.aliased;
        double[][] l = work.l;
        for (int j = 0; j < p; j++) {
            double diag = a[j][j];
            for (int k = 0; k < j; k++) {
                if (!aliased[k]) {
                    diag -= l[j][k] * l[j][k];
                }
            }
            if (diag <= ALIAS_TOLERANCE * Math.max(a[j][j], Double.MIN_NORMAL)) {
                aliased[j] = true;
                continue;
            }
            l[j][j] = Math.sqrt(diag);
            for (int i = j + 1; i < p; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    if (!aliased[k]) {
                        s -= l[i][k] * l[j][k];
                    }
                }
                l[i][j] = s / l[j][j];
            }
        }
        // Inverse of L (active part), then (X'WX)^-1 = L^-T L^-1.
        double[][] linv = work.linv;
        for (int j = 0; j < p; j++) {
            if (aliased[j]) {
                continue;
            }
            linv[j][j] = 1 / l[j][j];
            for (int i = j + 1; i < p; i++) {
                if (aliased[i]) {
                    continue;
                }
                double s = 0;
                for (int k = j; k < i; k++) {
                    if (!aliased[k]) {
                        s -= l[i][k] * linv[k][j];
                    }
                }
                linv[i][j] = s / l[i][i];
            }
        }
        double[][] cov = work.cov;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (aliased[i] || aliased[j]) {
                    continue;
                }
                double s = 0;
                for (int k = Math.max(i, j); k < p; k++) {
                    if (!aliased[k]) {
                        s += linv[k][i] * linv[k][j];
                    }
                }
                cov[i][j] = s;
            }
        }
        double[] coef = work.coef;
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += cov[i][j] * rhs[j];
            }
            coef[i] = s;
        }
        return work.solution;
    }
}
