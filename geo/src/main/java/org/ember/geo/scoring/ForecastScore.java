package org.ember.geo.scoring;

/**
 * Scores of a ranked forecast at one coverage.
 *
 * @param coverage requested fraction of the study area (cells)
 * @param cells cells flagged (the top-ranked ⌈coverage·N⌉, at least 1)
 * @param hitRate n/N: share of the events that fell in the flagged cells
 * @param pai predictive accuracy index (n/N)/(a/A) (Chainey, Tompson &amp; Uhlig 2008)
 * @param pei predictive efficiency index: PAI / the best PAI any choice of as many cells could reach
 *     (Hunt 2016), i.e. n / n_max
 * @param rri recapture rate index (Levine 2008): (n/n₀)/(N/N₀), where n₀ and N₀ count the events of
 *     the period before the forecast in the flagged cells and in the study area; NaN when no earlier
 *     period was given or n₀ = 0
 */
public record ForecastScore(double coverage, int cells, double hitRate, double pai, double pei, double rri) {
    /** A score without a recapture rate index (no earlier period). */
    public ForecastScore(double coverage, int cells, double hitRate, double pai, double pei) {
        this(coverage, cells, hitRate, pai, pei, Double.NaN);
    }
}
