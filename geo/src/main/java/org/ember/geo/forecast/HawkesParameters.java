package org.ember.geo.forecast;

/**
 * Parameters of the per-cell self-exciting point process of Mohler et al. (2015):
 * λ_n(t) = μ_n + θ ω Σ_{t_i &lt; t, i in n} exp(−ω (t − t_i)), times in days.
 *
 * @param mu background rate of each cell (events per day)
 * @param theta branching ratio: expected direct offspring per event (0 ≤ θ &lt; 1)
 * @param omega decay rate of triggering per day (mean delay 1/ω)
 * @param spread share of each event's offspring that falls in the eight neighbouring cells (the
 *     rest in its own cell): 0 is the per-cell model of Mohler et al.; 8/9 spreads evenly over the 3 × 3 block
 */
public record HawkesParameters(double[] mu, double theta, double omega, double spread) {
    public HawkesParameters {
        mu = mu.clone();
    }

    /** The per-cell model (no spread). */
    public HawkesParameters(double[] mu, double theta, double omega) {
        this(mu, theta, omega, 0);
    }

    @Override
    public double[] mu() {
        return mu.clone();
    }

    public double mu(int cell) {
        return mu[cell];
    }

    public int cells() {
        return mu.length;
    }
}
