package org.ember.geo.emerging;

/**
 * The emerging hot spot outcome of one location.
 *
 * @param location the location's id
 * @param category its category
 * @param hotSteps number of steps that were significant hot spots
 * @param coldSteps number of steps that were significant cold spots
 * @param trendTau Mann–Kendall tau of its Gi* z series (NaN with fewer than 3 steps)
 * @param trendP two-sided p-value of that trend (NaN with fewer than 3 steps)
 */
public record LocationTrend(String location, HotSpotCategory category, int hotSteps, int coldSteps,
                            double trendTau, double trendP) {}
