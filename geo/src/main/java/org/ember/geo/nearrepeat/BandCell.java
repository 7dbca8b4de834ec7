package org.ember.geo.nearrepeat;

/**
 * One cell of a near-repeat table: pairs of events whose distance is in {@code spaceBand} and
 * whose time gap is in {@code timeBand}.
 *
 * @param observed pairs observed
 * @param expected mean count over the permutations of event times
 * @param ratio Knox ratio observed/expected (NaN when expected is 0)
 * @param p one-sided Monte Carlo p-value (1 + #{permutations with count ≥ observed})/(B + 1)
 */
public record BandCell(int spaceIndex, int timeIndex, String spaceBand, String timeBand,
                       long observed, double expected, double ratio, double p) {}
