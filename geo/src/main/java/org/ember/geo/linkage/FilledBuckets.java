package org.ember.geo.linkage;

import java.util.Arrays;

/**
 * The {@linkplain FeedTimeBuckets#number bucket numbers} of a book that hold a report of any feed,
 * ascending and distinct, as a {@code long[]} a keyed state can hold: after an expiry pass the next
 * one can start at the next bucket with a report in it instead of walking every empty quarter hour
 * of a quiet block. Each change returns a new array (a checkpoint may still read the old one).
 */
public final class FilledBuckets {
    private FilledBuckets() {}

    /** {@code filled} with {@code number} in it. */
    public static long[] with(long[] filled, long number) {
        long[] from = filled == null ? new long[0] : filled;
        int at = Arrays.binarySearch(from, number);
        if (at >= 0) {
            return from;
        }
        int insert = -at - 1;
        long[] out = new long[from.length + 1];
        System.arraycopy(from, 0, out, 0, insert);
        out[insert] = number;
        System.arraycopy(from, insert, out, insert + 1, from.length - insert);
        return out;
    }

    /** {@code filled} without {@code number}. */
    public static long[] without(long[] filled, long number) {
        if (filled == null) {
            return new long[0];
        }
        int at = Arrays.binarySearch(filled, number);
        if (at < 0) {
            return filled;
        }
        long[] out = new long[filled.length - 1];
        System.arraycopy(filled, 0, out, 0, at);
        System.arraycopy(filled, at + 1, out, at, filled.length - at - 1);
        return out;
    }

    /** The first number at or after {@code number}, or {@code Long.MAX_VALUE} when none. */
    public static long firstFrom(long[] filled, long number) {
        if (filled == null) {
            return Long.MAX_VALUE;
        }
        int i = indexFrom(filled, number);
        return i < filled.length ? filled[i] : Long.MAX_VALUE;
    }

    /** The index in {@code filled} (not null) of the first number at or after {@code number}; its length when none. */
    public static int indexFrom(long[] filled, long number) {
        int at = Arrays.binarySearch(filled, number);
        return at >= 0 ? at : -at - 1;
    }

    /**
     * The {@code from} of the next expiry pass after one at {@code now}: no later than the expiry of
     * any report kept. Reports in buckets before the pass's last are due (forgotten, or held, which
     * {@code afterPass} accounts for); the rest lie in {@code filled} from that bucket on.
     *
     * @param afterPass what the pass returned (now + 1, or the earliest held expiry)
     */
    public static long nextFrom(long afterPass, long now, long[] filled, LinkageSettings settings) {
        if (afterPass <= now) {
            return afterPass; // a due report held for its incident: the next pass reads from it
        }
        long next = firstFrom(filled, FeedTimeBuckets.lastDue(now, settings));
        return next == Long.MAX_VALUE ? afterPass : Math.max(afterPass, FeedTimeBuckets.firstExpiry(next, settings));
    }
}
