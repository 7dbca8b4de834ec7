package org.ember.rules.counts;

import java.util.List;
import java.util.Map;
import org.ember.model.CountVocabulary;
import org.ember.model.IncidentCategory;

/**
 * Arithmetic of an area's counts kept as one bucket per event-time hour. A bucket holds one count
 * per (feed, category), "any" included.
 *
 * <p>Windows are running sums (see docs/rules.md, "When counts change"): a report enters every
 * window the moment it is processed and leaves window W at the end of its hour plus W
 * ({@link #exits}), so a window of 24 h holds the reports of the current hour and of the 24 whole
 * hours before it. Only the exits need timers; the entry is immediate. {@link #windowCounts} gives
 * the same sums from the buckets, for reports that came on time.
 */
public final class HourlyCounts {
    public static final long HOUR = 3_600_000L;
    static final int FEEDS = CountVocabulary.FEEDS.size();
    static final int CATEGORIES = CountVocabulary.CATEGORIES.size();
    public static final int BUCKET_SIZE = FEEDS * CATEGORIES;
    private static final long[] WINDOW_MILLIS = CountVocabulary.WINDOWS.stream()
            .mapToLong(w -> CountVocabulary.windowLength(w).toMillis())
            .toArray();

    private HourlyCounts() {}

    public static long hourOf(long eventTime) {
        return Math.floorDiv(eventTime, HOUR) * HOUR;
    }

    /** The first hour boundary strictly after {@code time}. */
    public static long nextBoundaryAfter(long time) {
        return hourOf(time) + HOUR;
    }

    public static long[] emptyBucket() {
        return new long[BUCKET_SIZE];
    }

    /** Adds {@code delta} reports of one feed and category (and to "weapon" if flagged). */
    public static void add(long[] bucket, String feed, String category, boolean weapon, int delta) {
        int[] feeds = {0, CountVocabulary.FEEDS.indexOf(feed)};
        int primary = CountVocabulary.CATEGORIES.indexOf(category);
        int weaponIndex = CountVocabulary.CATEGORIES.indexOf(IncidentCategory.WEAPON);
        for (int f : feeds) {
            if (f < 0) {
                throw new IllegalArgumentException("unknown feed '" + feed + "'");
            }
            bucket[f * CATEGORIES] += delta;
            if (primary > 0) {
                bucket[f * CATEGORIES + primary] += delta;
            }
            if (weapon && primary != weaponIndex) {
                bucket[f * CATEGORIES + weaponIndex] += delta;
            }
        }
    }

    /** The number of windows (1 h, 24 h, 7 d). */
    public static int windows() {
        return WINDOW_MILLIS.length;
    }

    /**
     * When the bucket of {@code hour} leaves window {@code w}: the end of its hour plus the window.
     * Exits of different windows never coincide for one bucket, so a timer at {@code t} means window
     * {@code w} for the bucket of {@link #exitingHour}{@code (w, t)}.
     */
    public static long exit(long hour, int w) {
        return hour + HOUR + WINDOW_MILLIS[w];
    }

    /** The hour whose bucket leaves window {@code w} at {@code time}. */
    public static long exitingHour(int w, long time) {
        return time - HOUR - WINDOW_MILLIS[w];
    }

    /** The exits of the bucket of {@code hour}, one per window, in window order. */
    public static long[] exits(long hour) {
        long[] out = new long[WINDOW_MILLIS.length];
        for (int w = 0; w < out.length; w++) {
            out[w] = exit(hour, w);
        }
        return out;
    }

    /**
     * Adds {@code bucketDelta} (a bucket's change) to the running sums of every window the bucket of
     * {@code hour} has not left by {@code clock} (exits at or before the clock have happened).
     *
     * @return whether any window took it (false: the bucket had left every window, the report is too late to count)
     */
    public static boolean enter(long[] sums, long[] bucketDelta, long hour, long clock) {
        return enterWindows(sums, bucketDelta, hour, clock) != 0;
    }

    /**
     * {@link #enter}, saying which windows took the change: bit {@code w} is set when window {@code w}
     * did (0: none did, the report is too late to count).
     */
    public static int enterWindows(long[] sums, long[] bucketDelta, long hour, long clock) {
        int entered = 0;
        for (int w = 0; w < WINDOW_MILLIS.length; w++) {
            if (exit(hour, w) > clock) {
                addInto(sums, w, bucketDelta, 1);
                entered |= 1 << w;
            }
        }
        return entered;
    }

    /**
     * Whether some bucket can leave a window at {@code time}: only at whole hours, since a bucket's
     * hour is a whole hour ({@link #hourOf}) and every window is whole hours long. At any other time
     * {@link #exitingHour} names no bucket.
     */
    public static boolean isExitTime(long time) {
        return Math.floorMod(time, HOUR) == 0;
    }

    /** Takes a bucket out of the running sums of window {@code w} (its exit time has come). */
    public static void leave(long[] sums, long[] bucket, int w) {
        addInto(sums, w, bucket, -1);
    }

    private static void addInto(long[] sums, int w, long[] bucket, int sign) {
        int offset = w * BUCKET_SIZE;
        for (int i = 0; i < BUCKET_SIZE; i++) {
            sums[offset + i] += sign * bucket[i];
        }
    }

    /** The running sums of one report: {@link #add} into an empty bucket. */
    public static long[] single(String feed, String category, boolean weapon, int delta) {
        long[] bucket = emptyBucket();
        add(bucket, feed, category, weapon, delta);
        return bucket;
    }

    public static boolean isZero(long[] values) {
        for (long v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Hour boundaries at which the bucket of {@code hour} changes some window's counts. */
    public static List<Long> changePoints(long hour) {
        long end = hour + HOUR;
        return List.of(end, end + WINDOW_MILLIS[0], end + WINDOW_MILLIS[1], end + WINDOW_MILLIS[2]);
    }

    /** Whether the bucket of {@code hour} has left every window at boundary {@code asOf}. */
    public static boolean expired(long hour, long asOf) {
        return hour + HOUR + WINDOW_MILLIS[WINDOW_MILLIS.length - 1] <= asOf;
    }

    /** The counts vector (indexed by {@link CountVocabulary}) of the windows ending at {@code asOf}. */
    public static long[] windowCounts(Iterable<Map.Entry<Long, long[]>> buckets, long asOf) {
        long[] counts = new long[CountVocabulary.SIZE];
        for (Map.Entry<Long, long[]> entry : buckets) {
            long hour = entry.getKey();
            if (hour >= asOf) {
                continue;
            }
            for (int w = 0; w < WINDOW_MILLIS.length; w++) {
                if (hour >= asOf - WINDOW_MILLIS[w]) {
                    long[] bucket = entry.getValue();
                    int offset = w * BUCKET_SIZE;
                    for (int i = 0; i < BUCKET_SIZE; i++) {
                        counts[offset + i] += bucket[i];
                    }
                }
            }
        }
        return counts;
    }
}
