package org.ember.geo.linkage;

/**
 * A run of one feed's {@link FeedTimeBuckets buckets}, by number, {@code first} to {@code last}
 * inclusive: what the linker asks a {@link LinkBook} for. Numbers rather than bucket names, so that
 * a book which knows its filled buckets ({@link FilledBuckets}) names and reads only those.
 *
 * @param feed  feed code
 * @param first first bucket number
 * @param last  last bucket number (before {@code first}: none)
 */
public record BucketSpan(String feed, long first, long last) {}
