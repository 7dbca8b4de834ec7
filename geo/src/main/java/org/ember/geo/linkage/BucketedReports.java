package org.ember.geo.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One book's reports by {@link FeedTimeBuckets bucket}, the reports themselves and not their keys,
 * each bucket in filing order: a copy in task memory of what a state-backed {@link LinkBook} keeps
 * as bucket → keys and key → report. Reading a bucket's reports is then one lookup per bucket
 * instead of one per report, which is what {@link LinkBook#reportsIn} costs most in the stream job
 * (a new report reads every report of its partner buckets, an expiry pass every report it passes).
 * Per feed the filled buckets are a sorted array of their numbers, so a {@link BucketRange} costs a
 * binary search and touches only the buckets that hold reports: a hash look-up per bucket, most of
 * them empty, was the larger part of that cost.
 *
 * <p>Only a copy: the book keeps the state as the source of truth and builds this from it when
 * it has none (after a restore, {@link #rebuild}), so a checkpoint holds everything. The book must
 * tell it every change ({@link #put}, {@link #remove}) with the version it replaces.
 */
public final class BucketedReports {
    /** One feed's filled buckets: numbers ascending, and each one's reports in filing order. */
    private static final class FeedBuckets {
        long[] numbers = new long[16];
        List<List<FiledReport>> filed = new ArrayList<>(16);
        int size;

        /** Index of {@code number}, or {@code -(insertion point) - 1}. */
        int find(long number) {
            return java.util.Arrays.binarySearch(numbers, 0, size, number);
        }

        List<FiledReport> get(long number) {
            int at = find(number);
            return at >= 0 ? filed.get(at) : null;
        }

        List<FiledReport> getOrAdd(long number) {
            int at = find(number);
            if (at >= 0) {
                return filed.get(at);
            }
            int insert = -at - 1;
            if (size == numbers.length) {
                numbers = java.util.Arrays.copyOf(numbers, size * 2);
            }
            System.arraycopy(numbers, insert, numbers, insert + 1, size - insert);
            numbers[insert] = number;
            List<FiledReport> bucket = new ArrayList<>(4);
            filed.add(insert, bucket);
            size++;
            return bucket;
        }

        void removeAt(int at) {
            System.arraycopy(numbers, at + 1, numbers, at, size - at - 1);
            filed.remove(at);
            size--;
        }

        /** Appends the reports of buckets {@code from} to {@code to}. */
        void collect(long from, long to, List<FiledReport> out) {
            int at = find(from);
            for (int i = at >= 0 ? at : -at - 1; i < size && numbers[i] <= to; i++) {
                out.addAll(filed.get(i));
            }
        }
    }

    private final Map<String, FeedBuckets> feeds = new HashMap<>(4);
    private int buckets;

    /**
     * The index of a book's state: {@code keysByBucket} as the book keeps it (bucket name → report
     * keys in filing order), {@code reportOf} its key → report.
     */
    public static BucketedReports rebuild(Iterable<Map.Entry<String, List<String>>> keysByBucket,
            java.util.function.Function<String, FiledReport> reportOf) {
        BucketedReports index = new BucketedReports();
        for (Map.Entry<String, List<String>> e : keysByBucket) {
            String name = e.getKey();
            int at = name.lastIndexOf('@');
            String feed = name.substring(0, at);
            long number = Long.parseLong(name.substring(at + 1));
            for (String key : e.getValue()) {
                FiledReport report = reportOf.apply(key);
                if (report == null) {
                    throw new IllegalStateException("linkage state: bucket " + name + " files report " + key
                            + " that the book does not hold");
                }
                index.file(feed, number).add(report);
            }
        }
        return index;
    }

    private List<FiledReport> file(String feed, long number) {
        FeedBuckets of = feeds.computeIfAbsent(feed, f -> new FeedBuckets());
        int before = of.size;
        List<FiledReport> bucket = of.getOrAdd(number);
        buckets += of.size - before;
        return bucket;
    }

    /**
     * Files {@code report}, which replaces {@code before} (null: a new key). A version in the same
     * bucket keeps its place there; one that moves goes to the end of its new bucket, as the book
     * files it.
     */
    public void put(FiledReport before, FiledReport report) {
        Report r = report.report();
        if (before != null) {
            Report was = before.report();
            if (was.feed().equals(r.feed()) && FeedTimeBuckets.number(was) == FeedTimeBuckets.number(r)) {
                FeedBuckets of = feeds.get(r.feed());
                List<FiledReport> filed = of == null ? null : of.get(FeedTimeBuckets.number(r));
                int at = filed == null ? -1 : indexOf(filed, r.key());
                if (at < 0) {
                    throw new IllegalStateException("linkage index: report " + r.key() + " not in "
                            + FeedTimeBuckets.of(r));
                }
                filed.set(at, report);
                return;
            }
            remove(before);
        }
        file(r.feed(), FeedTimeBuckets.number(r)).add(report);
    }

    /** Forgets {@code before}, the version filed under its key. */
    public void remove(FiledReport before) {
        Report r = before.report();
        FeedBuckets of = feeds.get(r.feed());
        if (of == null) {
            return;
        }
        int bucket = of.find(FeedTimeBuckets.number(r));
        if (bucket < 0) {
            return;
        }
        List<FiledReport> filed = of.filed.get(bucket);
        int at = indexOf(filed, r.key());
        if (at >= 0) {
            filed.remove(at);
            if (filed.isEmpty()) {
                of.removeAt(bucket);
                buckets--;
            }
        }
    }

    /** Every report filed in {@code ranges}, range by range, bucket by bucket, each in filing order. */
    public List<FiledReport> reportsInRanges(List<BucketRange> ranges) {
        List<FiledReport> out = new ArrayList<>();
        for (BucketRange range : ranges) {
            FeedBuckets of = feeds.get(range.feed());
            if (of != null) {
                of.collect(range.from(), range.to(), out);
            }
        }
        return out;
    }

    /** Every report filed in the buckets named {@code wanted}, bucket by bucket in that order. */
    public List<FiledReport> reportsIn(List<String> wanted) {
        List<FiledReport> out = new ArrayList<>();
        for (String name : wanted) {
            int at = name.lastIndexOf('@');
            FeedBuckets of = feeds.get(name.substring(0, at));
            List<FiledReport> filed = of == null ? null : of.get(Long.parseLong(name.substring(at + 1)));
            if (filed != null) {
                out.addAll(filed);
            }
        }
        return out;
    }

    /** Whether no report is filed. */
    public boolean isEmpty() {
        return buckets == 0;
    }

    /** Number of buckets with a report in them. */
    public int bucketCount() {
        return buckets;
    }

    private static int indexOf(List<FiledReport> filed, String key) {
        for (int i = 0; i < filed.size(); i++) {
            if (filed.get(i).report().key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
