package org.ember.geo.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Event counts per UTC hour bucket (see {@link LondonHours}); read back per local London day. */
public final class HourlyCounts {
    private final TreeMap<Instant, Long> counts = new TreeMap<>();

    public void add(Instant t, long n) {
        counts.merge(LondonHours.bucket(t), n, Long::sum);
    }

    public void add(Instant t) {
        add(t, 1);
    }

    /** Counts of the local day's buckets, in order: 23, 24 or 25 values. */
    public long[] localDay(LocalDate day) {
        List<Instant> buckets = LondonHours.bucketsOf(day);
        long[] out = new long[buckets.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.getOrDefault(buckets.get(i), 0L);
        }
        return out;
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<Instant, Long> asMap() {
        return java.util.Collections.unmodifiableMap(counts);
    }
}
