package org.ember.fusion;

import java.util.Arrays;
import java.util.Map;

/**
 * What a local authority's early-warning scan keeps across days ({@link EarlyWarningLayer}), as
 * primitive arrays so Flink stores it without Kryo: the scan locations' ids (250 m grid cell ids),
 * the latest closed day, the days added in all, the counts of the days held ({@code counts[back × ids
 * + z]}, {@code back = 0} the latest day), each location's absorbed excess and alerted flag, and the
 * latest day's score per location (0 when no cluster covers it), how many incident changes arrived
 * for a day already closed and moved its counts ({@code lateChanges}: late records, corrections and
 * cancellations; see {@link #revised}), and each location's LSOA ({@code lsoas}, "" when none: the
 * area its score is published on, see {@link EarlyWarningLayer}).
 */
public record EarlyWarningHistory(String[] ids, long lastEpochDay, int daysSeen, int[] counts, double[] excess,
        boolean[] alerted, double[] scores, long lateChanges, String[] lsoas) {

    public EarlyWarningHistory {
        if (lsoas == null) {
            // State written before the scan moved to cells has no labels: its locations were LSOAs
            // (kept at their centroids by the layer until their counts leave the days held).
            lsoas = ids;
        }
        if (ids.length == 0 ? counts.length != 0 : counts.length % ids.length != 0) {
            throw new IllegalArgumentException(counts.length + " counts for " + ids.length + " locations");
        }
        if (excess.length != ids.length || alerted.length != ids.length || scores.length != ids.length
                || lsoas.length != ids.length) {
            throw new IllegalArgumentException("per-location arrays must have " + ids.length + " entries");
        }
        // The arrays are taken as they are, not copied: a history is replaced at every late change
        // of a closed day and its arrays shared with the one it replaces; callers pass arrays they
        // no longer change, and the accessors hand out copies.
    }

    /** A history whose locations are their own areas (each location's LSOA is its id). */
    public EarlyWarningHistory(String[] ids, long lastEpochDay, int daysSeen, int[] counts, double[] excess,
            boolean[] alerted, double[] scores, long lateChanges) {
        this(ids, lastEpochDay, daysSeen, counts, excess, alerted, scores, lateChanges, ids);
    }

    /** A history with no late changes counted yet, whose locations are their own areas. */
    public EarlyWarningHistory(String[] ids, long lastEpochDay, int daysSeen, int[] counts, double[] excess,
            boolean[] alerted, double[] scores) {
        this(ids, lastEpochDay, daysSeen, counts, excess, alerted, scores, 0);
    }

    /**
     * This history with a location added that has no counts yet (0 on every day held, no excess, not
     * alerted, score 0), labelled {@code lsoa}; this same object when it is held already.
     */
    public EarlyWarningHistory withLocation(String id, String lsoa) {
        if (indexOf(id) >= 0) {
            return this;
        }
        int n = ids.length;
        int days = daysHeld();
        String[] moreIds = Arrays.copyOf(ids, n + 1);
        moreIds[n] = id;
        String[] moreLsoas = Arrays.copyOf(lsoas, n + 1);
        moreLsoas[n] = lsoa == null ? "" : lsoa;
        int[] moreCounts = new int[days * (n + 1)];
        for (int back = 0; back < days; back++) {
            System.arraycopy(counts, back * n, moreCounts, back * (n + 1), n);
        }
        return new EarlyWarningHistory(moreIds, lastEpochDay, daysSeen, moreCounts, Arrays.copyOf(excess, n + 1),
                Arrays.copyOf(alerted, n + 1), Arrays.copyOf(scores, n + 1), lateChanges, moreLsoas);
    }

    /** How many locations are held (the length of {@link #ids()}, without copying it). */
    public int locationCount() {
        return ids.length;
    }

    /** Days of counts held (the latest closed day and the ones before it, at most the scan's capacity). */
    public int daysHeld() {
        return ids.length == 0 ? 0 : counts.length / ids.length;
    }

    /** The count of {@code id} on a held day, or −1 when the day or the location is not held. */
    public int count(long epochDay, String id) {
        int at = index(epochDay, id);
        return at < 0 ? -1 : counts[at];
    }

    /**
     * This history with the incidents of closed days moved by {@code deltas} (day → location → change
     * of count), and {@code lateChanges} one higher when any count moved; this same object when none
     * did (a day still open, older than the days held, a location not scanned, or changes that cancel
     * out). Counts never go below 0. The scores, excess and alerted flags are left as they are: the
     * closed days' scores are not recomputed, the next day's scan sees the revised counts.
     */
    public EarlyWarningHistory revised(Map<Long, Map<String, Integer>> deltas) {
        int[] next = null;
        for (Map.Entry<Long, Map<String, Integer>> day : deltas.entrySet()) {
            for (Map.Entry<String, Integer> e : day.getValue().entrySet()) {
                int at = index(day.getKey(), e.getKey());
                if (at < 0 || e.getValue() == 0) {
                    continue;
                }
                int[] into = next == null ? counts : next;
                int moved = Math.max(0, into[at] + e.getValue());
                if (moved != into[at]) {
                    if (next == null) {
                        next = counts.clone();
                    }
                    next[at] = moved;
                }
            }
        }
        return next == null ? this
                : new EarlyWarningHistory(ids, lastEpochDay, daysSeen, next, excess, alerted, scores, lateChanges + 1, lsoas);
    }

    private int index(long epochDay, String id) {
        long back = lastEpochDay - epochDay;
        if (back < 0 || back >= daysHeld()) {
            return -1;
        }
        int z = indexOf(id);
        return z < 0 ? -1 : (int) back * ids.length + z;
    }

    /**
     * Index of a location, or −1. The layer writes its locations in id order, so a binary search
     * finds them; a location appended by {@link #withLocation} since, or the order of an older
     * state, can make it miss, so a miss is confirmed by looking at every id (the ids are distinct,
     * so a hit is the location).
     */
    private int indexOf(String id) {
        int z = Arrays.binarySearch(ids, id);
        if (z >= 0 && ids[z].equals(id)) {
            return z;
        }
        for (z = 0; z < ids.length; z++) {
            if (ids[z].equals(id)) {
                return z;
            }
        }
        return -1;
    }

    /** The arrays themselves, for readers in this package that do not change them (the accessors copy). */
    String[] idsView() {
        return ids;
    }

    int[] countsView() {
        return counts;
    }

    double[] excessView() {
        return excess;
    }

    boolean[] alertedView() {
        return alerted;
    }

    String[] lsoasView() {
        return lsoas;
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
    public String[] lsoas() {
        return lsoas.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EarlyWarningHistory h && lastEpochDay == h.lastEpochDay && daysSeen == h.daysSeen
                && lateChanges == h.lateChanges
                && Arrays.equals(ids, h.ids) && Arrays.equals(counts, h.counts) && Arrays.equals(excess, h.excess)
                && Arrays.equals(alerted, h.alerted) && Arrays.equals(scores, h.scores) && Arrays.equals(lsoas, h.lsoas);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lastEpochDay) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "EarlyWarningHistory[" + ids.length + " locations to day " + lastEpochDay + ", " + daysSeen + " days, "
                + lateChanges + " late changes]";
    }
}
