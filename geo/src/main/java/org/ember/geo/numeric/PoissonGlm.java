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
                new WeightedLeastSquares.Sparse(design.start, design.column, design.value), false, false,
                priorWeights == null ? design.firstStep : null);
    }

    /** {@link #fit}, skipping the design's zeros or not ({@code sparse}; the same result to the bit, which a test checks). */
    static Fit fit(double[][] x, double[] y, double[] priorWeights, boolean sparse) {
        return fit(x, y, priorWeights, sparse, true);
    }

    private static Fit fit(double[][] x, double[] y, double[] priorWeights, boolean sparse, boolean hatValues) {
        return fit(x, y, priorWeights, sparse ? WeightedLeastSquares.Sparse.of(x) : null, hatValues, false, null);
    }

    /**
     * {@link #fit} with new least-squares arrays in every iteration, as before they were kept for the
     * whole fit: a test checks that keeping them changes nothing, to the bit.
     */
    static Fit fitWithFreshArraysEachIteration(double[][] x, double[] y, double[] priorWeights, boolean sparse) {
        return fit(x, y, priorWeights, sparse ? WeightedLeastSquares.Sparse.of(x) : null, true, true, null);
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
    private static Fit fit(double[][] x, double[] y, double[] priorWeights, WeightedLeastSquares.Sparse nonZero,
            boolean hatValues, boolean freshArraysEachIteration, FirstStep kept) {
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
        WeightedLeastSquares.Work work = new WeightedLeastSquares.Work(p);
        WeightedLeastSquares.Solution sol = null;
        int iter = 0;
        while (iter < MAX_ITERATIONS) {
            iter++;
            int skipped = iter == 1 ? reused : 0;
            for (int i = 0; i < n; i++) {
                z[i] = i < skipped ? 0 : eta[i] + (y[i] - mu[i]) / mu[i];
                workW[i] = prior[i] * mu[i];
            }
            if (freshArraysEachIteration) {
                work = new WeightedLeastSquares.Work(p);
            }
            // The skipped rows' responses were finite when their sums were kept (same counts, same
            // responses), so this is the choice every row's responses would give.
            boolean sparse = nonZero != null && finite(z) && finite(workW);
            if (iter == 1 && kept != null && sparse) {
                work.clear();
                if (reused > 0) {
                    kept.restore(work.a, work.rhs);
                }
                WeightedLeastSquares.accumulate(z, workW, nonZero, work, reused);
                kept.keep(y, work.a, work.rhs, devOld);
                sol = WeightedLeastSquares.solve(work);
            } else {
                if (iter == 1 && kept != null) {
                    kept.clear();
                    // Dense sums over every row, as without kept sums: the skipped responses are needed after all.
                    for (int i = 0; i < reused; i++) {
                        eta[i] = Math.log(mu[i]);
                        z[i] = eta[i] + (y[i] - mu[i]) / mu[i];
                    }
                }
                sol = WeightedLeastSquares.solve(x, z, workW, sparse ? nonZero : null, work);
            }
            coef = sol.coefficients();
            boolean sparseEta = nonZero != null && finite(coef);
            for (int i = 0; i < n; i++) {
                double e = 0;
                if (sparseEta) {
                    for (int jj = nonZero.start[i], end = nonZero.start[i + 1]; jj < end; jj++) {
                        int j = nonZero.column[jj];
                        if (!sol.aliased()[j]) {
                            e += nonZero.value[jj] * coef[j];
                        }
                    }
                } else {
                    for (int j = 0; j < p; j++) {
                        if (!sol.aliased()[j]) {
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
        for (boolean a : sol.aliased()) {
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
        for (double[] row : sol.covariance()) {
            sparseHat &= finite(row);
        }
        for (int i = 0; hatValues && i < n; i++) {
            double h = 0;
            if (sparseHat) {
                int end = nonZero.start[i + 1];
                for (int aa = nonZero.start[i]; aa < end; aa++) {
                    int a = nonZero.column[aa];
                    double xa = nonZero.value[aa];
                    double[] covA = sol.covariance()[a];
                    for (int bb = nonZero.start[i]; bb < end; bb++) {
                        h += xa * covA[nonZero.column[bb]] * nonZero.value[bb];
                    }
                }
            } else {
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        h += x[i][a] * sol.covariance()[a][b] * x[i][b];
                    }
                }
            }
            hat[i] = h * workW[i];
        }
        double[] coefficients = coef.clone();
        for (int j = 0; j < p; j++) {
            if (sol.aliased()[j]) {
                coefficients[j] = Double.NaN;
            }
        }
        return new Fit(coefficients, sol.aliased(), mu.clone(), workW.clone(), sol.covariance(), hat, dispersion, df,
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

    private static boolean finite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
