package org.ember.fusion;

import java.util.Arrays;

/**
 * What a local authority's early-warning scan keeps across days ({@link EarlyWarningLayer}), as
 * primitive arrays so Flink stores it without Kryo: the scan locations' ids (LSOA codes), the latest
 * closed day, the days added in all, the counts of the days held ({@code counts[back × ids + z]},
 * {@code back = 0} the latest day), each location's absorbed excess and alerted flag, and the
 * latest day's score per location (the metric, 0 when no cluster covers it).
 */
public record EarlyWarningHistory(String[] ids, long lastEpochDay, int daysSeen, int[] counts, double[] excess,
        boolean[] alerted, double[] scores) {

    public EarlyWarningHistory {
        ids = ids.clone();
        counts = counts.clone();
        excess = excess.clone();
        alerted = alerted.clone();
        scores = scores.clone();
    }

    @Override
    public String[] ids() {
        return ids.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public double[] excess() {
        return excess.clone();
    }

    @Override
    public boolean[] alerted() {
        return alerted.clone();
    }

    @Override
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EarlyWarningHistory h && lastEpochDay == h.lastEpochDay && daysSeen == h.daysSeen
                && Arrays.equals(ids, h.ids) && Arrays.equals(counts, h.counts) && Arrays.equals(excess, h.excess)
                && Arrays.equals(alerted, h.alerted) && Arrays.equals(scores, h.scores);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastEpochDay) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "EarlyWarningHistory[" + ids.length + " locations to day " + lastEpochDay + ", " + daysSeen + " days]";
    }
}
