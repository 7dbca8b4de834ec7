package org.ember.geo.forecast;

/**
 * Fits the per-cell Hawkes process of Mohler et al. (2015, "Randomized controlled field trials of
 * predictive policing", JASA 110:1399) robustly on sparse series.
 *
 * <p><b>Why not the plain EM.</b> The EM of Mohler et al. (and Veen &amp; Schoenberg 2008) gives each
 * cell its own free background μ_n. On a sparse series (NYPD shootings: most 150 m cells hold 0–2
 * events a year) a cell's background alone explains its one or two events, the E-step hands every
 * event to the background, θ shrinks towards 0 and the fixed point θ = 0 absorbs it (once every
 * p_ij is 0 it stays 0); when repeats do exist, the joint ω-step chases the few near-simultaneous
 * pairs and ω runs off to hours, the opposite degenerate fit. Three changes keep the fit stable:
 * <ol>
 * <li><b>Empirical-Bayes background.</b> μ_n gets a Gamma prior (density ∝ μ^a e^{−bμ}) matched by
 *   moments to the mean m and variance v of the training counts over all cells of the region, net
 *   of the dispersion that triggering itself creates at the θ of a first, plain fit (see
 *   {@link #backgroundPrior}), then held fixed; its M-step is
 *   μ_n = (Σ_i p_ii + a)/(T + b). Cells borrow strength from the whole map and cannot swallow
 *   their own repeats; when counts are not over-dispersed beyond clustering the background is pooled.</li>
 * <li><b>A weak prior on θ</b>, Beta with mode θ₀ and weight κ pseudo-events (defaults θ₀ = 0.1, κ = 20,
 *   tiny next to thousands of events), which keeps θ off the absorbing boundary: the M-step solves
 *   (P + κθ₀)/θ − κ(1 − θ₀)/(1 − θ) = E, P the triggered share of the events and E = Σ_i (1 − e^{−ω(T−t_i)}).</li>
 * <li><b>Offspring may land next door.</b> Near repeats of shootings fall within a block or two,
 *   often across a 150 m cell edge; a share {@code spread} of each event's offspring goes to the eight
 *   neighbouring cells (spread/8 each), profiled over {0, ½, 8/9} (a mass-conserving grid version
 *   of the spatial kernel of ETAS-type crime models, Mohler et al. 2011, JASA 106:100).</li>
 * <li><b>ω by profile.</b> The EM runs for (μ, θ) at each ω of a log grid of mean delays
 *   (0.25–180 days), then a golden-section search refines ω between the neighbours of the best
 *   grid point, maximising the penalised log-likelihood. ω cannot run off beyond the grid.</li>
 * </ol>
 * With {@code robust = false} the same code runs the plain maximum-likelihood EM (free μ_n, no
 * priors), still profiled over ω, for comparison.
 */
public final class HawkesFit {
    private static final double MIN_DELAY_DAYS = 0.25;
    private static final double MAX_DELAY_DAYS = 180;
    private static final int GRID = 10;

    private final boolean robust;
    private int maxIterations = 200;
    private int gridStride = 1;
    private final double thetaMode;
    private final double thetaWeight;

    public HawkesFit(boolean robust, double thetaMode, double thetaWeight) {
        if (!(thetaMode > 0 && thetaMode < 1) || !(thetaWeight >= 0)) {
            throw new IllegalArgumentException("theta prior needs 0 < mode < 1 and weight >= 0");
        }
        this.robust = robust;
        this.thetaMode = thetaMode;
        this.thetaWeight = thetaWeight;
    }

    public static HawkesFit robustDefault() {
        return new HawkesFit(true, 0.1, 20);
    }

    public static HawkesFit plainMaximumLikelihood() {
        return new HawkesFit(false, 0.1, 0);
    }

    /** The first stage of the robust fit: only its θ is used, so fewer EM iterations do. */
    private static HawkesFit plainStage() {
        HawkesFit f = plainMaximumLikelihood();
        f.maxIterations = 60;
        f.gridStride = 2;
        return f;
    }

    /** The background prior (density ∝ μ^a e^{−bμ}) in use; a = b = 0 for the plain fit. */
    public record BackgroundPrior(double a, double b) {}

    /** Mean and variance of the training counts per cell, over every cell of the region. */
    record CountMoments(double mean, double variance) {}

    static CountMoments moments(double[][] cellTimes, int emptyCells) {
        double sum = 0;
        double squares = 0;
        for (double[] times : cellTimes) {
            sum += times.length;
            squares += (double) times.length * times.length;
        }
        int n = cellTimes.length + emptyCells;
        double m = sum / n;
        return new CountMoments(m, squares / n - m * m);
    }

    /**
     * The Gamma background prior matched to the count moments given θ. A cell's count k given μ has
     * mean μT/(1−θ) and variance μT/(1−θ)³ (Poisson clusters of mean size 1/(1−θ)); over cells,
     * E[μ]T = m(1−θ) and Var(μ)T² = (1−θ)²(v − m/(1−θ)²). A Gamma(α, β) with those moments gives the
     * posterior-mean update μ_n = (Σ_i p_ii + α)/(T + β). Without excess dispersion the background is
     * pooled (a very strong prior at the common rate).
     */
    BackgroundPrior backgroundPrior(CountMoments counts, double theta, double horizonT) {
        if (!robust || counts.mean() == 0) {
            return new BackgroundPrior(0, 0);
        }
        double meanMuT = counts.mean() * (1 - theta);
        double excess = (1 - theta) * (1 - theta) * counts.variance() - counts.mean();
        if (excess <= 1e-6 * counts.mean()) {
            return new BackgroundPrior(1e6 * meanMuT, 1e6 * horizonT);
        }
        double varMuT2 = excess;
        return new BackgroundPrior(meanMuT * meanMuT / varMuT2, horizonT * meanMuT / varMuT2);
    }

    /** The fitted parameters and the penalised log-likelihood reached. */
    public record Result(HawkesParameters parameters, double logLikelihood, double objective, BackgroundPrior prior,
            double emptyCellBackground) {}

    /** Fits to each cell's sorted event times in [0, T), with no further empty cells and no spread. */
    public Result fit(double[][] cellTimes, double horizonT) {
        return fit(cellTimes, null, 0, horizonT);
    }

    /** Spreads tried by the profile when cells have neighbours: own cell only, half, even over the 3 × 3 block. */
    static final double[] SPREADS = {0, 0.5, 8.0 / 9};

    /**
     * Fits to each cell's sorted event times in [0, T). {@code neighbours[n]} lists the cells (indices
     * into {@code cellTimes}) among the eight around cell n that hold events, or is null for the
     * per-cell model; the spread of offspring to neighbours is then profiled too. {@code emptyCells}
     * more cells of the region had no event (they shape the background prior and get its background
     * a/(T + b), 0 for the plain fit, without costing EM time).
     */
    public Result fit(double[][] cellTimes, int[][] neighbours, int emptyCells, double horizonT) {
        CountMoments counts = moments(cellTimes, emptyCells);
        // Two stages: the background prior is matched at the θ of the plain fit and then held fixed.
        // Letting it follow θ inside the EM feeds back (a low θ reads as extra heterogeneity, which
        // raises the background, which lowers θ) and biased θ down on simulated sparse data.
        BackgroundPrior prior = robust
                ? backgroundPrior(counts, plainStage().fit(cellTimes, neighbours, emptyCells, horizonT)
                        .parameters().theta(), horizonT)
                : new BackgroundPrior(0, 0);
        double[] mu = new double[cellTimes.length];
        int total = 0;
        for (int n = 0; n < cellTimes.length; n++) {
            mu[n] = (0.5 * cellTimes[n].length + prior.a()) / (horizonT + prior.b());
            total += cellTimes[n].length;
        }
        if (total == 0) {
            return new Result(new HawkesParameters(mu, thetaMode, 1.0 / 7), 0, 0, prior, 0);
        }
        Sources sources = Sources.of(cellTimes, neighbours);
        double[] spreads = neighbours == null ? new double[] {0} : SPREADS;
        double[] logOmegas = new double[GRID];
        for (int g = 0; g < GRID; g++) {
            logOmegas[g] = -Math.log(MIN_DELAY_DAYS * Math.pow(MAX_DELAY_DAYS / MIN_DELAY_DAYS, g / (GRID - 1.0)));
        }
        State best = null;
        int bestIndex = 0;
        for (double spread : spreads) {
            State previous = null;
            for (int g = 0; g < GRID; g += gridStride) {
                // Warm start from the neighbouring grid point: the EM then needs few iterations.
                State st = emAtOmega(cellTimes, sources, spread, horizonT, Math.exp(logOmegas[g]), prior,
                        previous == null ? mu : previous.mu, previous == null ? 0.5 : Math.max(previous.theta, 0.05));
                previous = st;
                if (best == null || st.objective > best.objective) {
                    best = st;
                    bestIndex = g;
                }
            }
        }
        double spread = best.spread;
        // Golden-section refinement of log ω between the grid neighbours of the best point.
        double lo = logOmegas[Math.min(GRID - 1, bestIndex + gridStride)];
        double hi = logOmegas[Math.max(0, bestIndex - gridStride)];
        double phi = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - phi * (hi - lo);
        double x2 = lo + phi * (hi - lo);
        State s1 = emAtOmega(cellTimes, sources, spread, horizonT, Math.exp(x1), prior, best.mu, best.theta);
        State s2 = emAtOmega(cellTimes, sources, spread, horizonT, Math.exp(x2), prior, best.mu, best.theta);
        for (int k = 0; k < 10 && hi - lo > 1e-3; k++) {
            if (s1.objective > s2.objective) {
                hi = x2;
                x2 = x1;
                s2 = s1;
                x1 = hi - phi * (hi - lo);
                s1 = emAtOmega(cellTimes, sources, spread, horizonT, Math.exp(x1), prior, s2.mu, s2.theta);
            } else {
                lo = x1;
                x1 = x2;
                s1 = s2;
                x2 = lo + phi * (hi - lo);
                s2 = emAtOmega(cellTimes, sources, spread, horizonT, Math.exp(x2), prior, s1.mu, s1.theta);
            }
        }
        for (State st : new State[] {s1, s2}) {
            if (st.objective > best.objective) {
                best = st;
            }
        }
        HawkesParameters p = new HawkesParameters(best.mu, best.theta, best.omega, best.spread);
        double ll = neighbours == null ? HawkesIntensity.logLikelihood(cellTimes, horizonT, p) : Double.NaN;
        return new Result(p, ll, best.objective, best.prior, best.prior.a() / (horizonT + best.prior.b()));
    }

    /** Each cell's own and neighbouring event times merged in time order, with a flag for its own. */
    record Sources(double[][] times, boolean[][] own) {
        static Sources of(double[][] cellTimes, int[][] neighbours) {
            double[][] times = new double[cellTimes.length][];
            boolean[][] own = new boolean[cellTimes.length][];
            for (int n = 0; n < cellTimes.length; n++) {
                int size = cellTimes[n].length;
                int[] around = neighbours == null || neighbours[n] == null ? new int[0] : neighbours[n];
                for (int m : around) {
                    size += cellTimes[m].length;
                }
                double[][] pairs = new double[size][];
                int k = 0;
                for (double t : cellTimes[n]) {
                    pairs[k++] = new double[] {t, 1};
                }
                for (int m : around) {
                    for (double t : cellTimes[m]) {
                        pairs[k++] = new double[] {t, 0};
                    }
                }
                java.util.Arrays.sort(pairs, (a, b) -> Double.compare(a[0], b[0]));
                times[n] = new double[size];
                own[n] = new boolean[size];
                for (int j = 0; j < size; j++) {
                    times[n][j] = pairs[j][0];
                    own[n][j] = pairs[j][1] == 1;
                }
            }
            return new Sources(times, own);
        }
    }

    private record State(double[] mu, double theta, double omega, double spread, double objective, BackgroundPrior prior) {}

    private State emAtOmega(double[][] cellTimes, Sources sources, double spread, double horizonT, double omega,
            BackgroundPrior prior, double[] mu0, double theta0) {
        int cells = cellTimes.length;
        double[][] g = new double[cells][];
        double e = 0;
        for (int n = 0; n < cells; n++) {
            double[] w = new double[sources.times()[n].length];
            for (int j = 0; j < w.length; j++) {
                w[j] = sources.own()[n][j] ? 1 - spread : spread / 8;
            }
            double[] a = HawkesIntensity.excitation(cellTimes[n], sources.times()[n], w, omega);
            for (int i = 0; i < a.length; i++) {
                a[i] *= omega;
                e += 1.0 - Math.exp(-omega * (horizonT - cellTimes[n][i]));
            }
            g[n] = a;
        }
        double[] mu = mu0.clone();
        double theta = Math.max(theta0, 1e-3);
        double priorA = robust ? thetaWeight * thetaMode : 0;
        double priorB = robust ? thetaWeight * (1 - thetaMode) : 0;
        for (int iter = 0; iter < maxIterations; iter++) {
            double triggered = 0;
            double change = 0;
            for (int n = 0; n < cells; n++) {
                double[] gn = g[n];
                double background = 0;
                for (double gi : gn) {
                    background += mu[n] / (mu[n] + theta * gi);
                }
                // Each event is background or triggered: p_ii + Σ_j p_ij = 1.
                triggered += gn.length - background;
                double next = (background + prior.a()) / (horizonT + prior.b());
                change = Math.max(change, Math.abs(next - mu[n]) / Math.max(next, 1e-300));
                mu[n] = next;
            }
            double nextTheta = thetaStep(triggered, e, priorA, priorB);
            change = Math.max(change, Math.abs(nextTheta - theta) / Math.max(nextTheta, 1e-12));
            theta = nextTheta;
            if (change < 1e-6) {
                break;
            }
        }
        double objective = 0;
        for (int n = 0; n < cells; n++) {
            objective -= mu[n] * horizonT;
            for (double gi : g[n]) {
                objective += Math.log(mu[n] + theta * gi);
            }
            if (robust && mu[n] > 0) {
                objective += prior.a() * Math.log(mu[n]) - prior.b() * mu[n];
            }
        }
        objective -= theta * e;
        if (robust) {
            objective += priorA * Math.log(theta) + priorB * Math.log(1 - theta);
        }
        return new State(mu, theta, omega, spread, objective, prior);
    }

    /** argmax of (P + A) log θ + B log(1 − θ) − θ E over (0, 1): the smaller root of E θ² − (P+A+B+E) θ + (P+A). */
    static double thetaStep(double triggered, double e, double a, double b) {
        double pa = triggered + a;
        if (e <= 0) {
            return pa / (pa + b);
        }
        double sum = pa + b + e;
        double disc = Math.max(0, sum * sum - 4 * e * pa);
        // The smaller root, written to avoid cancellation: 2c / (s + sqrt(disc)).
        return Math.min(1.0 - 1e-12, 2 * pa / (sum + Math.sqrt(disc)));
    }

    /**
     * Standard errors of (θ, ω) from the observed information of the (unpenalised) log-likelihood
     * at {@code p}, over all parameters (every μ_n of a cell with events, θ, ω), by central
     * differences. Meant for small fits (tests, diagnostics): it costs O(k²·N) for k parameters.
     */
    public static double[] standardErrors(double[][] cellTimes, double horizonT, HawkesParameters p) {
        int cells = cellTimes.length;
        int k = cells + 2;
        double[] x = new double[k];
        for (int n = 0; n < cells; n++) {
            x[n] = p.mu(n);
        }
        x[cells] = p.theta();
        x[cells + 1] = p.omega();
        double[] step = new double[k];
        for (int i = 0; i < k; i++) {
            step[i] = 1e-4 * Math.max(Math.abs(x[i]), 1e-8);
        }
        double f0 = ll(cellTimes, horizonT, x);
        double[][] h = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                double v;
                if (i == j) {
                    v = (ll(cellTimes, horizonT, shift(x, i, step[i], i, 0)) - 2 * f0
                            + ll(cellTimes, horizonT, shift(x, i, -step[i], i, 0))) / (step[i] * step[i]);
                } else {
                    v = (ll(cellTimes, horizonT, shift(x, i, step[i], j, step[j]))
                            - ll(cellTimes, horizonT, shift(x, i, step[i], j, -step[j]))
                            - ll(cellTimes, horizonT, shift(x, i, -step[i], j, step[j]))
                            + ll(cellTimes, horizonT, shift(x, i, -step[i], j, -step[j]))) / (4 * step[i] * step[j]);
                }
                h[i][j] = -v;
                h[j][i] = -v;
            }
        }
        double[][] cov = invert(h);
        return new double[] {Math.sqrt(cov[cells][cells]), Math.sqrt(cov[cells + 1][cells + 1])};
    }

    private static double[] shift(double[] x, int i, double di, int j, double dj) {
        double[] y = x.clone();
        y[i] += di;
        y[j] += dj;
        return y;
    }

    private static double ll(double[][] cellTimes, double horizonT, double[] x) {
        int cells = cellTimes.length;
        double[] mu = java.util.Arrays.copyOf(x, cells);
        return HawkesIntensity.logLikelihood(cellTimes, horizonT, new HawkesParameters(mu, x[cells], x[cells + 1]));
    }

    /** Gauss–Jordan inverse with partial pivoting of a small symmetric positive-definite matrix. */
    static double[][] invert(double[][] m) {
        int k = m.length;
        double[][] a = new double[k][2 * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(m[i], 0, a[i], 0, k);
            a[i][k + i] = 1;
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            double d = a[c][c];
            if (d == 0) {
                throw new IllegalArgumentException("singular information matrix");
            }
            for (int j = 0; j < 2 * k; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < k; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], k, inv[i], 0, k);
        }
        return inv;
    }
}
