package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link LinkBook} files a report so that the linker reads only its possible partners: one
 * bucket per feed and quarter hour of event time. A report can only join an incident through a
 * member of a feed it has a {@link PairWindow} with, within the widest gap of its windows; any
 * other member rules the incident out anyway. So a new report reads the buckets of its partner
 * feeds around its time, not every report of the last {@link LinkageSettings#retention()} (eight
 * days by default), and the work per report follows how many reports could match it, not how many
 * are kept.
 */
public final class FeedTimeBuckets {
    /** Bucket width: a window's gap spans a few buckets, and a bucket holds a few minutes of a feed. */
    static final long BUCKET_MILLIS = 15 * 60_000L;

    /** A feed a report may link with, and the widest gap of their window. */
    private record Partner(String feed, long gap) {}

    private final java.util.Map<String, List<Partner>> partners = new java.util.HashMap<>();

    public FeedTimeBuckets(LinkageSettings settings) {
        for (String feed : settings.linkedFeeds()) {
            List<Partner> of = new ArrayList<>();
            for (String partner : settings.linkedFeeds()) {
                if (!partner.equals(feed)) {
                    settings.window(feed, partner).ifPresent(w -> of.add(new Partner(partner, w.maxGap().toMillis())));
                }
            }
            partners.put(feed, List.copyOf(of));
        }
    }

    /** The number of the quarter hour of event time a report is filed in, whatever its feed. */
    public static long number(Report report) {
        return Math.floorDiv(report.time(), BUCKET_MILLIS);
    }

    /** The name of a feed's bucket by number. */
    public static String bucket(String feed, long number) {
        return key(feed, number);
    }

    /**
     * The earliest {@code from} of an expiry pass that can find anything to forget among reports
     * filed from bucket {@code number} on: the expiry of a report at that bucket's start.
     */
    public static long firstExpiry(long number, LinkageSettings settings) {
        return number * BUCKET_MILLIS + settings.retention().toMillis();
    }

    /** The last bucket an expiry pass at {@code now} reads: later ones hold nothing due. */
    public static long lastDue(long now, LinkageSettings settings) {
        return Math.floorDiv(now - settings.retention().toMillis(), BUCKET_MILLIS);
    }

    /** The bucket a report is filed in. */
    public static String of(Report report) {
        return key(report.feed(), Math.floorDiv(report.time(), BUCKET_MILLIS));
    }

    /**
     * The buckets that hold every report a report of {@code feed} at {@code time} could link with:
     * those of each partner feed from {@code time − gap} to {@code time + gap}, where gap is the
     * widest window of the pair. In a fixed order (feeds sorted, then time).
     */
    public List<BucketSpan> partnersOf(String feed, long time) {
        List<Partner> of = partners.getOrDefault(feed, List.of());
        List<BucketSpan> spans = new ArrayList<>(of.size());
        for (Partner partner : of) {
            spans.add(new BucketSpan(partner.feed(), Math.floorDiv(time - partner.gap(), BUCKET_MILLIS),
                    Math.floorDiv(time + partner.gap(), BUCKET_MILLIS)));
        }
        return spans;
    }

    static String key(String feed, long bucket) {
        return feed + "@" + bucket;
    }

    /** The quarter-hour number of a bucket {@link #key}. */
    public static long numberOf(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('@') + 1));
    }

    /** The feed of a bucket {@link #key}. */
    static String feedOf(String key) {
        return key.substring(0, key.lastIndexOf('@'));
    }
}
