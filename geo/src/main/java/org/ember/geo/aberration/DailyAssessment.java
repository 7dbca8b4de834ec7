package org.ember.geo.aberration;

/**
 * One day (or period) assessed by a daily detector. {@code statistic} is the detector's own test
 * statistic (its meaning is documented on each detector); NaN means not computable.
 *
 * @param index 0-based position in the input series
 */
public record DailyAssessment(int index, long observed, double statistic, double upperBound, boolean alarm) {}
