package org.ember.geo.numeric;

import java.util.Arrays;

/**
 * Log-link Poisson / quasi-Poisson regression fitted by iteratively reweighted least squares,
 * following R's {@code glm.fit} step for step so that results agree with R to rounding: start at
 * {@code mu = y + 0.1}, stop when {@code |dev − dev_old| / (|dev| + 0.1) < 1e-8} (at most 25
 * iterations), and report the working weights, covariance and hat values of the <em>last</em>
 * iteration's weighted least-squares problem (as {@code summary.glm}, {@code predict.glm} and
 * {@code hatvalues} do), while fitted values come from the final coefficients.
 *
 * <p>Aliased columns (exactly collinear with earlier ones) are dropped like R's pivoting QR does
 * and get a NaN coefficient.
 */
public final class PoissonGlm {
    private static final double EPSILON = 1e-8;
    private static final int MAX_ITERATIONS = 25;
    private static final double ALIAS_TOLERANCE = 1e-7;

    private PoissonGlm() {}

    /**
     * The fitted model. Arrays are owned by the fit; callers must not modify them. The hat values
     * are null for a fit made by {@link #fitWithoutHatValues}.
     */
    public record Fit(
            double[] coefficients,
            boolean[] aliased,
            double[] fitted,
            double[] workingWeights,
            double[][] covarianceUnscaled,
            double[] hatValues,
            double dispersion,
            int residualDf,
            boolean converged,
            int iterations) {

        /** Linear predictor x·β for a new design row (aliased columns ignored). */
        public double linearPredictor(double[] row) {
            double eta = 0;
            for (int j = 0; j < row.length; j++) {
                if (!aliased[j]) {
                    eta += row[j] * coefficients[j];
                }
            }
            return eta;
        }

        /** x' (X'WX)⁻¹ x for a new design row: the unscaled variance of its linear predictor. */
        public double unscaledVariance(double[] row) {
            double v = 0;
            for (int i = 0; i < row.length; i++) {
                for (int j = 0; j < row.length; j++) {
                    v += row[i] * covarianceUnscaled[i][j] * row[j];
                }
            }
            return v;
        }

        /** Standard error of coefficient j with the estimated (quasi-Poisson) dispersion. */
        public double standardError(int j) {
            return Math.sqrt(covarianceUnscaled[j][j] * dispersion);
        }

        /** Two-sided p-value of coefficient j as {@code summary.glm} gives for the quasi-Poisson family. */
        public double pValue(int j) {
            double t = coefficients[j] / standardError(j);
            return Distributions.studentTTwoSidedP(t, residualDf);
        }
    }

    /**
     * Fits {@code log E[y] = X β} with prior weights.
     *
     * @param x design matrix, one row per observation
     * @param y counts
     * @param priorWeights prior weights (null = all 1)
     */
    public static Fit fit(double[][] x, double[] y, double[] priorWeights) {
        return fit(x, y, priorWeights, true, true);
    }

    /**
     * {@link #fit} for a caller that only predicts from the coefficients: the same fit to the bit,
     * but without the hat values ({@link Fit#hatValues} is null), which cost a pass over the design
     * about as dear as two iterations.
     */
    public static Fit fitWithoutHatValues(double[][] x, double[] y, double[] priorWeights) {
        return fit(x, y, priorWeights, true, false);
    }

    /**
     * {@link #fitWithoutHatValues} of the first {@code y.length} rows of a design kept between fits,
     * whose non-zero entries were found once when each row was added ({@link Design}).
     */
    public static Fit fitWithoutHatValues(Design design, double[] y, double[] priorWeights) {
        if (y.length > design.size) {
            throw new IllegalArgumentException(y.length + " counts for a design of " + design.size + " rows");
        }
        return fit(Arrays.copyOf(design.rows, y.length), y, priorWeights,
                new Sparse(design.start, design.column, design.value), false, false,
                priorWeights == null ? design.firstStep : null);
    }

    /** {@link #fit}, skipping the design's zeros or not ({@code sparse}; the same result to the bit, which a test checks). */
    static Fit fit(double[][] x, double[] y, double[] priorWeights, boolean sparse) {
        return fit(x, y, priorWeights, sparse, true);
    }

    private static Fit fit(double[][] x, double[] y, double[] priorWeights, boolean sparse, boolean hatValues) {
        return fit(x, y, priorWeights, sparse ? Sparse.of(x) : null, hatValues, false, null);
    }

    /**
     * {@link #fit} with new least-squares arrays in every iteration, as before they were kept for the
     * whole fit: a test checks that keeping them changes nothing, to the bit.
     */
    static Fit fitWithFreshArraysEachIteration(double[][] x, double[] y, double[] priorWeights, boolean sparse) {
        return fit(x, y, priorWeights, sparse ? Sparse.of(x) : null, true, true, null);
    }

    /**
     * A design matrix that grows a row at a time between fits (a seasonal history gains an hour's
     * row and keeps the others): each row's non-zero entries are found once, when it is added,
     * instead of by a pass over the whole design at every fit. Rows are kept, not copied: the
     * caller must not change one after adding it.
     */
    public static final class Design {
        private double[][] rows = new double[64][];
        private int[] start = new int[65];
        private int[] column = new int[512];
        private double[] value = new double[512];
        private int size;
        /** The first iteration's sums over the rows last fitted, for the next fit to start from. */
        private final FirstStep firstStep = new FirstStep();

        /** Rows added so far. */
        public int size() {
            return size;
        }

        /** Appends a row (all rows of one design have the same length). */
        public void add(double[] row) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size * 2);
                start = Arrays.copyOf(start, size * 2 + 1);
            }
            int at = start[size];
            if (at + row.length > column.length) {
                int capacity = Math.max(column.length * 2, at + row.length);
                column = Arrays.copyOf(column, capacity);
                value = Arrays.copyOf(value, capacity);
            }
            for (int j = 0; j < row.length; j++) {
                if (row[j] != 0) {
                    column[at] = j;
                    value[at++] = row[j];
                }
            }
            rows[size++] = row;
            start[size] = at;
        }
    }

    /**
     * @param kept the first iteration's sums kept from an earlier fit of the same design's first
     *             rows (null: none; only for unit prior weights and {@code nonZero})
     */
    private static Fit fit(double[][] x, double[] y, double[] priorWeights, Sparse nonZero, boolean hatValues,
            boolean freshArraysEachIteration, FirstStep kept) {
        int n = y.length;
        int p = x[0].length;
        double[] prior = priorWeights == null ? filled(n, 1.0) : priorWeights;
        // Rows whose first-iteration terms the kept sums already hold: their working responses are
        // not needed (their linear predictor is worked out afresh after the first step).
        int reused = kept == null || nonZero == null ? 0 : kept.usableRows(y, p);
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            mu[i] = y[i] + 0.1;
            eta[i] = i < reused ? 0 : Math.log(mu[i]);
        }
        double devOld = reused > 0 ? deviance(y, mu, prior, reused, kept.deviance()) : deviance(y, mu, prior);
        boolean converged = false;
        double[] coef = new double[p];
        double[] workW = new double[n];
        double[] z = new double[n];
        Work work = new Work(p);
        Solution sol = null;
        int iter = 0;
        while (iter < MAX_ITERATIONS) {
            iter++;
            int skipped = iter == 1 ? reused : 0;
            for (int i = 0; i < n; i++) {
                z[i] = i < skipped ? 0 : eta[i] + (y[i] - mu[i]) / mu[i];
                workW[i] = prior[i] * mu[i];
            }
            if (freshArraysEachIteration) {
                work = new Work(p);
            }
            // The skipped rows' responses were finite when their sums were kept (same counts, same
            // responses), so this is the choice every row's responses would give.
            boolean sparse = nonZero != null && finite(z) && finite(workW);
            if (iter == 1 && kept != null && sparse) {
                work.clear();
                if (reused > 0) {
                    kept.restore(work.a, work.rhs);
                }
                accumulate(z, workW, nonZero, work, reused);
                kept.keep(y, work.a, work.rhs, devOld);
                sol = solve(work);
            } else {
                if (iter == 1 && kept != null) {
                    kept.clear();
                    // Dense sums over every row, as without kept sums: the skipped responses are needed after all.
                    for (int i = 0; i < reused; i++) {
                        eta[i] = Math.log(mu[i]);
                        z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
                    }
                }
                sol = weightedLeastSquares(x, z, workW, sparse ? nonZero : null, work);
            }
            coef = sol.coefficients;
            boolean sparseEta = nonZero != null && finite(coef);
            for (int i = 0; i < n; i++) {
                double e = 0;
                if (sparseEta) {
                    for (int jj = nonZero.start[i], end = nonZero.start[i + 1]; jj < end; jj++) {
                        int j = nonZero.column[jj];
                        if (!sol.aliased[j]) {
                            e += nonZero.value[jj] * coef[j];
                        }
                    }
                } else {
                    for (int j = 0; j < p; j++) {
                        if (!sol.aliased[j]) {
                            e += x[i][j] * coef[j];
                        }
                    }
                }
                eta[i] = e;
                mu[i] = Math.exp(e);
            }
            double dev = deviance(y, mu, prior);
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < EPSILON) {
                converged = true;
                break;
            }
            devOld = dev;
        }
        int rank = 0;
        for (boolean a : sol.aliased) {
            if (!a) {
                rank++;
            }
        }
        int nOk = 0;
        double pearson = 0;
        for (int i = 0; i < n; i++) {
            if (prior[i] != 0) {
                nOk++;
            }
            double r = (y[i] - mu[i]) / mu[i];
            if (workW[i] > 0) {
                pearson += workW[i] * r * r;
            }
        }
        int df = nOk - rank;
        double dispersion = df > 0 ? pearson / df : Double.NaN;
        double[] hat = hatValues ? new double[n] : null;
        boolean sparseHat = nonZero != null;
        for (double[] row : sol.covariance) {
            sparseHat &= finite(row);
        }
        for (int i = 0; hatValues && i < n; i++) {
            double h = 0;
            if (sparseHat) {
                int end = nonZero.start[i + 1];
                for (int aa = nonZero.start[i]; aa < end; aa++) {
                    int a = nonZero.column[aa];
                    double xa = nonZero.value[aa];
                    double[] covA = sol.covariance[a];
                    for (int bb = nonZero.start[i]; bb < end; bb++) {
                        h += xa * covA[nonZero.column[bb]] * nonZero.value[bb];
                    }
                }
            } else {
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        h += x[i][a] * sol.covariance[a][b] * x[i][b];
                    }
                }
            }
            hat[i] = h * workW[i];
        }
        double[] coefficients = coef.clone();
        for (int j = 0; j < p; j++) {
            if (sol.aliased[j]) {
                coefficients[j] = Double.NaN;
            }
        }
        return new Fit(coefficients, sol.aliased, mu.clone(), workW.clone(), sol.covariance, hat, dispersion, df,
                converged, iter);
    }

    /** Poisson deviance Σ 2w(y log(y/μ) − (y − μ)). */
    public static double deviance(double[] y, double[] mu, double[] w) {
        return deviance(y, mu, w, 0, 0);
    }

    /** {@link #deviance} continued from {@code partial}, the sum over the first {@code from} rows. */
    private static double deviance(double[] y, double[] mu, double[] w, int from, double partial) {
        double dev = partial;
        for (int i = from; i < y.length; i++) {
            double term = y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0;
            dev += 2 * w[i] * (term - (y[i] - mu[i]));
        }
        return dev;
    }

    private record Solution(double[] coefficients, boolean[] aliased, double[][] covariance) {}

    /**
     * The arrays of one fit's weighted least-squares steps, allocated once per fit instead of once
     * per iteration (they were most of the seasonal baseline's allocation). Each step clears them
     * first, so it starts from the zeros a fresh array would hold and computes the same numbers in
     * the same order. The last step's coefficients, aliased columns and covariance become the
     * fit's: nothing writes them after the last iteration.
     */
    private static final class Work {
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
    private static final class Sparse {
        final int[] start;
        final int[] column;
        final double[] value;

        private Sparse(int[] start, int[] column, double[] value) {
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

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Solves the normal equations by a Cholesky factorisation that skips columns whose pivot
     * collapses (they are linear combinations of earlier ones), which mirrors R's column pivoting.
     *
     * @param nonZero each row's non-zero entries, or null to sum over every column
     */
    private static Solution weightedLeastSquares(double[][] x, double[] z, double[] w, Sparse nonZero, Work work) {
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
    private static void accumulate(double[] z, double[] w, Sparse nonZero, Work work, int from) {
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
    private static Solution solve(Work work) {
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

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
