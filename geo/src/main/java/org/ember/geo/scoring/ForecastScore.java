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
 */
public record ForecastScore(double coverage, int cells, double hitRate, double pai, double pei) {}
