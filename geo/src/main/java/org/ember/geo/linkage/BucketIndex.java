package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link LinkBook}'s reports filed by {@link FeedTimeBuckets bucket} over a key-value {@link Store}
 * (keyed map state in the job): each bucket's report keys in filing order, and the
 * {@link FilledBuckets} numbers that hold a report of some feed.
 *
 * <p>Besides the store, and derived from it only, the index keeps in memory which bucket numbers
 * each feed fills, per scope (the job's key; {@link #enter}). A read names and reads only the
 * buckets that hold something: a partner window or an expiry pass spans a few quarter hours of
 * each feed, most of which are empty for that feed even where another feed has a report. The
 * memory is rebuilt from the store's bucket names the first time a scope is entered (after a
 * restart, for instance) and dropped when the scope's buckets are all empty.
 */
public final class BucketIndex {
    /**
     * Where the index lives. Lists handed to {@link #put} are new each time and never changed after
     * (a checkpoint may still be reading an old one).
     */
    public interface Store {
        /** A bucket's report keys, or null when it has none. */
        List<String> get(String bucket);

        void put(String bucket, List<String> keys);

        void remove(String bucket);

        /** Every bucket that holds a report. */
        Iterable<String> buckets();

        /** The filled bucket numbers (null: none). */
        long[] filled();

        /** Replaces the filled numbers; an empty array clears them. */
        void filled(long[] numbers);
    }

    /** Slots of the bucket-name cache: a few weeks of quarter hours of three feeds. */
    private static final int NAME_SLOTS = 1 << 12;

    private final Store store;
    private final List<String> feeds;
    /** Per scope, the bucket numbers each feed fills, ascending ({@link FilledBuckets} arrays). */
    private final Map<Object, Map<String, long[]>> byScope = new HashMap<>();
    private Object scope;
    private Map<String, long[]> byFeed;
    /**
     * Recent bucket names by (feed, number), direct-mapped: a name is built, and its hash computed,
     * once and not at every look-up; the same instance as the store's key makes its equality check
     * a reference comparison.
     */
    private final String[] names = new String[NAME_SLOTS];
    private final String[] nameFeeds = new String[NAME_SLOTS];
    private final long[] nameNumbers = new long[NAME_SLOTS];

    /** @param feeds every feed whose reports are filed ({@link LinkageSettings#linkedFeeds()}) */
    public BucketIndex(Store store, List<String> feeds) {
        this.store = store;
        this.feeds = feeds;
    }

    /** The store now shows the buckets of {@code scope}: every call until the next one is about them. */
    public void enter(Object scope) {
        this.scope = scope;
        this.byFeed = null;
    }

    /** The current scope's numbers per feed, rebuilt from the store's bucket names when not in memory. */
    private Map<String, long[]> byFeed() {
        if (byFeed == null) {
            byFeed = byScope.get(scope);
            if (byFeed == null) {
                byFeed = new HashMap<>();
                for (String bucket : store.buckets()) {
                    byFeed.merge(FeedTimeBuckets.feedOf(bucket), new long[] {FeedTimeBuckets.numberOf(bucket)},
                            (known, one) -> FilledBuckets.with(known, one[0]));
                }
                if (!byFeed.isEmpty()) {
                    byScope.put(scope, byFeed);
                }
            }
        }
        return byFeed;
    }

    /** Whether the feed fills bucket {@code number}: whether the store has that bucket. */
    private boolean fills(String feed, long number) {
        long[] numbers = byFeed().get(feed);
        return numbers != null && java.util.Arrays.binarySearch(numbers, number) >= 0;
    }

    private void filledNow(String feed, long number) {
        Map<String, long[]> numbers = byFeed();
        if (numbers.isEmpty()) {
            byScope.put(scope, numbers); // kept in memory only while something is filed
        }
        numbers.merge(feed, new long[] {number}, (known, one) -> FilledBuckets.with(known, one[0]));
    }

    private void emptiedNow(String feed, long number) {
        Map<String, long[]> numbers = byFeed();
        long[] left = FilledBuckets.without(numbers.get(feed), number);
        if (left.length == 0) {
            numbers.remove(feed);
            if (numbers.isEmpty()) {
                byScope.remove(scope); // nothing filed: a quiet scope keeps no memory
            }
        } else {
            numbers.put(feed, left);
        }
    }

    /**
     * Files {@code report}, put under its key in place of {@code held} (null: none): in its bucket,
     * unless it is there already, and out of the one {@code held} was in.
     */
    public void file(FiledReport report, FiledReport held) {
        String key = report.report().key();
        String feed = report.report().feed();
        long number = FeedTimeBuckets.number(report.report());
        if (held != null) {
            if (held.report().feed().equals(feed) && FeedTimeBuckets.number(held.report()) == number) {
                return;
            }
            unfile(held);
        }
        String bucket = name(feed, number);
        List<String> keys = fills(feed, number) ? store.get(bucket) : null;
        if (keys == null) {
            long[] known = store.filled();
            long[] with = FilledBuckets.with(known, number);
            if (with != known) { // another feed may fill the number already
                store.filled(with);
            }
            filledNow(feed, number);
        }
        List<String> filed = new ArrayList<>(keys == null ? 1 : keys.size() + 1);
        if (keys != null) {
            filed.addAll(keys);
        }
        filed.add(key);
        store.put(bucket, filed);
    }

    /** Takes {@code held}, a report being removed, out of its bucket. */
    public void unfile(FiledReport held) {
        String feed = held.report().feed();
        long number = FeedTimeBuckets.number(held.report());
        if (!fills(feed, number)) {
            return;
        }
        String bucket = name(feed, number);
        List<String> rest = new ArrayList<>(store.get(bucket));
        rest.remove(held.report().key());
        if (rest.isEmpty()) {
            store.remove(bucket);
            emptiedNow(feed, number);
            if (!anyAt(number)) {
                unfill(new long[] {number});
            }
        } else {
            store.put(bucket, rest);
        }
    }

    /**
     * {@link #unfile} of each of {@code held}, each bucket read and written once: a bucket keeps the
     * order of the keys left, and a number leaves the filled ones when no feed has a report there at
     * the end, as after the removals one by one.
     */
    public void unfileAll(List<FiledReport> held) {
        Map<String, List<String>> leaving = new LinkedHashMap<>();
        Map<String, Report> ofBucket = new HashMap<>();
        for (FiledReport report : held) {
            String bucket = name(report.report());
            List<String> keys = leaving.get(bucket);
            if (keys == null) {
                keys = new ArrayList<>(2);
                leaving.put(bucket, keys);
                ofBucket.put(bucket, report.report());
            }
            keys.add(report.report().key());
        }
        long[] emptied = new long[0];
        for (Map.Entry<String, List<String>> e : leaving.entrySet()) {
            Report one = ofBucket.get(e.getKey());
            long number = FeedTimeBuckets.number(one);
            if (!fills(one.feed(), number)) {
                continue;
            }
            List<String> rest = new ArrayList<>(store.get(e.getKey()));
            for (String key : e.getValue()) {
                rest.remove(key);
            }
            if (rest.isEmpty()) {
                store.remove(e.getKey());
                emptiedNow(one.feed(), number);
                emptied = FilledBuckets.with(emptied, number);
            } else {
                store.put(e.getKey(), rest);
            }
        }
        long[] unfilled = new long[0];
        for (long number : emptied) {
            if (!anyAt(number)) {
                unfilled = FilledBuckets.with(unfilled, number);
            }
        }
        if (unfilled.length > 0) {
            unfill(unfilled);
        }
    }

    /**
     * The keys of the reports filed in {@code spans}, span by span, in bucket order, each bucket in
     * filing order: {@link LinkBook#reportsIn}'s order.
     */
    public List<String> keysIn(List<BucketSpan> spans) {
        List<String> out = new ArrayList<>();
        for (BucketSpan span : spans) {
            long[] filled = byFeed().get(span.feed());
            if (filled == null) {
                continue;
            }
            for (int i = FilledBuckets.indexFrom(filled, span.first()); i < filled.length && filled[i] <= span.last(); i++) {
                out.addAll(store.get(name(span.feed(), filled[i])));
            }
        }
        return out;
    }

    /** {@link FeedTimeBuckets#of}. */
    private String name(Report report) {
        return name(report.feed(), FeedTimeBuckets.number(report));
    }

    /** {@link FeedTimeBuckets#bucket}, from the cache when it holds the name. */
    String name(String feed, long number) {
        int slot = (int) (number * 31 + feed.hashCode()) & (NAME_SLOTS - 1);
        String cached = names[slot];
        if (cached != null && nameNumbers[slot] == number && nameFeeds[slot].equals(feed)) {
            return cached;
        }
        String made = FeedTimeBuckets.bucket(feed, number);
        names[slot] = made;
        nameFeeds[slot] = feed;
        nameNumbers[slot] = number;
        return made;
    }

    /** Whether a linked feed has a report in bucket {@code number}. */
    private boolean anyAt(long number) {
        for (String feed : feeds) {
            if (fills(feed, number)) {
                return true;
            }
        }
        return false;
    }

    private void unfill(long[] numbers) {
        long[] left = store.filled();
        for (long number : numbers) {
            left = FilledBuckets.without(left, number);
        }
        store.filled(left);
    }
}
