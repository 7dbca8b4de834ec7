package org.ember.rules.counts;

import java.util.List;
import java.util.Map;
import org.ember.model.CountVocabulary;
import org.ember.model.IncidentCategory;

/**
 * Arithmetic of an area's counts kept as one bucket per event-time hour. A bucket holds one count
 * per (feed, category), "any" included; the counts of a window ending at an hour boundary T are the
 * sums of the buckets whose hour lies in [T − window, T).
 *
 * <p>Counts only change at hour boundaries when a bucket enters or leaves a window, so instead of
 * sliding every window every hour the job sets a timer at exactly those {@link #changePoints}.
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
