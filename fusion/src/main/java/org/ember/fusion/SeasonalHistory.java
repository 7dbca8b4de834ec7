package org.ember.fusion;

import java.util.Arrays;

/**
 * Hourly counts a local authority's seasonal baseline learns from: bucket i starts at
 * {@code firstHour + i hours}. Kept in Flink state; the fitted model is rebuilt from it.
 *
 * <p>The constructor takes the array it is given as its own (no copy): a history is replaced at
 * every incident change, up to 400 days of hours each time, and a second copy per change was an
 * eighth of all the bytes a year's backtest allocated. Callers pass arrays they no longer change;
 * {@link #counts()} still hands out a copy.
 */
public record SeasonalHistory(long firstHour, long[] counts) {
    static final long HOUR = 3_600_000L;

    @Override
    public long[] counts() {
        return counts.clone();
    }

    long[] countsView() {
        return counts;
    }

    /** This history with {@code delta} added to the hour of {@code time}, never below zero. */
    SeasonalHistory add(long time, int delta) {
        long hour = Math.floorDiv(time, HOUR) * HOUR;
        long first = firstHour;
        long[] c = counts;
        if (hour < first) {
            int prepend = (int) ((first - hour) / HOUR);
            long[] grown = new long[c.length + prepend];
            System.arraycopy(c, 0, grown, prepend, c.length);
            c = grown;
            first = hour;
        }
        int index = (int) ((hour - first) / HOUR);
        if (index >= c.length) {
            c = Arrays.copyOf(c, index + 1);
        } else if (c == counts) {
            c = c.clone();
        }
        c[index] = Math.max(0, c[index] + delta);
        return new SeasonalHistory(first, c);
    }

    static SeasonalHistory starting(long time) {
        return new SeasonalHistory(Math.floorDiv(time, HOUR) * HOUR, new long[0]);
    }

    /** Drops buckets that start more than {@code keepMillis} before {@code asOf}. */
    SeasonalHistory trimmed(long asOf, long keepMillis) {
        long earliest = Math.floorDiv(asOf - keepMillis, HOUR) * HOUR;
        if (earliest <= firstHour) {
            return this;
        }
        int drop = (int) Math.min(counts.length, (earliest - firstHour) / HOUR);
        return new SeasonalHistory(earliest, Arrays.copyOfRange(counts, drop, counts.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeasonalHistory other && firstHour == other.firstHour && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(firstHour) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "SeasonalHistory[from " + firstHour + ", " + counts.length + " hours]";
    }
}
