package org.ember.geo.seasonal;

import java.time.Instant;

/**
 * Expected count of a bucket and how unusual an observed count is.
 *
 * @param upperBound the (1 − α) quantile of the predictive distribution
 * @param exceedanceProbability P(Y ≥ observed) under the baseline (small = unusual)
 * @param dispersion quasi-Poisson φ (≥ 1) of the current fit
 */
public record SeasonalPrediction(Instant bucket, double expected, double upperBound, double exceedanceProbability,
        double dispersion) {}
