package org.ember.model;

import java.util.Arrays;

/**
 * Counts of one area at one hour boundary, for every (window, feed, category) of the
 * {@link CountVocabulary}. Published on {@code ember.hotspots} and read by the rules.
 *
 * @param layer  "lsoa" or "lad"
 * @param areaId area code
 * @param asOf   event time the counts hold at (an hour boundary), epoch milliseconds
 * @param counts one entry per {@link CountVocabulary} index
 */
public record AreaCounts(String layer, String areaId, long asOf, long[] counts) {

    public long count(String window, String feed, String category) {
        return counts[CountVocabulary.index(window, feed, category)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AreaCounts other
                && layer.equals(other.layer)
                && areaId.equals(other.areaId)
                && asOf == other.asOf
                && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * layer.hashCode() + areaId.hashCode()) + Long.hashCode(asOf) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "AreaCounts[" + layer + ":" + areaId + " @" + asOf + " any/24h=" + count("24h", "any", "any") + "]";
    }
}
