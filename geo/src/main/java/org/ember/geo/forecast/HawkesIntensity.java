package org.ember.geo.forecast;

/**
 * Intensity and log-likelihood of the per-cell exponential Hawkes process (see
 * {@link HawkesParameters}). Each cell's event times are given sorted, relative to the start of the
 * training window [0, T). The exponential kernel lets the sum over earlier events run as a
 * recursion, A_i = e^{−ω(t_i − t_{i−1})}(1 + A_{i−1}), so the likelihood costs O(N)
 * (Ozaki 1979); {@link #intensityDirect} is the double sum it must equal.
 */
public final class HawkesIntensity {
    private HawkesIntensity() {}

    /** λ(t) by the defining sum over the events of one cell before t. */
    public static double intensityDirect(double[] times, double mu, double theta, double omega, double t) {
        double sum = 0;
        for (double ti : times) {
            if (ti < t) {
                sum += Math.exp(-omega * (t - ti));
            }
        }
        return mu + theta * omega * sum;
    }

    /** λ just before each event of a cell, by the recursion: λ(t_i) = μ + θ ω A_i. */
    public static double[] intensityAtEvents(double[] times, double mu, double theta, double omega) {
        double[] a = excitation(times, omega);
        double[] out = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            out[i] = mu + theta * omega * a[i];
        }
        return out;
    }

    /**
     * A_i = Σ_{j: t_j &lt; t_i} exp(−ω(t_i − t_j)) for each event, by recursion. Events at the same
     * time do not excite each other (two incidents logged in the same minute are not one's trigger
     * of the other), so the recursion carries the sum over earlier times and the size of the
     * current group of tied events.
     */
    public static double[] excitation(double[] times, double omega) {
        double[] a = new double[times.length];
        double before = 0;
        int tied = 0;
        for (int i = 0; i < times.length; i++) {
            if (i > 0 && times[i] > times[i - 1]) {
                before = (before + tied) * Math.exp(-omega * (times[i] - times[i - 1]));
                tied = 0;
            }
            a[i] = before;
            tied++;
        }
        return a;
    }

    /**
     * A_i = Σ_j w_j exp(−ω(t_i − s_j)) over weighted source events strictly before each target
     * t_i: the excitation of a cell by its own events (weight 1 − spread) and its neighbours'
     * (spread/8 each). Sources and targets sorted; a running decayed sum makes it O(sources + targets).
     */
    public static double[] excitation(double[] targets, double[] sources, double[] weights, double omega) {
        double[] a = new double[targets.length];
        double sum = 0;
        double at = Double.NEGATIVE_INFINITY;
        int p = 0;
        for (int i = 0; i < targets.length; i++) {
            while (p < sources.length && sources[p] < targets[i]) {
                sum = (p == 0 ? 0 : sum * Math.exp(-omega * (sources[p] - at))) + weights[p];
                at = sources[p];
                p++;
            }
            a[i] = p == 0 ? 0 : sum * Math.exp(-omega * (targets[i] - at));
        }
        return a;
    }

    /**
     * Log-likelihood of all cells over [0, T):
     * Σ_n [Σ_i log λ_n(t_i) − μ_n T − θ Σ_i (1 − e^{−ω(T − t_i)})]. Cells without events contribute −μ_n T.
     */
    public static double logLikelihood(double[][] cellTimes, double horizonT, HawkesParameters p) {
        double ll = 0;
        for (int n = 0; n < cellTimes.length; n++) {
            double[] times = cellTimes[n];
            double mu = p.mu(n);
            ll -= mu * horizonT;
            double[] a = excitation(times, p.omega());
            for (int i = 0; i < times.length; i++) {
                ll += Math.log(mu + p.theta() * p.omega() * a[i]);
                ll -= p.theta() * (1.0 - Math.exp(-p.omega() * (horizonT - times[i])));
            }
        }
        return ll;
    }

    /**
     * Expected events of a cell in [T, T + H) given its events before T, counting triggering by
     * the events already seen but not by those inside the horizon (a first-order forecast):
     * μ H + θ Σ_i e^{−ω(T − t_i)} (1 − e^{−ω H}).
     */
    public static double expectedCount(double[] times, double mu, double theta, double omega, double t, double h) {
        double sum = 0;
        for (double ti : times) {
            if (ti < t) {
                sum += Math.exp(-omega * (t - ti));
            }
        }
        return mu * h + theta * sum * (1.0 - Math.exp(-omega * h));
    }
}
