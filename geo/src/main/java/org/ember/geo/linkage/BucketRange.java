package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FeedTimeBuckets buckets} of one feed numbered {@code from} to {@code to}: what the linker
 * reads at once, so that a book can answer a range without a look-up per bucket (most are empty).
 */
public record BucketRange(String feed, long from, long to) {

    /** The bucket names of {@code ranges}, range by range, each in bucket order. */
    public static List<String> names(List<BucketRange> ranges) {
        List<String> out = new ArrayList<>();
        for (BucketRange r : ranges) {
            for (long b = r.from(); b <= r.to(); b++) {
                out.add(FeedTimeBuckets.key(r.feed(), b));
            }
        }
        return out;
    }
}
